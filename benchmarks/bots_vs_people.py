"""Bots against people for scarce appointments, with Loket's fair-access protections on and off.

One desk with little capacity; people arrive over the run, each from their own address, look at
the slot list, hold a free slot and confirm it with their own V-number, and when nothing is free
join the waitlist (and look again now and then, as people do). Bots poll the slot list as fast as
they are allowed from their own addresses and grab every free slot they see for the buyers they
sell to. Some booked people cancel during the run. Every client is on loopback; addresses are
told apart by X-Forwarded-For from a trusted proxy (127.0.0.1), the way a reverse proxy would.

"off" runs the same traffic against a network file whose protections are switched off: no
per-client limits, no active-hold cap, no one-live-booking-per-person rule, unlimited moves.
(The hold token cannot be switched off; bots simply keep theirs.)

Usage: python3 benchmarks/bots_vs_people.py LOKET_BINARY [seconds] [people] [bots] [buyers per bot]
Prints one table per mode: appointments won by bots and people against their share of the
population, how long people waited for a booking, and what was refused.
"""
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

NETWORK = """
slotMinutes: 10
bookingHorizonDays: 14
holdMinutes: 15
holidays: {liberationDay: lustrum, goodFriday: false}
products:
  - {key: BIO, nameNL: Biometrie, nameEN: Biometrics, minutesPerPerson: 10%(personal)s}
desks:
  - code: SCARCE
    name: Schaars loket
    address: Krapte 1
    city: Den Haag
    products: [BIO]
    openingHours:
      - hours: {monday: "09:00-10:00", tuesday: "09:00-10:00", wednesday: "09:00-10:00", thursday: "09:00-10:00", friday: "09:00-10:00"}
    roster:
      - {id: bio, products: [BIO], days: [monday, tuesday, wednesday, thursday, friday], hours: "09:00-10:00", counters: 1}
%(fair)s
"""
FAIR_OFF = "fairAccess: {maxMoves: 1000, limits: {enabled: false}}"
SLOTS = "/api/v1/desks/SCARCE/slots?product=BIO"


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}
        self.refusals = {}
        self.booked = {"bot": 0, "person": 0}
        self.waits = []

    def saw(self, response):
        with self.lock:
            self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
            if response.status_code in (409, 429):
                code = response.json().get("error", {}).get("code", "?")
                key = f"{response.status_code} {code}"
                self.refusals[key] = self.refusals.get(key, 0) + 1


class Client:
    def __init__(self, base, address, tally):
        self.session = requests.Session()
        self.session.headers["X-Forwarded-For"] = address
        self.base = base
        self.tally = tally

    def call(self, method, path, **kwargs):
        response = self.session.request(method, self.base + path, timeout=30, **kwargs)
        self.tally.saw(response)
        return response

    def free_slots(self):
        response = self.call("GET", SLOTS)
        return response.json().get("slots", []) if response.status_code == 200 else []

    def book(self, slot, customer):
        hold = self.call("POST", "/api/v1/holds", json={"desk": "SCARCE", "product": "BIO", "slot": slot["key"]})
        if hold.status_code != 201:
            return None
        booked = self.call("POST", "/api/v1/appointments", json={
            "hold": hold.json()["id"], "holdToken": hold.json()["token"], "customer": customer})
        return booked.json() if booked.status_code == 201 else None


def person(index, base, tally, stop, results):
    """Looks, books the first free slot; else joins the waitlist and looks again every few seconds."""
    client = Client(base, f"10.1.{index // 250}.{index % 250 + 1}", tally)
    customer = {"name": f"Person {index}", "email": f"p{index}@example.nl", "vNumber": f"1{index:09d}", "language": "nl"}
    arrived = time.monotonic()
    joined = None
    while not stop.is_set():
        slots = client.free_slots()
        if slots:
            booked = client.book(random.choice(slots[:5]), customer)
            if booked:
                results.append((index, booked, time.monotonic() - arrived))
                with tally.lock:
                    tally.booked["person"] += 1
                    tally.waits.append(time.monotonic() - arrived)
                return
        if joined is None and slots == []:
            response = client.call("POST", "/api/v1/waitlist", json={
                "desks": ["SCARCE"], "product": "BIO", "from": time.strftime("%Y-%m-%d"),
                "to": time.strftime("%Y-%m-%d", time.localtime(time.time() + 13 * 86400)), "customer": customer})
            joined = response.json() if response.status_code == 201 else {}
        if joined and joined.get("id"):
            entry = client.call("GET", f"/api/v1/waitlist/{joined['id']}", headers={"Authorization": f"Bearer {joined['token']}"})
            if entry.status_code == 200 and entry.json().get("state") == "offered":
                accepted = client.call("POST", f"/api/v1/waitlist/{joined['id']}/offer/accept",
                                       headers={"Authorization": f"Bearer {joined['token']}"})
                if accepted.status_code in (200, 201):
                    with tally.lock:
                        tally.booked["person"] += 1
                        tally.waits.append(time.monotonic() - arrived)
                    return
        stop.wait(random.uniform(3, 6))


