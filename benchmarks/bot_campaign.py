"""A bot campaign within every per-client limit, against the shipped desk network (issue #23).

40 IPv4 addresses (127.0.0.x) and 200 addresses of one IPv6 /64 (2001:db8:77::/64, routed to
`lo` as a local route; each client binds its own source address there) each, for the run:
hold 6-person biometrics slots at Den Haag and confirm them under invented V-numbers and dates of
birth, book through the planner API the same way, join the waitlist and enter every open draw.
Bots wait out a 429's Retry-After (a script that is clever enough to stay within the limits).
Every request goes to loopback: IPv4 clients to 127.0.0.1, IPv6 clients to [::1]; the server
listens on `::`.

Two modes in one run, on the same traffic:
- "identity": the shipped network as it is (BIO and DOC require an invitation; IPv6 counted per /64);
- "strings": the same network with invitations not required and IPv6 counted per address (/128),
  as the rules stood before: a baseline beside the figure.

Share of capacity = free units of Den Haag's BIO over the booking horizon before the campaign
minus after it, over the units there were (the slot list's capacity, on a fresh database).
After the campaign an invited person books in the same minute, from an address of their own.
Den Haag's biometrics are in draw mode (a desk manager switched it on the day before: the
database is given that mode before the server starts), so a draw is open from the first second.

Usage (root: it adds the IPv6 route): python3 benchmarks/bot_campaign.py LOKET_BINARY [seconds] [ipv4] [ipv6]
Build the binary with `swift build -c release`.
"""
import http.client
import json
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "Sources" / "LoketConfig" / "Resources" / "desk-network.yaml"
PREFIX = "2001:db8:77::"
CLOCK_START = "2026-12-07T07:00:00Z"  # a Monday, 08:00 at the desks


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Connection:
    """One client's keep-alive connection from its own source address."""

    def __init__(self, source, port):
        self.source = source
        self.port = port
        self.connection = None

    def open(self):
        if ":" in self.source:
            sock = socket.socket(socket.AF_INET6)
            sock.setsockopt(socket.SOL_IP, 15, 1)  # IP_FREEBIND: an address of the routed /64
            sock.bind((self.source, 0))
            sock.connect(("::1", self.port))
            connection = http.client.HTTPConnection("[::1]", self.port, timeout=30)
        else:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=30, source_address=(self.source, 0))
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.sock = sock
        self.connection = connection

    def call(self, method, path, body=None, headers=None):
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.open()
                data = None if body is None else json.dumps(body)
                all_headers = {"Content-Type": "application/json"} if body is not None else {}
                all_headers.update(headers or {})
                self.connection.request(method, path, body=data, headers=all_headers)
                response = self.connection.getresponse()
                text = response.read()
                try:
                    parsed = json.loads(text) if text and not text.startswith(b")]}'") else {}
                    if text.startswith(b")]}'"):
                        parsed = json.loads(text.split(b"\n", 1)[1])
                except ValueError:
                    parsed = {}
                return response.status, dict(response.getheaders()), parsed
            except (OSError, http.client.HTTPException):
                self.connection = None
                if attempt == 1:
                    return 0, {}, {}


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}

    def saw(self, what, status, body):
        code = body.get("error", {}).get("code") if isinstance(body, dict) and isinstance(body.get("error"), dict) else None
        key = f"{what} {status}" + (f" {code}" if code else "")
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1


def invented_people(rng, count=6):
    return [{"vNumber": f"{rng.randrange(10**9, 10**10)}",
             "dateOfBirth": f"{rng.randrange(1950, 2010)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"}
            for _ in range(count)]


def customer_of(people):
    first, *others = people
    return {"name": "Bot Person", "email": "buyer@example.nl", "vNumber": first["vNumber"],
            "dateOfBirth": first["dateOfBirth"], "language": "en",
            "companions": [{"name": "Bot Companion", **p} for p in others]}


def bot(source, port, deadline, tally, seed, horizon):
    """Holds, confirms, books through the planner, joins the waitlist, enters draws; waits out 429s."""
    rng = random.Random(seed)
    client = Connection(source, port)

    def call(what, method, path, body=None):
        status, headers, parsed = client.call(method, path, body)
        tally.saw(what, status, parsed)
        if status == 429:
            wait = float(headers.get("Retry-After", headers.get("retry-after", "1")))
            time.sleep(max(0.0, min(wait, deadline - time.monotonic())))
        return status, parsed

    while time.monotonic() < deadline:
        status, listing = call("slots", "GET", f"/api/v1/desks/DH/slots?product=BIO&persons=6&to={horizon}")
        slots = listing.get("slots", []) if status == 200 else []
        if slots:
            slot = rng.choice(slots)
            status, hold = call("hold", "POST", "/api/v1/holds",
                                {"desk": "DH", "product": "BIO", "persons": 6, "slot": slot["key"]})
            if status == 201:
                call("confirm", "POST", "/api/v1/appointments",
                     {"hold": hold["id"], "holdToken": hold["token"], "customer": customer_of(invented_people(rng))})
            slot = rng.choice(slots)
            people = invented_people(rng)
            call("planner", "POST", "/oap/api/desks/DH/appointments", {
                "bookableSlot": {"key": slot["key"], "date": slot["date"], "startTime": slot["startTime"],
                                 "endTime": slot["endTime"], "parts": slot.get("parts", 6), "booked": False},
                "appointment": {"productKey": "BIO", "date": slot["date"], "startTime": slot["startTime"],
                                "endTime": slot["endTime"], "email": "buyer@example.nl", "language": "en",
                                "customers": [{"vNumber": p["vNumber"], "firstName": "Bot", "lastName": "Person"}
                                              for p in people]}})
        call("waitlist", "POST", "/api/v1/waitlist", {
            "desks": ["DH"], "product": "BIO", "persons": 6, "from": CLOCK_START[:10], "to": horizon,
            "customer": customer_of(invented_people(rng))})
        status, draws = call("draws", "GET", "/api/v1/draws")
        for draw in (draws.get("draws", []) if status == 200 else []):
            if draw.get("product") == "BIO" and draw.get("state", "open") == "open":
                people = invented_people(rng)
                customer = customer_of(people)
                call("draw", "POST", f"/api/v1/draws/{draw['id']}/entries",
                     {"vNumber": people[0]["vNumber"], "persons": 6, "customer": customer})


