#!/usr/bin/env bash
# The live forecast's benchmark (issue #12): `loket forecast --live` of the whole default desk
# network, 104 weeks × 1,000 replications, from a SQLite database holding a year of bookings
# (benchmarks/year_of_bookings.py). Release build. Prints the time to read the database and
# build the scenario, and the whole run. Usage: benchmarks/live_forecast.sh [replications]
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICATIONS="${1:-1000}"
swift build -c release --product loket >&2
BIN="$(swift build -c release --show-bin-path)/loket"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/year.sqlite"
TODAY=$(date -u +%F)
"$BIN" migrate --database "$DB" >/dev/null
python3 benchmarks/year_of_bookings.py "$DB" --today "$TODAY"
echo "database: $(du -h "$DB" | cut -f1), $(nproc) cores"
start=$(date +%s.%N)
"$BIN" forecast --live --database "$DB" --weeks 104 --replications 1 --svg "$WORK/x.svg" >/dev/null
read_only=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
"$BIN" forecast --live --database "$DB" --weeks 104 --replications "$REPLICATIONS" --svg "$WORK/forecast.svg" \
    --save-scenario "$WORK/live.yaml" | tail -4
whole=$(echo "$(date +%s.%N) - $start" | bc)
printf "read the database and build the scenario (1 replication): %.2f s\n" "$read_only"
printf "live forecast, 104 weeks x %s replications: %.2f s (aim: under 10 s)\n" "$REPLICATIONS" "$whole"
