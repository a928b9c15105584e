"""An upgrade without downtime, on one PostgreSQL: the previous release (packaging/previous-release,
built by scripts/previous-release) serves and books; the new release starts beside it and applies
its migrations while the previous one keeps booking; then both book side by side. Migrations only
expand the schema (new tables, nullable columns, indexes), so neither release meets an error, and
afterwards every counter matches the bookings and no unit is over its capacity (`loket verify`)."""
import subprocess
import threading
from pathlib import Path

import pytest
import requests

from conftest import BINARY, FIXTURES, ROOT

NETWORK = FIXTURES / "race-network.yaml"


def book_until(server, stop, outcomes, worker):
    """Holds and confirms one slot after another (a V-number per booking), recording each answer."""
    session = requests.Session()
    index = 0
    while not stop.is_set():
        slots = session.get(server.url("/api/v1/desks/RACE/slots"), params={"product": "BIO"}, timeout=30).json()["slots"]
        if not slots:
            return
        slot = slots[(worker * 7 + index) % len(slots)]
        hold = session.post(server.url("/api/v1/holds"), timeout=30,
                            json={"desk": "RACE", "product": "BIO", "slot": slot["key"]})
        outcomes.append(("hold", hold.status_code))
        if hold.status_code == 201:
            booked = session.post(server.url("/api/v1/appointments"), timeout=30, json={
                "hold": hold.json()["id"], "holdToken": hold.json()["token"],
                "customer": {"name": "Upgrade Person", "email": "up@example.nl", "language": "en",
                             "vNumber": f"{worker:02d}{index:08d}"}})
            outcomes.append(("confirm", booked.status_code))
        index += 1


def test_the_previous_and_the_new_release_book_side_by_side(postgres_database, servers):
    built = subprocess.run([str(ROOT / "scripts" / "previous-release")], capture_output=True, text=True, timeout=3000)
    if built.returncode == 3:
        pytest.skip(built.stderr.strip())
    assert built.returncode == 0, built.stderr[-3000:]
    previous = Path(built.stdout.strip().splitlines()[-1])

    old = servers(postgres_database, desks=NETWORK, binary=previous)
    stop, outcomes = threading.Event(), {"old": [], "new": []}
    workers = [threading.Thread(target=book_until, args=(old, stop, outcomes["old"], w), daemon=True) for w in range(4)]
    for worker in workers:
        worker.start()
    while len(outcomes["old"]) < 20:
        assert all(worker.is_alive() for worker in workers)
        stop.wait(0.05)  # bookings under way on the previous release before the new one starts
    before = len(outcomes["old"])
    new = servers(postgres_database, desks=NETWORK)  # migrates while the previous release books
    more = [threading.Thread(target=book_until, args=(new, stop, outcomes["new"], w), daemon=True)
            for w in range(4, 8)]
    for worker in more:
        worker.start()
    while len(outcomes["new"]) < 40 or len(outcomes["old"]) < before + 40:
        assert any(worker.is_alive() for worker in workers + more), "bookings stopped"
        stop.wait(0.05)
    stop.set()
    for worker in workers + more:
        worker.join(60)

    for release, answers in outcomes.items():
        unexpected = [(what, status) for what, status in answers if status not in (201, 409)]
        assert not unexpected, f"{release}: {unexpected}"
        assert ("confirm", 201) in answers, f"{release} booked nothing"
    verified = subprocess.run([str(BINARY), "verify", "--database", postgres_database, "--desks", str(NETWORK),
                               "--log-level", "warning"], capture_output=True, text=True, timeout=120)
    assert verified.returncode == 0 and "sound" in verified.stdout, verified.stdout + verified.stderr
