#!/usr/bin/env bash
# Loket's HTTP benchmark, all side by side in one run on this machine:
#   - the slot list (JSON API and planner API) on SQLite and on PostgreSQL,
#   - nginx serving the same planner slot list as a static file (the ceiling to compare with),
#   - the hold+confirm booking path on both engines,
#   - the customer's calendar page (HTML from the templates) on both engines,
#   - what each engine manages for one conditional UPDATE + INSERT per commit (the baseline).
# Release build; load from wrk on loopback. Usage: benchmarks/run.sh [duration] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-10s}"
CONNECTIONS="${2:-64}"
SECONDS_NUM="${DURATION%s}"

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need nginx nginx-light

swift build -c release --product loket >&2
BIN="$(swift build -c release --show-bin-path)/loket"
PGURL=$(scripts/start-test-postgres)
WORK=$(mktemp -d)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user and must read the slot list
trap 'kill $(jobs -p) 2>/dev/null || true; [[ -f $WORK/nginx.pid ]] && kill $(cat $WORK/nginx.pid) 2>/dev/null; rm -rf "$WORK"' EXIT
RESULTS="$WORK/results"
: > "$RESULTS"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wrk_run NAME URL [SCRIPT] — appends "NAME|req/s|p50|p99|extra" to the results.
wrk_run() {
    local name=$1 url=$2 script=${3:-}
    local args=(-t2 -c"$CONNECTIONS" -d"$DURATION" --latency)
    [[ -n $script ]] && args+=(-s "$script")
    local out
    out=$(wrk "${args[@]}" "$url")
    local rps p50 p99 extra non2xx
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    extra=$(grep -E '^BOOKINGS' <<<"$out" || true)
    non2xx=$(grep -E 'Non-2xx' <<<"$out" || true)
    echo "$name|$rps|$p50|$p99|$extra $non2xx" >> "$RESULTS"
    echo "  $name: $rps req/s, p50 $p50, p99 $p99 $extra $non2xx" >&2
}

start_loket() {
    local database=$1 port
    port=$(free_port)
    "$BIN" serve --port "$port" --database "$database" --desks benchmarks/bench-network.yaml --log-level warning &
    LOKET_PID=$!
    LOKET="http://127.0.0.1:$port"
    for _ in $(seq 1 600); do curl -sf "$LOKET/health" >/dev/null && return 0; sleep 0.1; done
    echo "loket did not start" >&2; exit 1
}

JSON_PATH="/api/v1/desks/BENCH/slots?product=BIO&persons=1"
PLANNER_PATH="/oap/api/desks/BENCH/slots/?productKey=BIO&persons=1"
BENCH_DB="loket_bench_$$"

for engine in sqlite postgres; do
    echo "== $engine" >&2
    if [[ $engine == sqlite ]]; then
        database="$WORK/bench.sqlite"
    else
        psql "$PGURL" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -qc "CREATE DATABASE $BENCH_DB"
        database="${PGURL%/*}/$BENCH_DB"
    fi
    start_loket "$database"
    if [[ ! -f $WORK/www/slots.json ]]; then
        mkdir -p "$WORK/www"
        curl -sf "$LOKET$PLANNER_PATH" > "$WORK/www/slots.json"
        curl -sf "$LOKET$JSON_PATH" | python3 -c 'import json,sys; print("return {" + ",".join("\"%s\"" % s["key"] for s in json.load(sys.stdin)["slots"]) + "}")' > "$WORK/keys.lua"
        FIRST_DATE=$(curl -sf "$LOKET$JSON_PATH" | python3 -c 'import json,sys; print(json.load(sys.stdin)["slots"][0]["date"])')
        echo "  slot list: $(wc -c < "$WORK/www/slots.json") bytes, $(grep -o '"key"' "$WORK/www/slots.json" | wc -l) slots" >&2
    fi
    # Warm up (first connections, cache fill, allocator growth) before measuring.
    wrk -t2 -c"$CONNECTIONS" -d2s "$LOKET$JSON_PATH" >/dev/null
    wrk -t2 -c"$CONNECTIONS" -d2s "$LOKET$PLANNER_PATH" >/dev/null
    wrk_run "slot list, JSON API, $engine" "$LOKET$JSON_PATH"
    wrk_run "slot list, planner API, $engine" "$LOKET$PLANNER_PATH"
    wrk -t2 -c"$CONNECTIONS" -d2s "$LOKET/book/BIO/desks/BENCH?persons=1&date=$FIRST_DATE" >/dev/null
    wrk_run "calendar page (HTML), $engine" "$LOKET/book/BIO/desks/BENCH?persons=1&date=$FIRST_DATE"
    LOKET_BENCH_KEYS="$WORK/keys.lua" wrk_run "hold+confirm, $engine" "$LOKET" benchmarks/hold-confirm.lua
    kill "$LOKET_PID"; wait "$LOKET_PID" 2>/dev/null || true
