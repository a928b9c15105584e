"""A SQLite database holding a year (or --days more) of a national desk network's appointments,
for the live forecast's benchmark (benchmarks/live_forecast.sh) and the hot-path checks with
years of data (benchmarks/years_of_data.sh, three years: --days 1095).

Per working day and desk, every product the default desk network offers gets its appointments
(about a million a year at --scale 0.7), booked on that day for 5 to 45 working days ahead,
never past a pool's counters (a request that finds its day full is lost);
8% are cancelled, those whose day has passed have a visit (8% no-show), and 1% of requests
join the waitlist (those still waiting are in line at their desk, as WaitlistLine keeps them).
The capacity they take is in slot_units, and every day has its measured history. The outbox holds what a server sending mail would
have written (OutboxStore): a confirmation, a reminder two days before (the default
--reminder-days; skipped when cancelled first) and a cancellation, sent when due, with no
secret, error or payload left; those not yet due are pending. As the daily purge leaves it
(PurgeStore, Retention): messages done more than 30 days ago are gone, and appointments 90 days
past (or cancelled that long ago) keep no name or address. --unpurged keeps every message and
all personal data, as if the purge never ran (a server's first start then purges it all).
Deterministic (--seed). Usage:
    loket migrate --database DB && python3 benchmarks/year_of_bookings.py DB [--today 2026-11-30] [--days 1095]
"""
import argparse
import datetime as dt
import random
import sqlite3
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# Appointments per working day at full scale (assumed, from the counters in desk-network.yaml).
DEMAND = {
    "AM": {"BIO": 900, "DOC": 350, "VAA": 80, "TKV": 80},
    "DH": {"BIO": 1100, "DOC": 450, "VAA": 80, "TKV": 80, "FAM": 40},
    "ZW": {"BIO": 650, "DOC": 300, "VAA": 50, "TKV": 50, "FAM": 40},
    "DB": {"BIO": 650, "DOC": 300, "VAA": 50, "TKV": 50},
    "EC-AMS": {"BIO": 40, "DOC": 40}, "EC-EIN": {"BIO": 40, "DOC": 40},
    "EC-GRO": {"BIO": 40, "DOC": 40}, "EC-UTR": {"BIO": 40, "DOC": 40},
    "MW-DH": {"BIO": 40, "DOC": 40},
}
MINUTES = {"BIO": 10, "DOC": 5, "VAA": 10, "TKV": 10, "FAM": 15}
# What `loket measure` stores per desk and product each day (Measure.swift), and for the whole
# desk ("*"): the urgent reserve.
PRODUCT_MEASURES = [
    "wait_first_slot_working_days", "wait_third_slot_working_days", "free_next_4_weeks", "free_next_8_weeks",
    "appointments_made", "appointments_cancelled", "appointments_moved", "visits_served", "visits_no_show",
    "waitlist_size", "waitlist_joined", "offers_made", "offers_accepted", "draw_entries", "draw_places"]
DESK_MEASURES = ["urgent_held", "urgent_used", "urgent_released"]
COLLECTION_MEASURES = ["collection_wait_p50_working_days", "collection_wait_p90_working_days"]
REMINDER_LEAD_MS = 2 * 86_400_000  # loket serve's default --reminder-days 2
MESSAGE_DAYS_MS = 30 * 86_400_000  # Retention.messageDays
PERSONAL_DATA_DAYS = 90  # retention.personalDataDays in the default desk-network.yaml
SEND_DELAY_MS = 4_000  # a due message is claimed and sent within the dispatcher's poll


