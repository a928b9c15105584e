"""What SQLite itself manages for one booking-shaped transaction per commit: a conditional
UPDATE of a capacity row and an INSERT, in WAL mode with synchronous=FULL, on one connection
(Loket's own settings), for a fixed number of seconds. Prints commits per second."""
import random
import sqlite3
import sys
import time

path, seconds = sys.argv[1], float(sys.argv[2])
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = FULL")
db.execute("CREATE TABLE IF NOT EXISTS units (key INTEGER PRIMARY KEY, taken INTEGER NOT NULL)")
db.execute("CREATE TABLE IF NOT EXISTS bookings (id TEXT PRIMARY KEY, key INTEGER NOT NULL, name TEXT, email TEXT, created_at INTEGER)")
db.executemany("INSERT OR IGNORE INTO units VALUES (?, 0)", [(k,) for k in range(240)])
commits = 0
deadline = time.monotonic() + seconds
start = time.monotonic()
while time.monotonic() < deadline:
    key = random.randrange(240)
    db.execute("BEGIN IMMEDIATE")
    updated = db.execute("UPDATE units SET taken = taken + 1 WHERE key = ? AND taken < 1000000 RETURNING taken", (key,)).fetchone()
    if updated:
        db.execute("INSERT INTO bookings VALUES (?, ?, 'Bench Mark', 'bench@example.nl', ?)", (f"{commits}-{random.random()}", key, int(time.time())))
    db.execute("COMMIT")
    commits += 1
print(f"{commits / (time.monotonic() - start):.0f}")
