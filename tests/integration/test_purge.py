"""`loket purge` and `loket audit` against a database a real server wrote: personal data past its
retention goes (a dry run first changes nothing), no BSN is ever stored, and the audit log
lists staff actions without customer data."""
import re
import sqlite3
import subprocess

import requests

from conftest import BINARY


def loket(*args, stdin=None):
    done = subprocess.run([str(BINARY), *args], input=stdin, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def counts(output):
    """The count per kind a purge printed, by the kind's first word."""
    return {m.group(2): int(m.group(1)) for m in re.finditer(r"^\s+(\d+)\s+(\S+)", output, re.MULTILINE)}


def test_purge_erases_old_personal_data_and_audit_lists_staff_actions(servers, tmp_path):
    database = str(tmp_path / "purge.sqlite")
    # Booked in June 2025: long past retention by the time the real clock runs the purge.
    server = servers(database, extra_args=["--clock-start", "2025-06-02T07:00:00Z"])
    # A sticker (VAA): a product that needs no invitation from the case system.
    slots = requests.get(server.url("/api/v1/desks/DH/slots"), params={"product": "VAA"}, timeout=10).json()["slots"]
    hold = requests.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "VAA", "slot": slots[0]["key"]}, timeout=10)
    customer = {"name": "Ana Silva", "email": "ana@example.nl", "bsn": "111222333", "vNumber": "1234567890", "language": "en"}
    booked = requests.post(server.url("/api/v1/appointments"),
                           json={"hold": hold.json()["id"], "holdToken": hold.json()["token"], "customer": customer}, timeout=10)
    assert booked.status_code == 201
    server.stop()

    def stored():
        with sqlite3.connect(database) as db:
            return db.execute("SELECT customer_name, customer_email, customer_v_number, customer_bsn, desk, date, state "
                              "FROM appointments").fetchall()

    before = stored()
    assert before[0][:4] == ("Ana Silva", "ana@example.nl", "1234567890", None), "no BSN is stored"

    dry = loket("purge", "--dry-run", "--database", database)
    assert dry.startswith("Would purge") and counts(dry)["appointments:"] == 1
    assert "Ana" not in dry and "ana@" not in dry
    assert stored() == before, "a dry run changes nothing"

    done = loket("purge", "--database", database, "--retention-days", "30")
    assert done.startswith("Purged:") and counts(done)["appointments:"] == 1
    assert stored() == [("", "", None, None) + before[0][4:]], "personal data gone, the facts stay"
    assert counts(loket("purge", "--database", database))["appointments:"] == 0

    loket("staff", "--username", "beheer", "--role", "admin", "--database", database, stdin="correct horse battery\n")
    audit = loket("audit", "--database", database, "--since", "2025-01-01")
    assert re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  cli  staff\.create  \S+  -  admin$", audit, re.MULTILINE), audit
