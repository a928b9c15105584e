"""Structured logs and request ids against a real server: with `--log-format json` every line is
one JSON object with time, level and message; each request has a line with its id (the one in
`X-Request-Id`), route, status and duration; the mail a booking wrote names the booking's request
when it is sent; and no name, email address or V-number appears in any line."""
import json
import subprocess
import time

import requests

from conftest import Server


def test_json_lines_name_the_request_and_no_person(tmp_path):
    mail = tmp_path / "mail"
    server = Server(str(tmp_path / "logs.sqlite"), extra_args=[
        "--log-format", "json", "--log-level", "info", "--mail-folder", str(mail),
        "--trusted-proxy", "127.0.0.1", "--clock-start", "2026-12-07T07:00:00Z"])
    try:
        slots = requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": "VAA"}, timeout=10).json()["slots"]
        hold = requests.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "VAA", "slot": slots[0]["key"]},
                             timeout=10).json()
        booked = requests.post(server.url("/api/v1/appointments"), headers={"X-Request-Id": "lb-4711"}, json={
            "hold": hold["id"], "holdToken": hold["token"],
            "customer": {"name": "Xandra Quist", "email": "xandra.quist@example.nl", "phone": "+31612345678",
                         "vNumber": "8070605040", "language": "en"}}, timeout=10)
        assert booked.status_code == 201 and booked.headers["X-Request-Id"] == "lb-4711"
        refused = requests.post(server.url("/api/v1/appointments"), json={"hold": "nope", "holdToken": "x",
                                "customer": {"name": "Yara Quist", "email": "yara@example.nl", "language": "en"}},
                                timeout=10)
        assert refused.status_code in (404, 410, 422) and refused.headers["X-Request-Id"]
        deadline = time.monotonic() + 30
        while not (mail.exists() and list(mail.glob("*.eml"))):
            assert time.monotonic() < deadline, "the confirmation was not sent"
            time.sleep(0.1)  # the mail dispatcher polls the outbox; waiting for its file
    finally:
        server.stop()
    text = server.process.stdout.read().decode()
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert lines, text
    for line in lines:
        assert {"time", "level", "message"} <= line.keys(), line
        assert line["time"].endswith("Z")
    requests_logged = [line for line in lines if line["message"] == "request"]
    booking = [line for line in requests_logged if line.get("request") == "lb-4711"]
    assert len(booking) == 1 and booking[0]["route"] == "/api/v1/appointments" and booking[0]["status"] == "201"
    assert float(booking[0]["durationMs"]) > 0 and booking[0]["method"] == "POST"
    assert any(line.get("request") == refused.headers["X-Request-Id"] and line["status"] == str(refused.status_code)
               for line in requests_logged)
    # Work the request caused carries its id, the mail sent later included.
    assert any(line["message"] == "appointment confirmed" and line.get("request") == "lb-4711" for line in lines)
    assert any(line["message"] == "mail sent" and line.get("request") == "lb-4711" for line in lines), text
    for personal in ("Xandra", "Quist", "xandra.quist", "yara@", "8070605040", "612345678"):
        assert personal not in text, personal
