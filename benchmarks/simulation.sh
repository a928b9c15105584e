#!/usr/bin/env bash
# The forecast engine's benchmark, side by side in one run:
#   1. the same M/M/c queue (λ=9, μ=1, c=10) in `loket queue` (release build), SimPy and Ciw:
#      customers per second, the ratios, and each one's error against Erlang C;
#   2. an overloaded M/M/c+M queue (λ=12, μ=1, c=10, mean patience 1) in `loket queue --patience`
#      and Ciw (reneging), each against the exact Erlang A values;
#   3. a national forecast: all desks, 104 weeks, 1,000 replications, timed.
# Usage: benchmarks/simulation.sh [loket-customers] [simpy-customers] [ciw-customers]
set -euo pipefail
cd "$(dirname "$0")/.."

LOKET_N="${1:-2000000}"
SIMPY_N="${2:-500000}"
CIW_N="${3:-100000}"
ARGS=(--arrival-rate 9 --service-rate 1 --servers 10)

python3 -c "import simpy, ciw" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check simpy ciw
swift build -c release --product loket >&2
BIN="$(swift build -c release --show-bin-path)/loket"

echo "M/M/10, λ=9, μ=1 (ρ=0.9) — $(date -u +%Y-%m-%d), $(nproc) cores" >&2
loket=$("$BIN" queue "${ARGS[@]}" --customers "$LOKET_N" --seed 1 --json)
simpy=$(python3 benchmarks/queue_models.py simpy "${ARGS[@]}" --customers "$SIMPY_N" --seed 1)
ciw=$(python3 benchmarks/queue_models.py ciw "${ARGS[@]}" --customers "$CIW_N" --seed 1)

python3 - "$loket" "$simpy" "$ciw" <<'PY'
import json, sys
loket, simpy, ciw = (json.loads(a) for a in sys.argv[1:])
exact = loket["erlangC"]["meanWaitInQueue"]
print(f"Erlang C mean wait in queue: {exact:.5f}")
print(f"| engine | customers | customers/s | vs SimPy | mean wait | error vs Erlang C |")
print(f"|---|---:|---:|---:|---:|---:|")
for name, r in (("loket queue (Swift, release)", loket), ("SimPy", simpy), ("Ciw", ciw)):
    print(f"| {name} | {r['customers']:,} | {r['customersPerSecond']:,.0f} | {r['customersPerSecond'] / simpy['customersPerSecond']:.1f}x "
          f"| {r['meanWaitInQueue']:.5f} | {100 * (r['meanWaitInQueue'] / exact - 1):+.2f}% |")
PY

echo
echo "M/M/10+M, λ=12, μ=1, mean patience 1 (load 1.2), answered within 0.1"
A_ARGS=(--arrival-rate 12 --service-rate 1 --servers 10 --patience 1 --within 0.1)
loket=$("$BIN" queue "${A_ARGS[@]}" --customers "$LOKET_N" --seed 1 --json)
ciw=$(python3 benchmarks/queue_models.py ciw "${A_ARGS[@]}" --customers "$CIW_N" --seed 1)
python3 - "$loket" "$ciw" <<'PY'
import json, sys
loket, ciw = (json.loads(a) for a in sys.argv[1:])
exact = loket["erlangA"]
keys = ("probabilityOfWaiting", "abandonedShare", "meanWaitOfAnswered", "serviceLevel")
print("| | customers | customers/s | " + " | ".join(keys) + " |")
print("|---|---:|---:|" + "---:|" * len(keys))
print("| Erlang A (exact) | | | " + " | ".join(f"{exact[k]:.5f}" for k in keys) + " |")
for name, r in (("loket queue --patience", loket), ("Ciw (reneging)", ciw)):
    print(f"| {name} | {r['customers']:,} | {r['customersPerSecond']:,.0f} | " + " | ".join(f"{r[k]:.5f}" for k in keys) + " |")
PY

echo
echo "National forecast: scenarios/nl-2022-measures.yaml, all desks, 104 weeks, 1,000 replications"
start=$(date +%s.%N)
"$BIN" forecast scenarios/nl-2022-measures.yaml --weeks 104 --replications 1000 --seed 1 > /dev/null 2>&1
end=$(date +%s.%N)
python3 -c "print(f'wall time: {$end - $start:.2f} s')"
