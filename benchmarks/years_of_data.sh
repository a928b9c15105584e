#!/usr/bin/env bash
# Years of data cost nothing on the hot paths (issue #13, goal 5), side by side in one run: the
# same release server on an empty migrated SQLite database, on one holding only the present (the
# bookings of the last 100 days: today's agenda and the weeks ahead as full as with years behind
# them) and on one holding three years of the default desk network's appointments,
# cancellations, waitlist entries, outbox history and measured history
# (benchmarks/year_of_bookings.py, both built once into cache files). The goal compares three
# years with the present: a day with 1,700 appointments at DH costs more than an empty one
# whatever lies behind it; the empty figures show by how much. Measures
#   - the slot list (JSON API), hold+confirm, the clerk's agenda and the managers' dashboard
#     (12 weeks, which the present-only database has too), with wrk; goal: within 1.5x of the present-only database,
#   - start-up: launching `loket serve` to the first 200 from /health, and to the first slot
#     list answered (the caches warm, the start-of-day work done); goal: under 5 s,
#   - the server's resident memory (VmRSS) with 1,000 connections open; goal: under 300 MB.
# The default desk network (no --desks) with its per-client limits on: the server trusts
# 127.0.0.1 as its proxy and every request comes from a random X-Forwarded-For address, so the
# limits count people, not the load generator. The staff pages are read signed in, as an admin.
# The server's clock starts at 09:00 (Amsterdam) of the day the caches were built for (kept
# beside each as DB.today), or of the next working day at a weekend, so that the clerk's agenda
# has that day's appointments on both. A cache built for another day than the 3-year one is
# built again. Each run measures copies: bookings made here do not pile up in the caches.
#
# Usage: benchmarks/years_of_data.sh [duration] [connections]
# Environment: LOKET_BIN (a release binary; default: build one), LOKET_3Y_DB and LOKET_PRESENT_DB
# (the caches, default /tmp/loket-3y.sqlite and /tmp/loket-present.sqlite), LOKET_3Y_DAYS (1095), DESK and PRODUCT (default DH, BIO),
# LOKET_BENCH_LOCK (a lock file held while measuring, e.g. the one builds on this machine take).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/common.sh

DURATION="${1:-5s}"
CONNECTIONS="${2:-32}"
DESK="${DESK:-DH}"
PRODUCT="${PRODUCT:-BIO}"
DB3="${LOKET_3Y_DB:-/tmp/loket-3y.sqlite}"
DBP="${LOKET_PRESENT_DB:-/tmp/loket-present.sqlite}"
DAYS="${LOKET_3Y_DAYS:-1095}"

need wrk wrk

if [[ -n ${LOKET_BIN:-} ]]; then
    BIN="$LOKET_BIN"
else
    flock /tmp/build.lock swift build -c release --product loket >&2
    BIN="$(swift build -c release --show-bin-path)/loket"
fi
if [[ -n ${LOKET_BENCH_LOCK:-} ]]; then
    exec 9>"$LOKET_BENCH_LOCK"
    flock 9
fi
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
RESULTS="$WORK/results"
: > "$RESULTS"
PASSWORD="years-of-data-benchmark"

# build_once DB DAYS [TODAY] — the bookings of DAYS days before TODAY into DB, unless it is there
# (built for TODAY, when given). The day it was built for (default: today) is kept in DB.today.
build_once() {
    local today=${3:-$(date -u +%F)}
    [[ -f $1 && -f $1.today && ( -z ${3:-} || $(cat "$1.today") == "$today" ) ]] && return 0
    echo "== building $1 ($2 days before $today; once, up to several minutes)" >&2
    rm -f "$1.part"
    "$BIN" migrate --database "$1.part" >/dev/null
    python3 benchmarks/year_of_bookings.py "$1.part" --days "$2" --today "$today" >&2
    mv "$1.part" "$1"
    echo "$today" > "$1.today"
}
build_once "$DB3" "$DAYS"
DATA_DAY=$(cat "$DB3.today")
build_once "$DBP" 100 "$DATA_DAY"
# The copies measured, so that the caches stay as built.
cp "$DB3" "$WORK/3y.sqlite"
cp "$DBP" "$WORK/present.sqlite"
EMPTY="$WORK/empty.sqlite"
CLOCK=$(python3 -c 'import datetime as d, sys; t = d.date.fromisoformat(sys.argv[1]); t += d.timedelta(days=max(0, 7 - t.weekday()) if t.weekday() > 4 else 0); print(f"{t}T08:00:00Z")' "$DATA_DAY")

