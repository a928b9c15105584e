"""A PostgreSQL stopped under a running `loket serve`, as an operator would meet it: `/health`
answers at once, `/ready` and every request that needs the database answer 503 with Retry-After
within the acquisition bound, cached slot lists are still served, the server stops cleanly on
SIGTERM within its grace period, and once the database is back everything works again."""
import glob
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import uuid

import pytest
import requests

from conftest import BINARY, ROOT, free_port

BOUND = 6.5  # the 5 s acquisition timeout, and some slack for a loaded machine


# The notice every page carries while the database refuses writes.
VIEWING_ONLY_EN = "Viewing only, for now"
VIEWING_ONLY_NL = "Even alleen inzien"


class PrivateCluster:
    """A PostgreSQL of this test's own (scripts/start-test-postgres on another port and folder),
    so that stopping it leaves the shared test server alone."""

    def __init__(self):
        self.port = free_port()
        self.folder = f"/tmp/loket-pg-{uuid.uuid4().hex[:12]}"
        env = dict(os.environ, LOKET_TEST_POSTGRES_PORT=str(self.port), LOKET_TEST_POSTGRES_DIR=self.folder)
        self.url = subprocess.run([str(ROOT / "scripts" / "start-test-postgres")], env=env, check=True,
                                  capture_output=True, text=True).stdout.strip()
        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]

    def pg_ctl(self, *args):
        command = [f"{self.bin}/pg_ctl", "-D", self.folder, *args]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)

    def stop(self):
        self.pg_ctl("stop", "-m", "fast")

    def start(self):
        self.pg_ctl("start", "-w", "-l", f"{self.folder}/server.log", "-o", f"-h 127.0.0.1 -p {self.port} -k /tmp")

    def remove(self):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def cluster():
    made = PrivateCluster()
    yield made
    made.remove()


def timed(call):
    began = time.monotonic()
    response = call()
    return response, time.monotonic() - began


def test_a_stopped_database_degrades_the_service_and_stopping_stays_clean(cluster, servers):
    server = servers(cluster.url)
    slots = server.url("/api/v1/desks/DH/slots?product=VAA")
    listed = requests.get(slots, timeout=10)
    assert listed.status_code == 200 and listed.json()["slots"]
    assert requests.get(server.url("/ready"), timeout=10).status_code == 200

    cluster.stop()
    health, took = timed(lambda: requests.get(server.url("/health"), timeout=10))
    assert health.status_code == 200 and took < 1, "alive, without asking the database"
    # The probe's answer is kept for a second: asked as a load balancer does, it turns within the bound.
    began = time.monotonic()
    while (ready := requests.get(server.url("/ready"), timeout=20)).status_code == 200:
        assert time.monotonic() - began < BOUND + 1
        time.sleep(0.2)  # polling a probe; not test synchronisation
    assert ready.status_code == 503 and ready.json()["reason"] == "database" and time.monotonic() - began < BOUND + 1
    assert ready.headers["Retry-After"]

    hold, took = timed(lambda: requests.post(server.url("/api/v1/holds"), timeout=20, json={
        "desk": "DH", "product": "VAA", "slot": listed.json()["slots"][0]["key"]}))
    assert hold.status_code == 503 and took < BOUND, hold.text
    assert hold.json()["error"]["code"] == "database_unavailable" and hold.headers["Retry-After"] == "30"
    page, took = timed(lambda: requests.get(server.url("/book/hold/nothing"), headers={"Accept": "text/html"},
                                            timeout=20))
    assert page.status_code == 503 and took < BOUND and "Even niet bereikbaar" in page.text

    # The list as last made, at once after the first wait.
    cached, took = timed(lambda: requests.get(slots, timeout=20))
    assert cached.status_code == 200 and cached.json() == listed.json() and took < BOUND
    again, took = timed(lambda: requests.get(slots, timeout=20))
    assert again.status_code == 200 and took < 1

    # Back: it serves and books again by itself.
    cluster.start()
    deadline = time.monotonic() + 30
    while requests.get(server.url("/ready"), timeout=20).status_code != 200:
        assert time.monotonic() < deadline, "not ready again within 30 s of the database's return"
        time.sleep(0.2)  # polling a probe, as a load balancer does; not test synchronisation
    held = requests.post(server.url("/api/v1/holds"), timeout=20, json={
        "desk": "DH", "product": "VAA", "slot": listed.json()["slots"][0]["key"]})
    assert held.status_code == 201, held.text

    # Away again, with a request in flight: SIGTERM still stops the server within its grace.
    cluster.stop()
    in_flight = []

    def ask():
        try:
            in_flight.append(requests.post(server.url("/api/v1/holds"), timeout=30, json={
                "desk": "DH", "product": "VAA", "slot": listed.json()["slots"][1]["key"]}))
        except requests.RequestException as error:
            in_flight.append(error)
    asking = threading.Thread(target=ask)
    asking.start()
    # The request waits 5 s for a connection; a second in, it is surely being served.
    time.sleep(1)
    began = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(12)
    assert time.monotonic() - began < 11, "stopped within the 10 s grace period"
    assert server.process.returncode == 0, "a clean stop, not a crash"
    asking.join(30)
    assert isinstance(in_flight[0], requests.Response) and in_flight[0].status_code == 503, \
        f"the request in flight got its answer: {in_flight}"


