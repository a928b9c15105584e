"""Traces against a real server and a real OTLP/HTTP receiver on loopback: with `--otlp-endpoint`,
a booking makes a server span for its request (named for the route), a span for the confirm use
case carrying the request's id, and a span for its database transaction, all in one trace that
continues the caller's `traceparent`; the spans of the last requests are sent as the server stops;
the log line of the request names the same trace; no personal data and no manage token is in any
span. Without the option nothing is sent, even with OpenTelemetry's own variables set."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

from conftest import Server


class Receiver:
    """A minimal OTLP/HTTP collector: keeps every span posted to /v1/traces."""

    def __init__(self):
        self.spans = []
        self.resources = []
        self.paths = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.paths.append((self.path, self.headers["Content-Type"]))
                request = trace_service_pb2.ExportTraceServiceRequest()
                request.ParseFromString(body)
                for resource_spans in request.resource_spans:
                    receiver.resources.append(resource_spans.resource)
                    for scope_spans in resource_spans.scope_spans:
                        receiver.spans.extend(scope_spans.spans)
                answer = trace_service_pb2.ExportTraceServiceResponse().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def attributes(span):
    values = {}
    for attribute in span.attributes:
        value = attribute.value
        values[attribute.key] = value.string_value or value.int_value or value.bool_value
    return values


def book(server, name, email, request_id=None, traceparent=None):
    slots = requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": "VAA"}, timeout=10).json()["slots"]
    hold = requests.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "VAA", "slot": slots[0]["key"]},
                         timeout=10).json()
    headers = {}
    if request_id:
        headers["X-Request-Id"] = request_id
    if traceparent:
        headers["traceparent"] = traceparent
    booked = requests.post(server.url("/api/v1/appointments"), headers=headers, json={
        "hold": hold["id"], "holdToken": hold["token"],
        "customer": {"name": name, "email": email, "vNumber": "8070605040", "language": "en"}}, timeout=10)
    assert booked.status_code == 201, booked.text
    return booked


def test_a_booking_is_traced_from_request_to_transaction(tmp_path):
    receiver = Receiver()
    caller_trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    server = Server(str(tmp_path / "traced.sqlite"), extra_args=[
        "--otlp-endpoint", receiver.url, "--log-format", "json", "--log-level", "info",
        "--trusted-proxy", "127.0.0.1", "--clock-start", "2026-12-07T07:00:00Z"])
    try:
        booked = book(server, "Xandra Quist", "xandra.quist@example.nl", request_id="lb-4711",
                      traceparent=f"00-{caller_trace}-00f067aa0ba902b7-01")
        appointment = booked.json()
        manage = requests.get(server.url(f"/manage/{appointment['id']}"),
                              params={"token": appointment["manageToken"]}, timeout=10)
        assert manage.status_code == 200
        # The language switch's way back carries the page's own query, token and all.
        switched = requests.get(server.url("/language"), allow_redirects=False, timeout=10, params={
            "to": "nl", "back": f"/manage/{appointment['id']}?token={appointment['manageToken']}"})
        assert switched.status_code in (302, 303)
    finally:
        server.stop()  # the exporter sends what it holds as the server stops
        receiver.close()
    assert receiver.paths and all(path == "/v1/traces" and kind == "application/x-protobuf"
                                  for path, kind in receiver.paths), receiver.paths
    service = {a.key: a.value.string_value for a in receiver.resources[0].attributes}
    assert service["service.name"] == "loket"

    by_id = {span.span_id: span for span in receiver.spans}
    confirm = [span for span in receiver.spans if span.name == "booking.confirm"]
    assert len(confirm) == 1, [span.name for span in receiver.spans]
    confirm = confirm[0]
    assert attributes(confirm)["loket.request_id"] == "lb-4711"
    # Its parent is the request's server span, named for the route, in the caller's trace.
    request = by_id[confirm.parent_span_id]
    assert request.name == "/api/v1/appointments" and request.kind == request.SPAN_KIND_SERVER
    assert request.trace_id.hex() == caller_trace
    assert request.parent_span_id.hex() == "00f067aa0ba902b7"
    request_attributes = attributes(request)
    assert request_attributes["http.request.method"] == "POST"
    assert request_attributes["http.response.status_code"] == 201
    assert "net.sock.peer.addr" not in request_attributes
    # The confirm's database transaction is its child.
    transactions = [span for span in receiver.spans
                    if span.parent_span_id == confirm.span_id and span.name == "db.transaction"]
    assert len(transactions) == 1 and transactions[0].kind == transactions[0].SPAN_KIND_CLIENT
    assert attributes(transactions[0])["db.system.name"] == "sqlite"
    assert all(span.end_time_unix_nano >= span.start_time_unix_nano > 0 for span in receiver.spans)

    # The manage page's span has the token redacted from its query.
    manage_spans = [span for span in receiver.spans if span.name == "/manage/{id}"]
    assert len(manage_spans) == 1
    assert attributes(manage_spans[0])["url.query"] == "token=REDACTED"
    switch_spans = [span for span in receiver.spans if span.name == "/language"]
    assert len(switch_spans) == 1 and attributes(switch_spans[0])["url.query"] == "to=nl&back=REDACTED"

    recorded = b"".join(span.SerializeToString() for span in receiver.spans)
    for secret in (b"Xandra", b"Quist", b"xandra.quist", b"8070605040", appointment["manageToken"].encode()):
        assert secret not in recorded, secret

    # The request's log line names the same trace.
    lines = [json.loads(line) for line in server.process.stdout.read().decode().splitlines() if line.strip()]
    logged = [line for line in lines if line.get("message") == "request" and line.get("request") == "lb-4711"]
    assert len(logged) == 1 and logged[0]["trace_id"] == caller_trace


def test_nothing_is_sent_without_an_endpoint(tmp_path):
    receiver = Receiver()
    server = Server(str(tmp_path / "untraced.sqlite"), extra_args=["--clock-start", "2026-12-07T07:00:00Z"],
                    extra_env={"OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url, "OTEL_TRACES_EXPORTER": "otlp"})
    try:
        book(server, "Yara Quist", "yara@example.nl")
    finally:
        server.stop()
        receiver.close()
    assert receiver.spans == [] and receiver.paths == []