SLOTS="/api/v1/desks/$DESK/slots?product=$PRODUCT&persons=1"
now() { date +%s.%N; }

# start_loket DB — serves DB and sets LOKET, LOKET_PID, STARTUP (seconds to the first 200 from
# /health) and READY (to the first slot list, in $WORK/slots.json).
start_loket() {
    local database=$1 port started
    port=$(free_port)
    STARTUP=""
    started=$(now)
    "$BIN" serve --port "$port" --database "$database" --trusted-proxy 127.0.0.1/32 \
        --clock-start "$CLOCK" --log-level warning &
    LOKET_PID=$!
    LOKET="http://127.0.0.1:$port"
    for _ in $(seq 1 3000); do
        if [[ $(curl -s -o /dev/null -w '%{http_code}' "$LOKET/health") == 200 ]]; then
            STARTUP=$(python3 -c "print(f'{$(now) - $started:.2f}')")
            break
        fi
        sleep 0.01
    done
    [[ -n ${STARTUP:-} ]] || { echo "loket did not start" >&2; exit 1; }
    until curl -sf --max-time 120 -o "$WORK/slots.json" -H "X-Forwarded-For: 10.0.0.1" "$LOKET$SLOTS"; do
        python3 -c "import sys; sys.exit($(now) - $started > 300)" || { echo "no slot list in 300 s" >&2; exit 1; }
        sleep 0.1
    done
    READY=$(python3 -c "print(f'{$(now) - $started:.2f}')")
}

# sign_in — signs the benchmark's admin in; sets COOKIE to the Cookie header's value.
sign_in() {
    local jar="$WORK/cookies" csrf
    rm -f "$jar"
    csrf=$(curl -sf -c "$jar" "$LOKET/staff/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
    curl -sf -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "username=bench-admin" \
        --data-urlencode "password=$PASSWORD" "$LOKET/staff/sign-in"
    COOKIE=$(awk '$6 ~ /^loket_/ {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar")
    [[ $COOKIE == *loket_staff=* ]] || { echo "sign-in failed" >&2; exit 1; }
}

# wrk_run NAME DB URL [SCRIPT] [HEADER] — appends "NAME|DB|req/s|p50|p99|extra" to the results.
wrk_run() {
    local name=$1 db=$2 url=$3 script=${4:-benchmarks/forwarded.lua} header=${5:-}
    local args=(-t2 -c"$CONNECTIONS" --latency --timeout 10s -s "$script")
    [[ -n $header ]] && args+=(-H "$header")
    wrk "${args[@]}" -d2s "$url" >/dev/null  # warm-up: connections, caches, allocator
    local out rps p50 p99 extra
    out=$(wrk "${args[@]}" -d"$DURATION" "$url")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    extra="$(grep -E '^BOOKINGS|Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ' || true)"
    echo "$name|$db|$rps|$p50|$p99|$extra" >> "$RESULTS"
    echo "  $name: $rps req/s, p50 $p50, p99 $p99 $extra" >&2
}

# Resident memory (MB) of the server while 1,000 keep-alive connections, each having had one
# GET /health answered, are open.
rss_at_1000() {
    python3 - "$LOKET_PID" "${LOKET#http://}" <<'PY'
import resource, socket, sys
pid, address = sys.argv[1], sys.argv[2]
host, port = address.split(":")
resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
request = b"GET /health HTTP/1.1\r\nHost: loket\r\n\r\n"
sockets = []
for _ in range(1000):
    s = socket.create_connection((host, int(port)))
    s.sendall(request)
    sockets.append(s)
for s in sockets:
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 200"), answer[:40]
status = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status") if ":" in line)
print(f"{int(status['VmRSS'].split()[0]) / 1024:.0f}")
for s in sockets:
    s.close()
PY
}

for db in empty present 3y; do
    echo "== $db" >&2
    case $db in
        empty) database=$EMPTY ;;
        present) database=$WORK/present.sqlite ;;
        3y) database=$WORK/3y.sqlite ;;
    esac
    "$BIN" migrate --database "$database" >/dev/null
    printf '%s\n' "$PASSWORD" | "$BIN" staff --username bench-admin --role admin --database "$database" >/dev/null 2>&1 || true
    start_loket "$database"
    echo "start-up to /health|$db|$STARTUP|||" >> "$RESULTS"
    echo "start-up to the first slot list|$db|$READY|||" >> "$RESULTS"
    echo "  start-up: /health after $STARTUP s, the first slot list after $READY s" >&2
    python3 -c 'import json,sys; print("return {" + ",".join("\"%s\"" % s["key"] for s in json.load(open(sys.argv[1]))["slots"]) + "}")' "$WORK/slots.json" > "$WORK/keys-$db.lua"
    echo "  slot list: $(grep -o '",' "$WORK/keys-$db.lua" | wc -l) free slots" >&2
    sign_in
    wrk_run "clerk's agenda, $DESK" "$db" "$LOKET/staff/desks/$DESK" benchmarks/forwarded.lua "Cookie: $COOKIE"
    wrk_run "dashboard, $DESK $PRODUCT, 12 weeks" "$db" "$LOKET/staff/dashboard?desk=$DESK&product=$PRODUCT&weeks=12" \
        benchmarks/forwarded.lua "Cookie: $COOKIE"
    LOKET_BENCH_KEYS="$WORK/keys-$db.lua" LOKET_BENCH_DESK="$DESK" LOKET_BENCH_PRODUCT="$PRODUCT" LOKET_BENCH_FORWARDED=1 \
        wrk_run "hold+confirm, $DESK $PRODUCT" "$db" "$LOKET" benchmarks/hold-confirm.lua
    # Last: a slot list the server cannot keep up with leaves requests queued for the database
    # after wrk stops, which would slow whatever ran next.
    wrk_run "slot list, $DESK $PRODUCT" "$db" "$LOKET$SLOTS"
    rss=$(rss_at_1000)
    echo "memory at 1,000 connections (MB)|$db|$rss|||" >> "$RESULTS"
    echo "  memory at 1,000 connections: $rss MB" >&2
    kill "$LOKET_PID"; wait "$LOKET_PID" 2>/dev/null || true
