"""A SQLite database holding a year of a national desk network's appointments, for the live
forecast's benchmark (benchmarks/live_forecast.sh) and the hot-path checks with years of data.

Per working day and desk, every product the default desk network offers gets its appointments
(about a million a year at --scale 0.7), booked on that day for 5 to 45 working days ahead;
8% are cancelled, those whose day has passed have a visit (8% no-show), and 1% of requests
join the waitlist. Deterministic (--seed). Usage:
    loket migrate --database DB && python3 benchmarks/year_of_bookings.py DB [--today 2026-11-30]
"""
import argparse
import datetime as dt
import random
import sqlite3

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
    args = parser.parse_args()
    rng = random.Random(args.seed)
    today = dt.date.fromisoformat(args.today)
    days = list(working_days(today - dt.timedelta(days=args.days), today + dt.timedelta(days=90)))
    index = {d: i for i, d in enumerate(days)}
    db = sqlite3.connect(args.database)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA journal_mode = MEMORY")
    appointments, visits, waitlist = [], [], []
    n = 0
    for booked_on in (d for d in days if d < today):
        midnight = dt.datetime.combine(booked_on, dt.time(7, 0), tzinfo=dt.timezone.utc)
        for desk, products in DEMAND.items():
            for product, per_day in products.items():
                for _ in range(int(per_day * args.scale * rng.uniform(0.9, 1.1))):
                    n += 1
                    ahead = rng.randint(5, 45)
                    date = days[min(len(days) - 1, index[booked_on] + ahead)]
                    created = int((midnight + dt.timedelta(seconds=rng.randint(0, 13 * 3600))).timestamp() * 1000)
                    start = 480 + rng.randrange(0, 72) * 10
                    cancelled = rng.random() < 0.08
                    persons = 1 if rng.random() < 0.85 else 2
                    appointment = f"a{n}"
                    appointments.append((
                        appointment, f"h{n}", desk, product, persons, product.lower(), date.isoformat(), start,
                        start + MINUTES[product] * persons, persons, "cancelled" if cancelled else "confirmed",
                        "x", "Benchmark Person", "person@example.org", "nl", created,
                        created + 86_400_000 if cancelled else None))
                    if not cancelled and date < today:
                        visits.append((appointment, desk, date.isoformat(), "no-show" if rng.random() < 0.08 else "served"))
                    if rng.random() < 0.01:
                        state = "waiting" if booked_on > today - dt.timedelta(days=14) else "expired"
                        waitlist.append((
                            f"w{n}", "x", product, 1, desk, booked_on.isoformat(), (booked_on + dt.timedelta(days=60)).isoformat(),
                            0, "Benchmark Person", "person@example.org", "nl", state, created))
        if len(appointments) > 200_000:
            flush(db, appointments, visits, waitlist)
    flush(db, appointments, visits, waitlist)
    db.commit()
    print(f"{n} appointments booked over {args.days} days before {today}")


def flush(db, appointments, visits, waitlist):
    db.executemany(
        """INSERT INTO appointments (id, hold_id, desk, product, persons, pool, date, start_minute, end_minute, parts,
           state, token_hash, customer_name, customer_email, language, created_at, cancelled_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", appointments)
    db.executemany("INSERT INTO visits (appointment_id, desk, date, state) VALUES (?, ?, ?, ?)", visits)
    db.executemany(
        """INSERT INTO waitlist (id, token_hash, product, persons, desks, from_date, to_date, urgent, customer_name,
           customer_email, language, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", waitlist)
    appointments.clear()
    visits.clear()
    waitlist.clear()


if __name__ == "__main__":
    main()
