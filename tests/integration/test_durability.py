"""A confirmed booking survives a crash of the process (SIGKILL) on the embedded SQLite database,
and a server asked to stop (SIGTERM) stops promptly, with its background services."""
import time

import requests


def test_a_confirmed_booking_survives_sigkill(servers, tmp_path):
    database = str(tmp_path / "crash.sqlite")
    server = servers(database)
    # A sticker (VAA): a product that needs no invitation from the case system.
    slots = requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": "VAA"}, timeout=10).json()["slots"]
    hold = requests.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "VAA", "slot": slots[0]["key"]}, timeout=10)
    assert hold.status_code == 201
    customer = {"name": "Ana Silva", "email": "ana@example.nl", "bsn": "111222333", "vNumber": "1234567890", "language": "en"}
    booked = requests.post(server.url("/api/v1/appointments"), json={"hold": hold.json()["id"], "holdToken": hold.json()["token"], "customer": customer}, timeout=10)
    assert booked.status_code == 201
    appointment = booked.json()
    server.kill()

    again = servers(database)
    seen = requests.get(again.url(f"/api/v1/appointments/{appointment['id']}"),
                        headers={"Authorization": f"Bearer {appointment['manageToken']}"}, timeout=10)
    assert seen.status_code == 200
    assert seen.json()["state"] == "confirmed"
    assert seen.json()["slot"] == slots[0]["key"]


def test_the_default_network_serves_the_planner_api(servers, tmp_path):
    """A third-party planner client pointed at a fresh Loket finds slots."""
    server = servers(str(tmp_path / "fresh.sqlite"))
    for desk in ("AM", "DH", "ZW", "DB"):
        body = requests.get(server.url(f"/oap/api/desks/{desk}/slots/"), params={"productKey": "BIO", "persons": 1}, timeout=10).text
        assert body.startswith(")]}',\n{\"status\":\"OK\",\"data\":[{\"key\":")
    closed = requests.get(server.url("/oap/api/desks/RO/slots/"), params={"productKey": "BIO", "persons": 1}, timeout=10)
    assert closed.status_code == 200
    assert closed.text == ")]}',\n{\"status\":\"OK\",\"data\":[]}"


def test_sigterm_stops_the_server_promptly_with_a_connection_open(servers, tmp_path):
    server = servers(str(tmp_path / "stop.sqlite"))
    session = requests.Session()  # keeps its connection open
    assert session.get(server.url("/api/v1/desks"), timeout=10).status_code == 200
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 5
    assert server.process.returncode == 0


def test_metrics_are_not_on_the_public_address_unless_asked(servers, tmp_path):
    """/metrics tells, to the second, when capacity frees: by default only on --metrics-address."""
    from conftest import free_port
    metrics_port = free_port()
    server = servers(str(tmp_path / "metrics.sqlite"), extra_args=["--metrics-address", f"127.0.0.1:{metrics_port}"])
    assert requests.get(server.url("/metrics"), timeout=10).status_code == 404
    assert requests.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10).status_code == 200
    plain = servers(str(tmp_path / "plain.sqlite"))
    assert requests.get(plain.url("/metrics"), timeout=10).status_code == 404
    public = servers(str(tmp_path / "public.sqlite"), extra_args=["--public-metrics"])
    assert "loket_holds_total" in requests.get(public.url("/metrics"), timeout=10).text