def test_a_database_that_refuses_writes_still_serves_reads_and_recovers(cluster, servers):
    """PostgreSQL set read-only under a running server (as a standby in recovery would be): slot
    lists and pages are served, a write gets 503 with Retry-After and changes nothing, and once
    writes work again the server books without being touched."""
    server = servers(cluster.url)
    key = requests.get(server.url("/api/v1/desks/DH/slots?product=VAA"), timeout=10).json()["slots"][0]["key"]

    def superuser(sql):
        subprocess.run(["psql", f"postgres://postgres@127.0.0.1:{cluster.port}/loket_test", "-qc", sql], check=True)

    def hold():
        return requests.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "VAA", "slot": key}, timeout=20)

    def until(status):
        # The reloaded setting reaches the server's sessions at their next statement.
        for _ in range(50):
            answer = hold()
            if answer.status_code == status:
                return answer
            time.sleep(0.1)  # waiting for PostgreSQL's configuration reload; not test synchronisation
        return answer

    superuser("ALTER SYSTEM SET default_transaction_read_only = on")
    superuser("SELECT pg_reload_conf()")
    refused = until(503)
    assert refused.status_code == 503 and refused.json()["error"]["code"] == "database_read_only", refused.text
    assert refused.headers["Retry-After"] == "60"
    # A form that writes (a sign-in attempt is counted) gets the page that says so.
    browser = requests.Session()
    browser.headers["Accept"] = "text/html"
    form = browser.get(server.url("/staff/sign-in"), timeout=20)
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', form.text).group(1)
    page = browser.post(server.url("/staff/sign-in"), data={"username": "balie", "password": "wrong", "csrf": token},
                        timeout=20)
    assert page.status_code == 503 and "Even alleen inzien" in page.text and "Viewing only" in page.text
    assert requests.get(server.url("/api/v1/desks/DH/slots?product=VAA&persons=2"), timeout=20).status_code == 200
    assert requests.get(server.url("/"), timeout=20).status_code == 200
    assert requests.get(server.url("/ready"), timeout=20).status_code == 200, "reads are served: still ready"
    # Every page, the prepared calendar included, says that only viewing works.
    calendar = "/book/VAA/desks/DH"
    assert VIEWING_ONLY_EN in browser.get(server.url(calendar), headers={"Accept-Language": "en"}, timeout=20).text
    assert VIEWING_ONLY_NL in browser.get(server.url("/"), headers={"Accept-Language": "nl"}, timeout=20).text

    superuser("ALTER SYSTEM RESET default_transaction_read_only")
    superuser("SELECT pg_reload_conf()")
    assert until(201).status_code == 201
    # The hold sweep's write probe (each second while the notice is up) takes the notice away.
    deadline = time.monotonic() + 30
    while VIEWING_ONLY_EN in browser.get(server.url(calendar), headers={"Accept-Language": "en"}, timeout=20).text:
        assert time.monotonic() < deadline, "the notice stayed after writes worked again"
        time.sleep(0.2)  # polling a page, as a visitor would reload it; not test synchronisation


def test_a_read_only_sqlite_file_is_served_for_reading(servers, tmp_path):
    """A SQLite file that cannot be written (made immutable: root ignores file modes) still
    starts a server, which serves slot lists and pages and answers writes 503."""
    database = tmp_path / "read-only.sqlite"
    first = servers(str(database), extra_args=["--clock-start", "2026-12-07T07:00:00Z"])
    key = requests.get(first.url("/api/v1/desks/DH/slots?product=VAA"), timeout=10).json()["slots"][0]["key"]
    first.stop()
    if subprocess.run(["chattr", "+i", str(database)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable files (chattr)")
    try:
        server = servers(str(database), extra_args=["--clock-start", "2026-12-07T07:00:00Z"])
        assert requests.get(server.url("/api/v1/desks/DH/slots?product=VAA"), timeout=10).status_code == 200
        assert requests.get(server.url("/"), timeout=10).status_code == 200
        refused = requests.post(server.url("/api/v1/holds"), json={"desk": "DH", "product": "VAA", "slot": key},
                                timeout=20)
        assert refused.status_code == 503 and refused.json()["error"]["code"] == "database_read_only", refused.text
        page = requests.get(server.url("/book/VAA/desks/DH"), headers={"Accept-Language": "en"}, timeout=20)
        assert page.status_code == 200 and VIEWING_ONLY_EN in page.text
        server.stop()
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)


def test_a_grace_period_shorter_than_the_drain_is_refused_before_anything_opens(tmp_path):
    """A wrong pair of shutdown times is a clear usage error, given before the database is opened
    (it used to be checked after, and the unclosed pool crashed the process)."""
    database = tmp_path / "never.sqlite"
    done = subprocess.run([str(BINARY), "serve", "--database", str(database), "--port", "0", "--drain-seconds", "5",
                           "--shutdown-grace", "4"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 64, done.stderr
    assert "--shutdown-grace must be longer than --drain-seconds" in done.stderr
    assert not database.exists()
