#!/usr/bin/env bash
# Ready answers against the NIO floor (issue #25, item 3), for each Loket binary given, side by
# side in one run: /health, the planner API's slot list, the wait times and the desks page, each
# answered by every binary and by benchmarks/NIOFloor serving the same bytes, one right after
# another. With ROUNDS=n (default 1) the binaries and the floor take turns n times and the median
# is printed beside every round's figure: this machine's speed drifts within minutes.
# Release builds; load from wrk on loopback.
# Usage: [ROUNDS=n] benchmarks/answers.sh [duration] [connections] [LABEL=BINARY ...]
# With no binary, the current release build ("now") is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/common.sh

DURATION="${1:-6s}"
CONNECTIONS="${2:-64}"
shift $(( $# < 2 ? $# : 2 ))

need wrk wrk

binaries "$@"
swift build -c release --product nio-floor >&2
FLOOR_BIN="$(swift build -c release --show-bin-path)/nio-floor"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
RESULTS="$WORK/results"
: > "$RESULTS"
mkdir -p "$WORK/www"


# A returning browser: it has its form token and language cookies.
BROWSER="Cookie: loket_csrf=$(printf 'ab%.0s' $(seq 32)); loket_lang=nl"
ANSWERS=("/health:health.json" "/oap/api/desks/BENCH/slots/?productKey=BIO&persons=1:slots.json"
    "/api/v1/wait-times:wait-times.json" "/book/BIO/desks:desks.html")

# measure LABEL URL — one wrk run (after a warm-up), its req/s appended as "LABEL|path|rps|round".
measure() {
    local label=$1 url=$2 path=$3 out rps
    wrk -t2 -c"$CONNECTIONS" -d2s -H "$BROWSER" "$url" >/dev/null
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "$BROWSER" "$url")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    # Answered with errors (a limit, a failure): it measured the errors, so it counts as nothing.
    grep -q 'Non-2xx' <<<"$out" && rps=0
    echo "$label|$path|$rps|$round" >> "$RESULTS"
    echo "  round $round, $label, $path: $rps req/s" >&2
}

ROUNDS="${ROUNDS:-1}"
for round in $(seq 1 "$ROUNDS"); do
    for entry in "${BINARIES[@]}"; do
        label=${entry%%=*}
        bin=${entry#*=}
        port=$(free_port)
        "$bin" serve --port "$port" --database "$WORK/$label-$round.sqlite" --desks benchmarks/bench-network.yaml \
            --log-level warning --public-metrics &
        pid=$!
        loket="http://127.0.0.1:$port"
        for _ in $(seq 1 600); do curl -sf "$loket/health" >/dev/null && break; sleep 0.1; done
        for answer in "${ANSWERS[@]}"; do
            path=${answer%:*}
            # The floor serves the first binary's bytes.
            [[ -f $WORK/www/${answer##*:} ]] || curl -sf -H "$BROWSER" "$loket$path" > "$WORK/www/${answer##*:}"
            measure "$label" "$loket$path" "$path"
        done
        kill "$pid"; wait "$pid" 2>/dev/null || true
    done
    port=$(free_port)
    "$FLOOR_BIN" "$port" "$WORK/www" http1 >/dev/null &
    pid=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health.json" >/dev/null && break; sleep 0.05; done
    for answer in "${ANSWERS[@]}"; do
        measure "NIO floor" "http://127.0.0.1:$port/${answer##*:}" "${answer%:*}"
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
done

median() {  # median of the req/s of LABEL for PATH over the rounds
    awk -F'|' -v l="$1" -v p="$2" '$1 == l && $2 == p {print $3}' "$RESULTS" | sort -n |
        awk '{v[NR] = $1} END {if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
rounds() { awk -F'|' -v l="$1" -v p="$2" '$1 == l && $2 == p {printf "%s%s", sep, int($3); sep = " / "}' "$RESULTS"; }

echo
echo "| answer | server | median req/s | every round | / NIO floor (goal ≥ 0.9x) |"
echo "|---|---|---:|---|---:|"
for answer in "${ANSWERS[@]}"; do
    path=${answer%:*}
    floor=$(median "NIO floor" "$path")
    for label in "${BINARIES[@]%%=*}" "NIO floor"; do
        m=$(median "$label" "$path")
        echo "| $path | $label | ${m%.*} | $(rounds "$label" "$path") | $(ratio "$m" "$floor")x |"
    done
done
