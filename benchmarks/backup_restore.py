"""Backup and restore of a year of bookings (issue #26), measured: `loket backup` of the SQLite
database `benchmarks/year_of_bookings.py` writes (about a million appointments) while a server
on it keeps booking, the copy's size, and `loket restore` (which verifies) into a new file.
Bookings per second before and during the backup, from 8 clients on loopback, show whether
writers go on. Usage:
    swift build -c release
    python3 benchmarks/backup_restore.py "$(swift build -c release --show-bin-path)/loket" [WORKDIR]
"""
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-12-04"
CLOCK = "2026-12-04T01:00:00Z"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def booker(base, stop, acknowledged, worker):
    session = requests.Session()
    slots = session.get(f"{base}/api/v1/desks/DH/slots", params={"product": "VAA"}, timeout=30).json()["slots"]
    for index, slot in enumerate(slots[worker::8]):
        if stop.is_set():
            return
        hold = session.post(f"{base}/api/v1/holds", json={"desk": "DH", "product": "VAA", "slot": slot["key"]}, timeout=30)
        if hold.status_code != 201:
            continue
        booked = session.post(f"{base}/api/v1/appointments", json={
            "hold": hold.json()["id"], "holdToken": hold.json()["token"],
            "customer": {"name": "Bench", "email": "bench@example.nl", "vNumber": f"9{worker}{index:08d}",
                         "language": "en"}}, timeout=30)
        if booked.status_code == 201:
            acknowledged.append(time.monotonic())


def main():
    binary = sys.argv[1]
    work = Path(sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="backup-"))
    work.mkdir(exist_ok=True)
    database = work / "year.sqlite"
    shipped = (ROOT / "Sources" / "LoketConfig" / "Resources" / "desk-network.yaml").read_text()
    desks = work / "desks.yaml"
    desks.write_text(re.sub(r"  limits:\n(    .*\n)+", "  limits: {enabled: false}\n", shipped, count=1))
    if not database.exists():
        subprocess.run([binary, "migrate", "--database", str(database), "--log-level", "warning"], check=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "year_of_bookings.py"), str(database),
                        "--today", TODAY], check=True)
    for old in work.glob("copy*"):
        old.unlink()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--database", str(database), "--desks", str(desks),
                               "--clock-start", CLOCK, "--log-level", "error"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(1200):
            try:
                if requests.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.05)  # waiting for the server to listen
        stop, acknowledged = threading.Event(), []
        threads = [threading.Thread(target=booker, args=(base, stop, acknowledged, w), daemon=True) for w in range(8)]
        for thread in threads:
            thread.start()
        time.sleep(5)  # a steady booking rate before the backup: the baseline beside the figure
        began = time.monotonic()
        backup = work / "copy.backup"
        subprocess.run([binary, "backup", "--database", str(database), "--to", str(backup), "--log-level", "error"],
                       check=True, capture_output=True)
        ended = time.monotonic()
        time.sleep(2)
        stop.set()
        for thread in threads:
            thread.join(60)
        before = [t for t in acknowledged if began - 5 <= t < began]
        during = [t for t in acknowledged if began <= t < ended]
        print(f"# A year of bookings: {database.stat().st_size / 1e6:.0f} MB SQLite file")
        print(f"backup:  {ended - began:.1f} s, {backup.stat().st_size / 1e6:.0f} MB copy")
        print(f"bookings while backing up: {len(during) / (ended - began):.0f}/s; in the 5 s before: {len(before) / 5:.0f}/s")
    finally:
        server.terminate()
        server.wait(60)
    began = time.monotonic()
    subprocess.run([binary, "restore", "--from", str(backup), "--database", str(work / "copy-restored.sqlite"),
                    "--desks", str(desks), "--log-level", "error"], check=True, capture_output=True)
    print(f"restore and verify: {time.monotonic() - began:.1f} s")
    began = time.monotonic()
    subprocess.run([binary, "verify", "--database", str(work / "copy-restored.sqlite"), "--desks", str(desks),
                    "--log-level", "error"], check=True, capture_output=True)
    print(f"verify alone: {time.monotonic() - began:.1f} s")


if __name__ == "__main__":
    main()