done

echo "== nginx" >&2
NGINX_PORT=$(free_port)
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / { root $WORK/www; default_type "application/json;charset=UTF-8"; try_files /slots.json =404; }
    }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$NGINX_PORT/x" >/dev/null && break; sleep 0.05; done
cmp <(curl -sf "http://127.0.0.1:$NGINX_PORT$PLANNER_PATH") "$WORK/www/slots.json"
wrk -t2 -c"$CONNECTIONS" -d2s "http://127.0.0.1:$NGINX_PORT$PLANNER_PATH" >/dev/null
wrk_run "slot list, nginx static file" "http://127.0.0.1:$NGINX_PORT$PLANNER_PATH"
kill "$(cat "$WORK/nginx.pid")"; rm -f "$WORK/nginx.pid"

echo "== engine baselines" >&2
sqlite_tps=$(python3 benchmarks/engine-baseline-sqlite.py "$WORK/baseline.sqlite" "$SECONDS_NUM")
echo "engine: SQLite, UPDATE+INSERT per commit, 1 connection|$sqlite_tps|||" >> "$RESULTS"
psql "$PGURL" -qc "DROP DATABASE IF EXISTS ${BENCH_DB}_base WITH (FORCE)" -qc "CREATE DATABASE ${BENCH_DB}_base"
BASE_URL="${PGURL%/*}/${BENCH_DB}_base"
psql "$BASE_URL" -q <<SQL
CREATE TABLE bench_units (key int PRIMARY KEY, taken int NOT NULL DEFAULT 0);
INSERT INTO bench_units (key) SELECT generate_series(0, 239);
CREATE TABLE bench_bookings (id bigserial PRIMARY KEY, key int NOT NULL, name text, email text, created_at timestamptz);
SQL
pg_tps=$(pgbench -n -c 16 -j 2 -T "$SECONDS_NUM" -f benchmarks/engine-baseline-postgres.sql "$BASE_URL" 2>/dev/null | awk '/^tps/ {print int($3)}')
echo "engine: PostgreSQL, UPDATE+INSERT per commit, 16 connections|$pg_tps|||" >> "$RESULTS"
psql "$PGURL" -qc "DROP DATABASE IF EXISTS ${BENCH_DB}_base WITH (FORCE)" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)"

echo
echo "Loket benchmark — $(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION, server and load generator on one machine"
echo
printf '| %-58s | %12s | %9s | %9s | %s\n' "what" "req/s" "p50" "p99" "notes"
printf '|%s|%s|%s|%s|%s\n' "------------------------------------------------------------" "--------------" "-----------" "-----------" "------"
while IFS='|' read -r name rps p50 p99 extra; do
    printf '| %-58s | %12s | %9s | %9s | %s\n' "$name" "$rps" "$p50" "$p99" "$extra"
done < "$RESULTS"
nginx_rps=$(awk -F'|' '/nginx/ {print $2}' "$RESULTS")
echo
for engine in sqlite postgres; do
    planner=$(awk -F'|' -v e="planner API, $engine" 'index($1, e) {print $2}' "$RESULTS")
    json=$(awk -F'|' -v e="JSON API, $engine" 'index($1, e) {print $2}' "$RESULTS")
    echo "slot list vs nginx ($engine): planner API $(python3 -c "print(f'{$planner/$nginx_rps:.2f}')")x, JSON API $(python3 -c "print(f'{$json/$nginx_rps:.2f}')")x"
done
sqlite_bookings=$(awk -F'|' '/hold\+confirm, sqlite/ {print $5}' "$RESULTS" | awk '{print $2}')
pg_bookings=$(awk -F'|' '/hold\+confirm, postgres/ {print $5}' "$RESULTS" | awk '{print $2}')
echo "confirmed bookings/s vs engine baseline: SQLite $sqlite_bookings / $sqlite_tps, PostgreSQL $pg_bookings / $pg_tps"
