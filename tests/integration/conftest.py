"""Starts real `loket serve` processes on loopback for the integration tests."""
import os
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("LOKET_BIN", ROOT / ".build" / "debug" / "loket"))
FIXTURES = ROOT / "tests" / "fixtures"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LoopbackSMTP(Controller):
    """A real SMTP server (aiosmtpd) on a loopback port the kernel chose, bound here before it
    serves: no other process can take the port between choosing and listening. Until `start`,
    the port is bound but refuses connections."""

    def __init__(self, handler, **options):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        super().__init__(handler, hostname="127.0.0.1", port=self.sock.getsockname()[1], **options)

    def _create_server(self):
        # aiosmtpd (pinned in tests/requirements.txt) binds host and port here; this serves the socket bound above.
        return self.loop.create_server(self._factory_invoker, sock=self.sock, ssl=self.ssl_context)

    def stop(self, no_assert: bool = True):
        """Stops the server if it was started, and lets go of the port either way."""
        super().stop(no_assert=no_assert)
        self.sock.close()


class Server:
    """One `loket serve` process; waits until /health answers."""

    def __init__(self, database: str, desks: Path | None = None, extra_env: dict | None = None, extra_args: list | None = None,
                 binary: Path = BINARY, cwd: Path | None = None):
        self.database = database
        self.desks = desks
        self.env = dict(os.environ, **(extra_env or {}))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        args = [str(binary), "serve", "--port", str(self.port), "--database", database, "--log-level", "warning"]
        if desks:
            args += ["--desks", str(desks)]
        args += extra_args or []
        env = dict(os.environ, **(extra_env or {}))
        self.process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"loket serve exited: {self.process.stdout.read().decode()}")
            try:
                if requests.get(self.base + "/health", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("loket serve did not become healthy")
            time.sleep(0.05)  # waiting for a process to start listening; not test synchronisation

    def url(self, path: str) -> str:
        return self.base + path

    def invite(self, v_number: str, date_of_birth: str, product: str = "BIO", email: str = "ana@example.nl",
               language: str = "en") -> str:
        """The case system's invitation for one person (`loket invite` on this server's database, as
        the back office would through the API); returns the link its email carries."""
        args = [str(BINARY), "invite", "--database", self.database, "--product", product, "--v-number", v_number,
                "--date-of-birth", date_of_birth, "--email", email, "--language", language,
                "--public-url", self.base, "--log-level", "warning"]
        if self.desks:
            args += ["--desks", str(self.desks)]
        made = subprocess.run(args, env=self.env, check=True, capture_output=True, text=True)
        return made.stdout.strip().splitlines()[-1]

    def kill(self):
        """A crash: SIGKILL, no graceful shutdown."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        """A graceful shutdown (SIGTERM); a server that does not stop within 10 s is a failure."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
                raise AssertionError("loket serve did not stop within 10 s of SIGTERM")


@pytest.fixture
def servers():
    started = []

    def start(*args, **kwargs):
        server = Server(*args, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def postgres_database(new_database):
    """A fresh database on the test PostgreSQL (scripts/start-test-postgres). Name it before
    `servers` in a test's arguments, so that the servers stop before their database is dropped."""
    return new_database("postgres", "main")


@pytest.fixture
def new_database(tmp_path):
    """Makes a fresh database on demand: `new_database("sqlite" | "postgres", name)` gives a SQLite
    path or the URL of a new database on the test PostgreSQL, dropped at the end. Name it before
    `servers` in a test's arguments, so that the servers stop before their databases are dropped."""
    made = []

    def make(engine, name):
        if engine == "sqlite":
            return str(tmp_path / f"{name}.sqlite")
        base = os.environ.get("LOKET_TEST_POSTGRES_URL")
        if not base:
            if os.environ.get("CI"):
                pytest.fail("CI must set LOKET_TEST_POSTGRES_URL")
            pytest.skip("LOKET_TEST_POSTGRES_URL not set")
        database = "li_" + uuid.uuid4().hex[:16]
        subprocess.run(["psql", base, "-qc", f"CREATE DATABASE {database}"], check=True)
        made.append((base, database))
        return base.rsplit("/", 1)[0] + "/" + database

    yield make
    for base, database in made:
        subprocess.run(["psql", base, "-qc", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"], check=True)