done

echo
echo "Years of data — $(date -u +%Y-%m-%d), clock $CLOCK, $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION, $(du -h "$DB3" | cut -f1) database of $DAYS days, $(du -h "$DBP" | cut -f1) of 100; ratio: 3 years against the present only"
echo "($(python3 -c "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); print(', '.join(f'{db.execute(f\"SELECT COUNT(*) FROM {t}\").fetchone()[0]:,} {t}' for t in ['appointments', 'outbox', 'waitlist', 'visits', 'measurements']))" "$DB3"))"
echo
python3 - "$RESULTS" <<'PY'
import sys
rows = {}
order = []
for line in open(sys.argv[1]):
    name, db, value, p50, p99, extra = line.rstrip("\n").split("|")
    if name not in rows:
        order.append(name)
        rows[name] = {}
    rows[name][db] = (float(value), p50, p99, extra.strip())
print(f"| {'what':<36} | {'empty':>18} | {'present only':>18} | {'3 years':>18} | {'ratio':>6} | {'goal':<14} | met? |")
print(f"|{'-' * 38}|{'-' * 20}|{'-' * 20}|{'-' * 20}|{'-' * 8}|{'-' * 16}|------|")
for name in order:
    zero, empty, years = rows[name]["empty"], rows[name]["present"], rows[name]["3y"]
    if name.startswith("start-up"):
        show = lambda v: f"{v[0]:.2f} s"
        goal, met, ratio = "< 5 s", years[0] < 5, years[0] / empty[0]
    elif name.startswith("memory"):
        show = lambda v: f"{v[0]:.0f} MB"
        goal, met, ratio = "< 300 MB", years[0] < 300, years[0] / empty[0]
    else:
        show = lambda v: f"{v[0]:.0f}/s p99 {v[2]}"
        # Throughput: the 3-year figure may be at most 1.5 times slower.
        ratio = empty[0] / years[0] if years[0] else float("inf")
        goal, met = "≤ 1.5× present", ratio <= 1.5
    print(f"| {name:<36} | {show(zero):>18} | {show(empty):>18} | {show(years):>18} | {ratio:>5.2f}× | {goal:<14} | {'yes' if met else 'NO':<4} |")
notes = [f"{name} ({db}): {v[3]}" for name in order for db, v in rows[name].items() if v[3]]
if notes:
    print()
    print("\n".join(notes))
PY
