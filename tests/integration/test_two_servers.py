"""Two `loket serve` processes on one PostgreSQL never overbook, and each hears the other's changes."""
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import FIXTURES


def first_slot(server):
    response = requests.get(server.url("/api/v1/desks/RACE/slots"), params={"product": "BIO"}, timeout=10)
    response.raise_for_status()
    return response.json()["slots"][0]


def test_two_hundred_holds_across_two_servers_take_exactly_twenty_units(postgres_database, servers):
    a = servers(postgres_database, desks=FIXTURES / "race-network.yaml")
    b = servers(postgres_database, desks=FIXTURES / "race-network.yaml")
    slot = first_slot(a)
    assert slot["capacity"] == 20

    def hold(index):
        server = a if index % 2 == 0 else b
        body = {"desk": "RACE", "product": "BIO", "persons": 1, "slot": slot["key"]}
        return requests.post(server.url("/api/v1/holds"), json=body, timeout=60)

    with ThreadPoolExecutor(max_workers=64) as pool:
        responses = list(pool.map(hold, range(200)))
    statuses = [r.status_code for r in responses]
    assert statuses.count(201) == 20, statuses
    assert statuses.count(409) == 180, statuses

    # Everyone who holds confirms, half on each server, while 200 more race on the next slot.
    holds = [(r.json()["id"], r.json()["token"]) for r in responses if r.status_code == 201]
    customer = {"name": "Test Person", "email": "test@example.nl", "language": "nl"}

    def confirm(index_and_hold):
        index, (hold_id, token) = index_and_hold
        server = a if index % 2 else b
        person = dict(customer, vNumber=f"{index:010d}")  # one live booking per person
        return requests.post(server.url("/api/v1/appointments"), json={"hold": hold_id, "holdToken": token, "customer": person}, timeout=60)

    with ThreadPoolExecutor(max_workers=64) as pool:
        confirmations = list(pool.map(confirm, enumerate(holds)))
    assert [r.status_code for r in confirmations] == [201] * 20

    for server in (a, b):
        slots = requests.get(server.url("/api/v1/desks/RACE/slots"), params={"product": "BIO"}, timeout=10).json()["slots"]
        assert slot["key"] not in [s["key"] for s in slots]


def test_a_cached_slot_list_on_one_server_follows_a_booking_on_the_other(postgres_database, servers):
    a = servers(postgres_database, desks=FIXTURES / "race-network.yaml")
    b = servers(postgres_database, desks=FIXTURES / "race-network.yaml")
    slot = first_slot(a)  # now cached on a
    assert first_slot(a)["available"] == 20
    response = requests.post(b.url("/api/v1/holds"), json={"desk": "RACE", "product": "BIO", "slot": slot["key"]}, timeout=10)
    assert response.status_code == 201
    # PostgreSQL delivers b's notification to a asynchronously: wait for it, with a deadline.
    deadline = time.monotonic() + 30
    while first_slot(a)["available"] != 19:
        assert time.monotonic() < deadline, "server a never heard of the hold taken on server b"
        time.sleep(0.02)


def test_a_desk_managers_change_on_one_server_reaches_the_other(postgres_database, servers):
    import re
    import subprocess

    from conftest import BINARY
    subprocess.run([str(BINARY), "staff", "--username", "chef", "--role", "desk-manager", "--desk", "RACE", "--database", postgres_database,
                    "--desks", str(FIXTURES / "race-network.yaml")],
                   input="a long enough password\n", text=True, check=True, capture_output=True)
    a = servers(postgres_database, desks=FIXTURES / "race-network.yaml")
    b = servers(postgres_database, desks=FIXTURES / "race-network.yaml")
    day = first_slot(b)["date"]
    session = requests.Session()
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', session.get(a.url("/staff/sign-in"), timeout=10).text).group(1)
    assert session.post(a.url("/staff/sign-in"), data={"username": "chef", "password": "a long enough password", "csrf": token},
                        allow_redirects=False, timeout=10).status_code == 303
    closed = session.post(a.url("/staff/desks/RACE/settings/closure"), data={"from": day, "until": day, "reason": "Storing", "csrf": token},
                          allow_redirects=False, timeout=10)
    assert closed.status_code == 303
    slots = lambda server: requests.get(server.url("/api/v1/desks/RACE/slots"), params={"product": "BIO", "from": day, "to": day},
                                        timeout=10).json()["slots"]
    assert slots(a) == []
    # The other server reloads the changes when its sweeper next looks (every second); the deadline
    # is generous, for a loaded machine.
    deadline = time.monotonic() + 30
    while slots(b) and time.monotonic() < deadline:
        time.sleep(0.1)  # polling another process until a deadline, not standing in for synchronisation
    assert slots(b) == []


def test_an_urgent_staff_booking_on_one_server_leaves_the_others_slot_list(postgres_database, servers):
    import re
    import subprocess

    from conftest import BINARY
    subprocess.run([str(BINARY), "staff", "--username", "balie", "--role", "clerk", "--desk", "RACE", "--database", postgres_database,
                    "--desks", str(FIXTURES / "race-network.yaml")],
                   input="a long enough password\n", text=True, check=True, capture_output=True)
    a = servers(postgres_database, desks=FIXTURES / "race-network.yaml")
    b = servers(postgres_database, desks=FIXTURES / "race-network.yaml")
    slot = first_slot(b)  # now cached on b
    assert first_slot(b)["available"] == 20
    session = requests.Session()
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', session.get(a.url("/staff/sign-in"), timeout=10).text).group(1)
    assert session.post(a.url("/staff/sign-in"), data={"username": "balie", "password": "a long enough password", "csrf": token},
                        allow_redirects=False, timeout=10).status_code == 303
    booked = session.post(a.url("/staff/desks/RACE/urgent"), data={
        "csrf": token, "product": "BIO", "persons": "1", "date": slot["date"], "slot": slot["key"], "reason": "documentExpiring",
        "name": "Urgent Person", "email": "urgent@example.nl", "vNumber": "7777777777", "language": "nl"}, timeout=10)
    assert booked.status_code == 200 and "Spoedafspraak gemaakt" in booked.text, booked.text
    # Server b stops offering the unit once PostgreSQL's notification reaches it (its caches also
    # lapse after a second, so this cannot tell the two apart: `CapacityChangesTests` checks the
    # notification itself). The deadline is generous, for a loaded machine.
    deadline = time.monotonic() + 30
    while first_slot(b)["available"] != 19:
        assert time.monotonic() < deadline, "server b kept listing the unit booked urgently on server a"
        time.sleep(0.02)  # polling another process until a deadline, not standing in for synchronisation
