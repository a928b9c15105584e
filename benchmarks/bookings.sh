#!/usr/bin/env bash
# Bookings at the engine's own rate (issue #25): confirmed bookings per second (hold, then
# confirm, benchmarks/hold-confirm.lua) on SQLite and on PostgreSQL, for each Loket binary given,
# side by side in one run with what each engine manages for one booking-shaped transaction per
# commit (a conditional UPDATE and an INSERT), measured in each round right after the binaries:
# the goal is at least half the engine's rate.
# Release builds; load from wrk on loopback. With ROUNDS=n (default 1) every binary is measured n
# times, the binaries taking turns within each round and engine, and the median is printed: this
# machine's speed drifts within minutes, and one binary measured after another reads the drift
# as a difference between them. Beside each rate, the CPU time a booking costs the server and
# PostgreSQL's processes: steadier than the rate, which follows the disk's sync latency.
# Usage: [ROUNDS=n] benchmarks/bookings.sh [duration] [connections] [LABEL=BINARY ...]
# With no binary, the current release build ("now") is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/common.sh

DURATION="${1:-8s}"
CONNECTIONS="${2:-64}"
shift $(( $# < 2 ? $# : 2 ))
SECONDS_NUM="${DURATION%s}"

need wrk wrk

binaries "$@"
PGURL=$(scripts/start-test-postgres)
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
RESULTS="$WORK/results"
BASELINES="$WORK/baselines"
: > "$RESULTS"
: > "$BASELINES"
BENCH_DB="loket_bookings_$$"
JSON_PATH="/api/v1/desks/BENCH/slots?product=BIO&persons=1"


ROUNDS="${ROUNDS:-1}"
# CPU time (user and system) of a process, and of all PostgreSQL's, in clock ticks; and ticks
# per booking in ms. Throughput on this machine follows its disk's sync latency, which drifts
# severalfold within minutes; the CPU a booking costs does not.
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# The test server's processes only (scripts/start-test-postgres), not any other on the machine.
PG_DATA="${LOKET_TEST_POSTGRES_DIR:-/tmp/loket-test-postgres}"
postgres_ticks() {
    local main sum=0 pid
    main=$(head -1 "$PG_DATA/postmaster.pid")
    for pid in "$main" $(pgrep -P "$main"); do sum=$(( sum + $(cpu_ticks "$pid") )); done
    echo "$sum"
}
# PostgreSQL's ticks when it is the engine measured, else 0.
engine_ticks() { if [[ $engine == postgres ]]; then postgres_ticks; else echo 0; fi; }
per_booking() { python3 -c "import sys; t, b = float(sys.argv[1]), float(sys.argv[2] or 0) * $SECONDS_NUM; print(f'{t * $TICK_MS / b:.2f}' if b else 'n/a')" "$1" "$2"; }
for round in $(seq 1 "$ROUNDS"); do
  for engine in sqlite postgres; do
    for entry in "${BINARIES[@]}"; do
        label=${entry%%=*}
        bin=${entry#*=}
        if [[ $engine == sqlite ]]; then
            database="$WORK/$label-$round.sqlite"
        else
            psql "$PGURL" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -qc "CREATE DATABASE $BENCH_DB"
            database="${PGURL%/*}/$BENCH_DB"
        fi
        port=$(free_port)
        "$bin" serve --port "$port" --database "$database" --desks benchmarks/bench-network.yaml --log-level warning &
        pid=$!
        loket="http://127.0.0.1:$port"
        for _ in $(seq 1 600); do curl -sf "$loket/health" >/dev/null && break; sleep 0.1; done
        curl -sf "$loket$JSON_PATH" | python3 -c 'import json,sys; print("return {" + ",".join("\"%s\"" % s["key"] for s in json.load(sys.stdin)["slots"]) + "}")' > "$WORK/keys.lua"
        LOKET_BENCH_KEYS="$WORK/keys.lua" wrk -t2 -c"$CONNECTIONS" -d2s -s benchmarks/hold-confirm.lua "$loket" >/dev/null
        server_before=$(cpu_ticks "$pid")
        engine_before=$(engine_ticks)
        out=$(LOKET_BENCH_KEYS="$WORK/keys.lua" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s benchmarks/hold-confirm.lua "$loket")
        server_ticks=$(( $(cpu_ticks "$pid") - server_before ))
        engine_used=$(( $(engine_ticks) - engine_before ))
        bookings=$(awk '/^BOOKINGS/ {print $2}' <<<"$out")
        p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
        server_ms=$(per_booking "$server_ticks" "$bookings")
        engine_ms=$([[ $engine == postgres ]] && per_booking "$engine_used" "$bookings" || echo "-")
        echo "  round $round, $label, $engine: $bookings bookings/s, p99 $p99, CPU ms per booking: server $server_ms, PostgreSQL $engine_ms ($(grep -E '^BOOKINGS' <<<"$out"))" >&2
        echo "$label|$engine|$bookings|$p99|$server_ms|$engine_ms|$round" >> "$RESULTS"
        kill "$pid"; wait "$pid" 2>/dev/null || true
    done
    # The engine alone in the same round, right after the binaries: a baseline taken minutes
    # away reads the machine's drift as part of the ratio.
    if [[ $engine == sqlite ]]; then
        tps=$(python3 benchmarks/engine-baseline-sqlite.py "$WORK/baseline-$round.sqlite" "$SECONDS_NUM")
    else
        tps=$(benchmarks/engine-baseline-postgres.sh "$PGURL" "${BENCH_DB}_base" "$SECONDS_NUM")
    fi
    echo "  round $round, the engine alone, $engine: $tps commits/s" >&2
    echo "$engine|$round|$tps" >> "$BASELINES"
  done
done
psql "$PGURL" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)"

echo
echo "Bookings at the engine's rate — $(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION, server, load and engine on one machine"
echo
printf '| %-10s | %-10s | %16s | %9s | %24s | %-8s | %-12s | %17s | %17s | %s\n' "binary" "engine" "bookings/s" "p99" "engine alone, commits/s" "ratio" "goal ≥ 0.50x" "server CPU, ms/bk" "PG CPU, ms/bk" "every round, bookings/engine"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "------------" "------------" "------------------" "-----------" "--------------------------" "----------" "--------------" "-------------------" "-------------------" "------"
# Per binary and engine, the median round (the lower of two middle ones) and every round's figure;
# the ratio is the median of each round's ratio to the engine in that round.
python3 - "$RESULTS" "$BASELINES" <<'PY' |
import sys
baselines = {}
for line in open(sys.argv[2]):
    engine, round_, tps = line.strip().split("|")
    baselines[(engine, round_)] = int(tps or 0)
runs = {}
for line in open(sys.argv[1]):
    label, engine, bookings, p99, server_ms, engine_ms, round_ = line.strip().split("|")
    base = baselines.get((engine, round_), 0)
    ratio = int(bookings or 0) / base if base else 0.0
    runs.setdefault((engine, label), []).append((int(bookings or 0), p99, server_ms, engine_ms, base, ratio))
for (engine, label), measured in runs.items():
    middle = (len(measured) - 1) // 2
    median = sorted(measured)[middle]
    def middle_of(i, key=float):
        return sorted((m[i] for m in measured), key=key)[middle]
    # The CPU a booking costs, each the median of its own rounds.
    cpu = [middle_of(i, key=lambda v: float(v) if v[:1].isdigit() else 0) for i in (2, 3)]
    every = " ".join(f"{m[0]}/{m[4]}" for m in measured)
    print("|".join([label, engine, str(median[0]), median[1], str(middle_of(4)), f"{middle_of(5):.2f}", *cpu, every]))
PY
while IFS='|' read -r label engine bookings p99 base r server_ms engine_ms every; do
    printf '| %-10s | %-10s | %16s | %9s | %24s | %-8s | %-12s | %17s | %17s | %s\n' "$label" "$engine" "$bookings" "$p99" "$base" "${r}x" "$(at_least "$r" 0.5)" "$server_ms" "$engine_ms" "$every"
done
