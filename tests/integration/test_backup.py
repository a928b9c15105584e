"""The restore drill, on both engines: bookings run at full speed while `loket backup` copies the
database; the copy restored into a fresh database holds every booking acknowledged before the
backup began, passes `loket verify` (no unit over capacity, every counter equal to the bookings
that use it), and a server on a quiet database's restored copy serves the same slot lists."""
import re
import subprocess
import threading
import time

import pytest
import requests

from conftest import BINARY, ROOT

# 02:00 at the desks: no slot of the day starts while the drill runs, so servers started a few
# seconds apart list the same slots.
CLOCK = "2026-12-07T01:00:00Z"


def loket(*args):
    done = subprocess.run([str(BINARY), *args, "--log-level", "warning"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def network(tmp_path):
    """The shipped network with the per-client limits off: the drill books from one address."""
    shipped = (ROOT / "Sources" / "LoketConfig" / "Resources" / "desk-network.yaml").read_text()
    text = re.sub(r"  limits:\n(    .*\n)+", "  limits: {enabled: false}\n", shipped, count=1)
    path = tmp_path / "desks.yaml"
    path.write_text(text)
    return path


def book_until(server, stop, acknowledged, worker):
    """Books VAA at Den Haag, one slot after another, recording (when acknowledged, id, token)."""
    session = requests.Session()
    slots = session.get(server.url("/api/v1/desks/DH/slots"), params={"product": "VAA"}, timeout=10).json()["slots"]
    for index, slot in enumerate(slots[worker::8]):
        if stop.is_set():
            return
        hold = session.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "VAA", "slot": slot["key"]},
                            timeout=10)
        if hold.status_code != 201:
            continue
        booked = session.post(server.url("/api/v1/appointments"), json={
            "hold": hold.json()["id"], "holdToken": hold.json()["token"],
            "customer": {"name": "Drill Person", "email": "drill@example.nl", "vNumber": f"{worker}{index:09d}",
                         "language": "en"}}, timeout=10)
        if booked.status_code == 201:
            acknowledged.append((time.monotonic(), booked.json()["id"], booked.json()["manageToken"]))


def slot_lists(server):
    return {product: requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": product}, timeout=10).json()
            for product in ("VAA", "BIO", "DOC")}


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_restore_drill(engine, new_database, servers, tmp_path):
    desks = network(tmp_path)
    original, restored, quiet_copy = (new_database(engine, name) for name in ("live", "restored", "quiet"))
    backup, quiet_backup = tmp_path / "live.backup", tmp_path / "quiet.backup"
    server = servers(original, desks=desks, extra_args=["--clock-start", CLOCK])

    stop, acknowledged = threading.Event(), []
    workers = [threading.Thread(target=book_until, args=(server, stop, acknowledged, w), daemon=True) for w in range(8)]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < 200:
        assert time.monotonic() < deadline, f"only {len(acknowledged)} bookings in a minute"
        time.sleep(0.01)  # waiting for bookings to be under way, not test synchronisation
    began = time.monotonic()
    before = [(id, token) for at, id, token in list(acknowledged) if at < began]
    loket("backup", "--database", original, "--to", str(backup), "--desks", str(desks))
    during = len(acknowledged) - len(before)
    stop.set()
    for worker in workers:
        worker.join(60)
    assert during > 0, "bookings went on while the backup was taken"

    said = loket("restore", "--from", str(backup), "--database", restored, "--desks", str(desks))
    assert said.startswith("Restored")
    assert loket("verify", "--database", restored, "--desks", str(desks)).strip() == "The database is sound."
    copy = servers(restored, desks=desks, extra_args=["--clock-start", CLOCK])
    for id, token in before:
        found = requests.get(copy.url(f"/api/v1/appointments/{id}"), headers={"Authorization": f"Bearer {token}"},
                             timeout=10)
        assert found.status_code == 200 and found.json()["state"] == "confirmed", found.text

    # Quiet now: a copy of the original serves the same slot lists as the original.
    loket("backup", "--database", original, "--to", str(quiet_backup), "--desks", str(desks))
    loket("restore", "--from", str(quiet_backup), "--database", quiet_copy, "--desks", str(desks))
    quiet = servers(quiet_copy, desks=desks, extra_args=["--clock-start", CLOCK])
    assert slot_lists(quiet) == slot_lists(server)

    # A restore never lands on a database in use, and a backup never overwrites a file.
    refused = subprocess.run([str(BINARY), "restore", "--from", str(backup), "--database", original],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "--replace" in refused.stderr
    again = subprocess.run([str(BINARY), "backup", "--database", original, "--to", str(backup)],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode != 0 and "exists already" in again.stderr