def bot(index, base, tally, stop, buyers):
    """Polls as fast as allowed and grabs every free slot for its buyers."""
    client = Client(base, f"10.66.0.{index + 1}", tally)
    buyer = 0
    while not stop.is_set():
        slots = client.free_slots()
        for slot in slots:
            customer = {"name": f"Buyer {index}-{buyer}", "email": f"b{index}-{buyer}@example.nl",
                        "vNumber": f"9{index:03d}{buyer % buyers:06d}", "language": "en"}
            if client.book(slot, customer):
                buyer += 1
                with tally.lock:
                    tally.booked["bot"] += 1
        if not slots:
            stop.wait(0.05)


def canceller(base, tally, stop, results, share):
    """A share of the people who booked cancel during the run, freeing their slot."""
    cancelled = set()
    while not stop.wait(2):
        for index, booked, _ in list(results):
            if index in cancelled or random.random() > share:
                continue
            cancelled.add(index)
            requests.delete(f"{base}/api/v1/appointments/{booked['id']}",
                            headers={"Authorization": f"Bearer {booked['manageToken']}"}, timeout=30)


def run(binary, mode, seconds, people, bots, buyers):
    work = Path(tempfile.mkdtemp())
    network = work / "network.yaml"
    network.write_text(NETWORK % {"fair": FAIR_OFF if mode == "off" else "",
                                  "personal": ", oneBookingPerPerson: false" if mode == "off" else ""})
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--database", str(work / "b.sqlite"),
                               "--desks", str(network), "--trusted-proxy", "127.0.0.1", "--log-level", "error"])
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if requests.get(base + "/health", timeout=1).status_code == 200:
                break
        except requests.ConnectionError:
            time.sleep(0.1)
    capacity = sum(s["available"] for s in requests.get(base + SLOTS, timeout=10).json()["slots"])
    tally, stop, results = Tally(), threading.Event(), []
    threads = [threading.Thread(target=bot, args=(i, base, tally, stop, buyers)) for i in range(bots)]
    threads.append(threading.Thread(target=canceller, args=(base, tally, stop, results, 0.05)))
    random.seed(7)
    arrivals = sorted(random.uniform(0, seconds * 0.8) for _ in range(people))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for index, at in enumerate(arrivals):
        stop.wait(max(0, started + at - time.monotonic()))
        thread = threading.Thread(target=person, args=(index, base, tally, stop, results))
        thread.start()
        threads.append(thread)
    stop.wait(max(0, started + seconds - time.monotonic()))
    stop.set()
    for thread in threads:
        thread.join()
    server.terminate()
    server.wait()
    return capacity, tally


def report(mode, capacity, tally, people, bots, buyers):
    won = tally.booked["bot"] + tally.booked["person"]
    print(f"\nprotections {mode}: {capacity} places at the start, {won} appointments made")
    print("| | share of population | share of appointments | appointments |")
    print("|---|---|---|---|")
    # A bot books for the buyers it sells to: they are its share of the population.
    for kind, count in ((f"bots ({bots} × {buyers} buyers)", bots * buyers), ("people", people)):
        got = tally.booked["person" if kind == "people" else "bot"]
        print(f"| {kind} | {count / (people + bots * buyers):.1%} | {got / max(won, 1):.1%} | {got} |")
    waits = sorted(tally.waits)
    if waits:
        print(f"people booked: {len(waits)} of {people}; wait for a booking: median {statistics.median(waits):.1f} s,"
              f" 90th percentile {waits[int(len(waits) * 0.9) - 1 if len(waits) > 1 else 0]:.1f} s")
    else:
        print(f"people booked: 0 of {people}")
    print("refused: " + (", ".join(f"{k}: {v}" for k, v in sorted(tally.refusals.items())) or "none"))
    print("statuses: " + json.dumps(dict(sorted(tally.statuses.items()))))


if __name__ == "__main__":
    binary = sys.argv[1]
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    people = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    bots = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    buyers = int(sys.argv[5]) if len(sys.argv) > 5 else 2
    for mode in ("off", "on"):
        capacity, tally = run(binary, mode, seconds, people, bots, buyers)
        report(mode, capacity, tally, people, bots, buyers)