def working_days(start, end):
    day = start
    while day < end:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--today", default=dt.date.today().isoformat())
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--scale", type=float, default=0.7)
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--no-outbox", dest="outbox", action="store_false", help="write no outbox history")
    parser.add_argument("--unpurged", action="store_true", help="as if the daily purge never ran")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    today = dt.date.fromisoformat(args.today)
    days = list(working_days(today - dt.timedelta(days=args.days), today + dt.timedelta(days=90)))
    index = {d: i for i, d in enumerate(days)}
    db = sqlite3.connect(args.database)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA journal_mode = MEMORY")
    now = int(dt.datetime.combine(today, dt.time(7, 0), tzinfo=dt.timezone.utc).timestamp() * 1000)
    appointments, visits, waitlist, outbox = [], [], [], []
    caps, taken = roster_counters(), {}
    n = 0
    for booked_on in (d for d in days if d < today):
        midnight = dt.datetime.combine(booked_on, dt.time(7, 0), tzinfo=dt.timezone.utc)
        for desk, products in DEMAND.items():
            for product, per_day in products.items():
                for _ in range(int(per_day * args.scale * rng.uniform(0.9, 1.1))):
                    ahead = rng.randint(5, 45)
                    date = days[min(len(days) - 1, index[booked_on] + ahead)]
                    created = int((midnight + dt.timedelta(seconds=rng.randint(0, 13 * 3600))).timestamp() * 1000)
                    cancelled = rng.random() < 0.08
                    persons = 1 if rng.random() < 0.85 else 2
                    # A time with room at its counters, as CapacityStore.take allows; a day with
                    # none left loses the request, as a full planner does.
                    cap = caps.get((desk, product.lower()))
                    for _ in range(20):
                        start = 480 + rng.randrange(0, 72) * 10
                        units = [(desk, product.lower(), date, start + part * MINUTES[product]) for part in range(persons)]
                        if cancelled or cap is None or all(taken.get(unit, 0) < cap for unit in units):
                            break
                    else:
                        continue
                    if not cancelled:
                        for unit in units:
                            taken[unit] = taken.get(unit, 0) + 1
                    n += 1
                    appointment = f"a{n}"
                    cancelled_at = created + 86_400_000 if cancelled else None
                    purged = not args.unpurged and (
                        date <= today - dt.timedelta(days=PERSONAL_DATA_DAYS)
                        or (cancelled and cancelled_at < now - PERSONAL_DATA_DAYS * 86_400_000))
                    appointments.append((
                        appointment, f"h{n}", desk, product, persons, product.lower(), date.isoformat(), start,
                        start + MINUTES[product] * persons, persons, "cancelled" if cancelled else "confirmed",
                        "x", "" if purged else "Benchmark Person", "" if purged else "person@example.org", "nl",
                        created, cancelled_at, now if purged else None))
                    if args.outbox:
                        # The appointment starts at its minute, Amsterdam time (UTC+1 taken for all).
                        starts = int(dt.datetime.combine(date, dt.time(), tzinfo=dt.timezone.utc).timestamp() * 1000) + (
                            start - 60) * 60_000
                        kept = messages(appointment, created, starts, cancelled_at, now)
                        outbox.extend(kept if args.unpurged else [m for m in kept if not done_before(m, now - MESSAGE_DAYS_MS)])
                    if not cancelled and date < today:
                        visits.append((appointment, desk, date.isoformat(), "no-show" if rng.random() < 0.08 else "served"))
                    if rng.random() < 0.01:
                        state = "waiting" if booked_on > today - dt.timedelta(days=14) else "expired"
                        waitlist.append((
                            f"w{n}", "x", product, 1, desk, booked_on.isoformat(), (booked_on + dt.timedelta(days=60)).isoformat(),
                            0, "Benchmark Person", "person@example.org", "nl", state, created))
        if len(appointments) > 200_000:
            flush(db, appointments, visits, waitlist, outbox)
    flush(db, appointments, visits, waitlist, outbox)
    take_capacity(db)
    measure_history(db, today - dt.timedelta(days=args.days), today, args.scale, random.Random(args.seed + 1))
    db.commit()
    print(f"{n} appointments booked over {args.days} days before {today}")


def roster_counters():
    """The fewest counters of each desk's pool in the default network (desk, pool id): no unit
    is booked past them."""
    network = yaml.safe_load((ROOT / "Sources" / "LoketConfig" / "Resources" / "desk-network.yaml").read_text())
    caps = {}
    for desk in network["desks"]:
        for block in desk.get("roster", []):
            key = (desk["code"], block["id"])
            caps[key] = min(caps.get(key, block["counters"]), block["counters"])
    return caps


def messages(appointment, created, starts, cancelled_at, now):
    """The outbox rows of one appointment, as OutboxStore.enqueue writes them and the mail
    dispatcher leaves them: sent (or skipped) when due, pending when not yet due."""
    def row(kind, send_after, skipped=False):
        due = send_after <= now
        sent_at = send_after + SEND_DELAY_MS if due and not skipped else None
        skipped_at = send_after + SEND_DELAY_MS if due and skipped else None
        claimed_until = send_after + 60_000 if due else 0
        return (f"{appointment}-{kind}", appointment, kind, 0, send_after, claimed_until, 1 if due else 0,
                sent_at, skipped_at, created if kind != "cancellation" else cancelled_at)
    rows = [row("confirmation", created)]
    reminder = starts - REMINDER_LEAD_MS
    if reminder > created:
        rows.append(row("reminder", reminder, skipped=cancelled_at is not None and cancelled_at < reminder))
    if cancelled_at is not None:
        rows.append(row("cancellation", cancelled_at))
    return rows


