"""Partner webhooks: signed with HMAC-SHA256, retried after a failure, for the partner's own bookings."""
import hashlib
import hmac
import json
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import requests

from conftest import BINARY, FIXTURES


class Receiver:
    """A webhook endpoint on loopback that refuses the first delivery, then accepts."""

    def __init__(self):
        self.received = []
        self.attempts = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.attempts += 1
                if receiver.attempts == 1:
                    self.send_response(500)
                    self.end_headers()
                    return
                receiver.received.append((dict(self.headers), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        # Bound here, on a port the kernel picks: no other process can take it in between.
        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count, seconds=30):
        deadline = time.monotonic() + seconds
        while len(self.received) < count:
            assert time.monotonic() < deadline, f"expected {count} webhook deliveries, got {len(self.received)}"
            time.sleep(0.02)
        return self.received[count - 1]


def test_partner_webhooks_are_signed_and_retried(servers, tmp_path):
    receiver = Receiver()
    database = str(tmp_path / "hooks.sqlite")
    desks = FIXTURES / "one-slot-network.yaml"
    output = subprocess.run([str(BINARY), "partner", "--name", "COA", "--quota", "ONE=5", "--webhook-url", receiver.url,
                             "--database", database, "--desks", str(desks)], check=True, capture_output=True, text=True).stdout.splitlines()
    api_key, secret = output[1], output[3]
    assert api_key.startswith("lk_") and secret.startswith("whsec_")
    server = servers(database, desks=desks)
    slot = requests.get(server.url("/api/v1/desks/ONE/slots"), params={"product": "BIO"}, timeout=10).json()["slots"][0]
    booked = requests.post(server.url("/api/v1/partner/bookings"), headers={"Authorization": f"Bearer {api_key}"}, json={"bookings": [
        {"desk": "ONE", "product": "BIO", "slot": slot["key"], "customer": {"name": "Status Holder", "email": "sh@example.nl", "vNumber": "3333333333"}}]}, timeout=10)
    assert booked.status_code == 201
    appointment = booked.json()["bookings"][0]

    headers, body = receiver.wait_for(1)
    assert receiver.attempts == 2  # the first delivery was refused and retried
    expected = "sha256=" + hmac.new(secret.encode(), f"{headers['X-Loket-Timestamp']}.".encode() + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Loket-Signature"], expected)
    event = json.loads(body)
    assert event["event"] == "booking.confirmed"
    assert event["appointment"]["id"] == appointment["id"]
    assert "email" not in body.decode()  # no personal data in the event

    cancelled = requests.delete(server.url(f"/api/v1/appointments/{appointment['id']}"),
                                headers={"Authorization": f"Bearer {appointment['manageToken']}"}, timeout=10)
    assert cancelled.ok
    headers, body = receiver.wait_for(2)
    assert json.loads(body)["event"] == "booking.cancelled"
    assert headers["X-Loket-Delivery"] != receiver.received[0][0]["X-Loket-Delivery"]
    receiver.server.shutdown()