def free_units(port, horizon):
    """Den Haag's BIO over the horizon, one person: (units free, units in all)."""
    client = Connection("127.0.0.1", port)
    status, _, listing = client.call("GET", f"/api/v1/desks/DH/slots?product=BIO&persons=1&to={horizon}")
    assert status == 200, (status, listing)
    slots = listing["slots"]
    return sum(s["available"] for s in slots), sum(s["capacity"] for s in slots)


def run(binary, mode, seconds, ipv4, ipv6):
    work = Path(tempfile.mkdtemp(prefix=f"bots-{mode}-"))
    network = SHIPPED.read_text()
    if mode == "strings":
        network = network.replace("    invitationRequired: true\n", "").replace("ipv6Prefix: 64", "ipv6Prefix: 128")
    (work / "desks.yaml").write_text(network)
    database = str(work / "loket.sqlite")
    base_args = ["--database", database, "--desks", str(work / "desks.yaml"), "--log-level", "error"]
    key = subprocess.run([binary, "case-system", "--name", "INDiGO", *base_args],
                         check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    # Draw mode, switched on by a manager the day before: the server opens a draw at once for
    # the days its horizon gained since.
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO draw_modes (desk, product, mode_on, set_by, since, published_through) "
                   "VALUES ('DH', 'BIO', 1, 'manager', 0, '2027-02-20')")
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--hostname", "::", "--port", str(port), "--clock-start", CLOCK_START,
                               "--metrics-address", f"127.0.0.1:{free_port()}", *base_args],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        probe = Connection("127.0.0.1", port)
        for _ in range(600):
            if probe.call("GET", "/health")[0] == 200:
                break
            time.sleep(0.05)  # waiting for the server to listen, not test synchronisation
        horizon = "2027-03-05"  # 90 days from the clock's start (bookingHorizonDays)
        for _ in range(600):
            if probe.call("GET", "/api/v1/draws")[2].get("draws"):
                break
            time.sleep(0.05)  # waiting for the server's first draw run, not test synchronisation
        free_before, capacity = free_units(port, horizon)
        tally = Tally()
        deadline = time.monotonic() + seconds
        sources = [f"127.0.0.{i + 10}" for i in range(ipv4)] + [f"{PREFIX}{i + 1:x}" for i in range(ipv6)]
        threads = [threading.Thread(target=bot, args=(s, port, deadline, tally, i, horizon), daemon=True)
                   for i, s in enumerate(sources)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(seconds + 60)
        free_after, _ = free_units(port, horizon)
        taken = free_before - free_after
        # Then an invited person books, from an address of their own, in the same minute.
        person = Connection("127.0.0.2", port)
        began = time.monotonic()
        status, _, invited = person.call("POST", "/api/v1/invitations", {
            "product": "BIO", "vNumber": "3141592653", "dateOfBirth": "1988-02-29", "email": "real@example.nl"},
            {"Authorization": f"Bearer {key}"})
        assert status == 201, invited
        status, _, listing = person.call("GET", f"/api/v1/desks/DH/slots?product=BIO&persons=1&to={horizon}")
        slot = listing["slots"][0]["key"]
        status, _, hold = person.call("POST", "/api/v1/holds", {"desk": "DH", "product": "BIO", "slot": slot})
        status, _, booked = person.call("POST", "/api/v1/appointments", {
            "hold": hold["id"], "holdToken": hold["token"],
            "customer": {"name": "Real Person", "email": "real@example.nl", "vNumber": "3141592653",
                         "dateOfBirth": "1988-02-29", "language": "nl"}})
        person_ms = (time.monotonic() - began) * 1000
        return {"mode": mode, "capacity": capacity, "taken": taken, "share": taken / capacity,
                "person": status, "person_ms": person_ms, "counts": tally.counts}
    finally:
        server.terminate()
        server.wait(30)


def main():
    binary = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    ipv4 = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    ipv6 = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    subprocess.run(["ip", "-6", "route", "replace", "local", f"{PREFIX}/64", "dev", "lo"], check=True)
    print(f"# {ipv4} IPv4 + {ipv6} IPv6 (one /64) bots, {seconds:.0f} s each mode, Den Haag biometrics")
    for mode in ["strings", "identity"]:
        result = run(binary, mode, seconds, ipv4, ipv6)
        print(f"\n## {mode}: bots took {result['taken']} of {result['capacity']} units "
              f"({result['share'] * 100:.2f}%); the invited person then booked: {result['person']} "
              f"in {result['person_ms']:.0f} ms")
        for key in sorted(result["counts"]):
            print(f"  {key:40s} {result['counts'][key]:>7d}")


if __name__ == "__main__":
    main()