def measure_history(db, first, today, scale, rng):
    """A value for every day, desk, product and measure, as the hourly measuring stores them
    (MeasurementStore.record): the dashboard's and the open data's history. Plausible, not derived
    from the appointments: the hot paths read the rows, not their meaning."""
    rows = []
    day = first
    while day <= today:
        measured_at = int(dt.datetime.combine(day, dt.time(22, 0), tzinfo=dt.timezone.utc).timestamp() * 1000)
        open_day = day.weekday() < 5
        for desk, products in DEMAND.items():
            for product, per_day in products.items():
                made = per_day * scale * rng.uniform(0.9, 1.1) if open_day else 0
                values = [rng.randint(3, 30), rng.randint(4, 35), rng.randint(0, 5000), rng.randint(0, 10000),
                          round(made), round(made * 0.08), round(made * 0.02), round(made * 0.85),
                          round(made * 0.07), rng.randint(0, 200), round(made * 0.01), rng.randint(0, 5),
                          rng.randint(0, 3), 0, 0]
                rows += [(desk, product, m, day.isoformat(), float(v), measured_at)
                         for m, v in zip(PRODUCT_MEASURES, values)]
                if product == "DOC":
                    rows += [(desk, product, m, day.isoformat(), float(rng.randint(1, 15)), measured_at)
                             for m in COLLECTION_MEASURES]
            rows += [(desk, "*", m, day.isoformat(), float(rng.randint(0, 20)), measured_at) for m in DESK_MEASURES]
        day += dt.timedelta(days=1)
    db.executemany(
        "INSERT INTO measurements (desk, product, measure, date, value, measured_at) VALUES (?, ?, ?, ?, ?, ?)", rows)


def done_before(message, cutoff):
    """Whether the purge has deleted `message`: sent or skipped before `cutoff`."""
    sent_at, skipped_at = message[7], message[8]
    return (sent_at is not None and sent_at < cutoff) or (skipped_at is not None and skipped_at < cutoff)


def take_capacity(db):
    """The slot units the confirmed appointments take (CapacityStore.take), one per part."""
    db.execute(
        """INSERT INTO slot_units (desk, pool, date, minute, taken)
           SELECT desk, pool, date, minute, COUNT(*) FROM (
               SELECT desk, pool, date, start_minute + part * ((end_minute - start_minute) / parts) AS minute
               FROM appointments JOIN (SELECT 0 AS part UNION ALL SELECT 1) ON part < parts
               WHERE state = 'confirmed')
           GROUP BY desk, pool, date, minute
           ON CONFLICT (desk, pool, date, minute) DO UPDATE SET taken = slot_units.taken + excluded.taken""")


def flush(db, appointments, visits, waitlist, outbox):
    db.executemany(
        """INSERT INTO appointments (id, hold_id, desk, product, persons, pool, date, start_minute, end_minute, parts,
           state, token_hash, customer_name, customer_email, language, created_at, cancelled_at, purged_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", appointments)
    db.executemany("INSERT INTO visits (appointment_id, desk, date, state) VALUES (?, ?, ?, ?)", visits)
    db.executemany(
        """INSERT INTO waitlist (id, token_hash, product, persons, desks, from_date, to_date, urgent, customer_name,
           customer_email, language, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", waitlist)
    # Entries still waiting are in line at their desk (WaitlistLine.enter; default fair rank).
    db.executemany(
        """INSERT INTO waitlist_desks (product, desk, priority, expires_rank, created_at, entry_id, from_date, to_date,
           persons) VALUES (?, ?, 1, '9999-12-31', ?, ?, ?, ?, ?)""",
        [(w[2], w[4], w[12], w[0], w[5], w[6], w[3]) for w in waitlist if w[11] == "waiting"])
    db.executemany(
        """INSERT INTO outbox (id, appointment_id, kind, revision, send_after, claimed_until, attempts, sent_at,
           skipped_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", outbox)
    appointments.clear()
    visits.clear()
    waitlist.clear()
    outbox.clear()


if __name__ == "__main__":
    main()
