#!/usr/bin/env bash
# Loket's HTTP benchmark, all side by side in one run on this machine, each figure beside its
# anchor and the goal of issue #13:
#   - the slot lists (JSON API and planner API) on SQLite and on PostgreSQL, plain and gzip,
#     against nginx serving the same bytes as a static file (gzip_static for the compressed form);
#   - the full Den Haag biometrics list of the default desk network (about 1 MB) at 64 and 200
#     connections, with the server's memory before and after;
#   - hold+confirm on both engines against what each engine manages for one conditional
#     UPDATE + INSERT per commit;
#   - the customer's calendar page (a month, and a day of times);
#   - the public answers (wait times, desks page, open data, draws, /metrics) against nginx
#     serving the same bytes, and Loket's floor (/health, a few ready bytes) beside them, each
#     answer measured on Loket, nginx and the NIO floor in turn (the machine's speed drifts);
#   - the slot list with 10,000 idle keep-alive connections open beside the load;
#   - every cached answer against the floor of a SwiftNIO server answering the same bytes
#     (benchmarks/NIOFloor in the swift-nio TechEmpower entry's shape: NIO's HTTP/1.1 pipeline,
#     pre-built bodies, no router), as well as against nginx (#25); and the same floor without
#     HTTP parsing (whole answers as raw bytes) for two of them, as context;
#   - years of data (benchmarks/years_of_data.sh), unless YEARS=0.
# Release build; load from wrk on loopback. Usage: benchmarks/run.sh [duration] [connections]
# LOKET_BIN=path measures that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/common.sh

DURATION="${1:-8s}"
CONNECTIONS="${2:-64}"
SECONDS_NUM="${DURATION%s}"
IDLE="${IDLE:-10000}"
# The calendar page before #13 (the issue's figure, same machine and command): 672 req/s.
CALENDAR_BEFORE=672

need wrk wrk
need nginx nginx-light
# 10,000 idle connections, plus the load, need more descriptors than the default 1,024.
ulimit -n "$(ulimit -Hn)"

if [[ -z ${LOKET_BIN:-} ]]; then
    swift build -c release --product loket >&2
    LOKET_BIN="$(swift build -c release --show-bin-path)/loket"
fi
BIN=$LOKET_BIN
if [[ -z ${FLOOR_BIN:-} ]]; then
    swift build -c release --product nio-floor >&2
    FLOOR_BIN="$(swift build -c release --show-bin-path)/nio-floor"
fi
PGURL=$(scripts/start-test-postgres)
WORK=$(mktemp -d)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user and must read the files
trap 'kill $(jobs -p) 2>/dev/null || true; [[ -f $WORK/nginx.pid ]] && kill $(cat $WORK/nginx.pid) 2>/dev/null; rm -rf "$WORK"' EXIT
RESULTS="$WORK/results"
GOALS="$WORK/goals"
: > "$RESULTS"
: > "$GOALS"
mkdir -p "$WORK/www"

rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
peak_mb() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }
ms() {  # wrk's latency (e.g. 812.00us, 3.20ms, 1.02s) in milliseconds
    python3 -c "import sys, re; v = sys.argv[1]; n = float(re.match(r'[0-9.]+', v).group()); u = v[len(re.match(r'[0-9.]+', v).group()):]; print(round(n * {'us': 0.001, 'ms': 1, 's': 1000, 'm': 60000}[u], 3))" "$1"
}

# wrk_run NAME URL [SCRIPT] — appends "NAME|req/s|p50|p99|extra" to the results. WRK_C sets the
# connections, WRK_H one header (e.g. "Accept-Encoding: gzip").
wrk_run() {
    local name=$1 url=$2 script=${3:-}
    local args=(-t2 -c"${WRK_C:-$CONNECTIONS}" -d"$DURATION" --latency)
    [[ -n $script ]] && args+=(-s "$script")
    [[ -n ${WRK_H:-} ]] && args+=(-H "$WRK_H")
    local out
    out=$(wrk "${args[@]}" "$url")
    local rps p50 p99 extra non2xx
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    extra=$(grep -E '^BOOKINGS' <<<"$out" || true)
    non2xx=$(grep -E 'Non-2xx' <<<"$out" || true)
    # A read answered with errors (a limit, a failure) measured the errors: it counts as nothing.
    [[ -n $non2xx && $name != hold+confirm* ]] && rps=0
    echo "$name|$rps|$p50|$p99|$extra $non2xx" >> "$RESULTS"
    echo "  $name: $rps req/s, p50 $p50, p99 $p99 $extra $non2xx" >&2
}
warm() { wrk -t2 -c"${WRK_C:-$CONNECTIONS}" -d2s ${WRK_H:+-H "$WRK_H"} ${2:+-s "$2"} "$1" >/dev/null; }
field() { awk -F'|' -v n="$1" '$1 == n {print $'"$2"'}' "$RESULTS"; }
rps() { field "$1" 2; }
p99() { field "$1" 4; }
# goal WHAT MEASURED GOAL MET — one line of the goals table.
goal() { echo "$1|$2|$3|$4" >> "$GOALS"; }

# start_loket DATABASE [DESKS] — DESKS empty: the default desk network, with its per-client
# limits on; the server then trusts 127.0.0.1 as its proxy and the load comes from many
# addresses (benchmarks/forwarded.lua), so that the limits count people, not wrk.
start_loket() {
    local database=$1 desks=${2-benchmarks/bench-network.yaml} port
    port=$(free_port)
    if [[ -n $desks ]]; then
        "$BIN" serve --port "$port" --database "$database" --desks "$desks" --log-level warning --public-metrics &
    else
        "$BIN" serve --port "$port" --database "$database" --trusted-proxy 127.0.0.1/32 --log-level warning --public-metrics &
    fi
    LOKET_PID=$!
    LOKET="http://127.0.0.1:$port"
    LOKET_PORT=$port
    for _ in $(seq 1 600); do curl -sf "$LOKET/health" >/dev/null && return 0; sleep 0.1; done
    echo "loket did not start" >&2; exit 1
}
stop_loket() { kill "$LOKET_PID"; wait "$LOKET_PID" 2>/dev/null || true; }
# keep NAME URL [curl args] — the bytes nginx will serve as NAME (and NAME.gz for gzip_static).
keep() { curl -sf "${@:3}" "$2" > "$WORK/www/$1"; gzip -k -6 -f "$WORK/www/$1"; }

JSON_PATH="/api/v1/desks/BENCH/slots?product=BIO&persons=1"
PLANNER_PATH="/oap/api/desks/BENCH/slots/?productKey=BIO&persons=1"
BIG_PATH="/oap/api/desks/DH/slots/?productKey=BIO&persons=1"
BENCH_DB="loket_bench_$$"
# A returning browser: it has its form token and language cookies.
BROWSER="Cookie: loket_csrf=$(printf 'ab%.0s' $(seq 32)); loket_lang=nl"
GZ="Accept-Encoding: gzip"

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
        keep slots.json "$LOKET$PLANNER_PATH"
        curl -sf "$LOKET$JSON_PATH" | python3 -c 'import json,sys; print("return {" + ",".join("\"%s\"" % s["key"] for s in json.load(sys.stdin)["slots"]) + "}")' > "$WORK/keys.lua"
        FIRST_DATE=$(curl -sf "$LOKET$JSON_PATH" | python3 -c 'import json,sys; print(json.load(sys.stdin)["slots"][0]["date"])')
        echo "  slot list: $(wc -c < "$WORK/www/slots.json") bytes ($(wc -c < "$WORK/www/slots.json.gz") gzip), $(grep -o '"key"' "$WORK/www/slots.json" | wc -l) slots" >&2
    fi
    CALENDAR="$LOKET/book/BIO/desks/BENCH?persons=1"
    warm "$LOKET$JSON_PATH"
    warm "$LOKET$PLANNER_PATH"
    wrk_run "slot list, JSON API, $engine" "$LOKET$JSON_PATH"
    wrk_run "slot list, planner API, $engine" "$LOKET$PLANNER_PATH"
    WRK_H=$GZ wrk_run "slot list, planner API, gzip, $engine" "$LOKET$PLANNER_PATH"
    WRK_H=$BROWSER warm "$CALENDAR&date=$FIRST_DATE"
    WRK_H=$BROWSER wrk_run "calendar page, a day of times, $engine" "$CALENDAR&date=$FIRST_DATE"
    WRK_H=$BROWSER wrk_run "calendar page, month view, $engine" "$CALENDAR&month=${FIRST_DATE:0:7}"
    if [[ $engine == sqlite ]]; then
        wrk_run "calendar page, first visit (no cookie), $engine" "$CALENDAR&date=$FIRST_DATE"
        # Slow clients and many of them: the slot list again, with IDLE idle connections open.
        # Its stdin is descriptor 7 here: closing that lets go of the connections (a `sleep` as
        # stdin outlived the run, holding the build lock).
        exec 7> >(exec python3 benchmarks/idle_connections.py "$IDLE" 127.0.0.1 "$LOKET_PORT" > "$WORK/idle.out")
        IDLE_PID=$!
        for _ in $(seq 1 600); do grep -q ready "$WORK/idle.out" 2>/dev/null && break; sleep 0.1; done
        echo "  idle connections: $(cat "$WORK/idle.out")" >&2
        wrk_run "slot list, planner API, $IDLE idle connections open, $engine" "$LOKET$PLANNER_PATH"
        exec 7>&-
        wait "$IDLE_PID" 2>/dev/null || true
        # Let the server close those connections before the next run measures anything.
        for _ in $(seq 1 300); do (( $(ls "/proc/$LOKET_PID/fd" | wc -l) < 1000 )) && break; sleep 0.1; done
    fi
    LOKET_BENCH_KEYS="$WORK/keys.lua" wrk_run "hold+confirm, $engine" "$LOKET" benchmarks/hold-confirm.lua
    stop_loket
done

echo "== the full Den Haag biometrics list (default desk network), sqlite" >&2
start_loket "$WORK/big.sqlite" ""
keep big.json "$LOKET$BIG_PATH"
echo "  list: $(wc -c < "$WORK/www/big.json") bytes ($(wc -c < "$WORK/www/big.json.gz") gzip)" >&2
BIG_RSS_START=$(rss_mb "$LOKET_PID")
MANY=benchmarks/forwarded.lua
for c in 64 200; do
    WRK_C=$c warm "$LOKET$BIG_PATH" $MANY
    WRK_C=$c wrk_run "full list (1 MB), $c connections" "$LOKET$BIG_PATH" $MANY
    WRK_C=$c WRK_H=$GZ wrk_run "full list (1 MB), gzip, $c connections" "$LOKET$BIG_PATH" $MANY
done
BIG_RSS_PEAK=$(peak_mb "$LOKET_PID")
echo "  server memory: $BIG_RSS_START MB after start, peak $BIG_RSS_PEAK MB" >&2
stop_loket

echo "== the public answers, sqlite: their bytes for nginx and the floor" >&2
# Loket again on the SQLite database of the first run: it answers beside nginx and the floor below.
start_loket "$WORK/bench.sqlite"
PUBLIC=(wait-times:/api/v1/wait-times:wait-times.json draws:/api/v1/draws:draws.json
    open-data:/api/v1/open-data/wait-times:open-data.json metrics:/metrics:metrics.txt
    "desks page:/book/BIO/desks:desks.html" wachttijden:/wachttijden:wachttijden.html)
for public in "${PUBLIC[@]}"; do
    IFS=: read -r _ path file <<<"$public"
    keep "$file" "$LOKET$path" -H "$BROWSER"
done
# The floor: Loket's smallest ready answer, through the same HTTP stack and middleware.
keep health.json "$LOKET/health"

echo "== nginx" >&2
NGINX_PORT=$(free_port)
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 16384; }
http {
    access_log off;
    gzip_static on;
    sendfile on;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
        default_type "application/json;charset=UTF-8";
    }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"
NGINX="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 1 100); do curl -sf "$NGINX/slots.json" >/dev/null && break; sleep 0.05; done
cmp <(curl -sf "$NGINX/slots.json") "$WORK/www/slots.json"
warm "$NGINX/slots.json"
wrk_run "nginx: slot list" "$NGINX/slots.json"
WRK_H=$GZ wrk_run "nginx: slot list, gzip_static" "$NGINX/slots.json"
for c in 64 200; do
    WRK_C=$c warm "$NGINX/big.json"
    WRK_C=$c wrk_run "nginx: full list, $c connections" "$NGINX/big.json"
    WRK_C=$c WRK_H=$GZ wrk_run "nginx: full list, gzip_static, $c connections" "$NGINX/big.json"
done

echo "== the NIO floor" >&2
# start_floor MODE: the floor serving the same bytes as nginx, in MODE (http1 or raw).
start_floor() {
    FLOOR_PORT=$(free_port)
    "$FLOOR_BIN" "$FLOOR_PORT" "$WORK/www" "$1" >/dev/null &
    FLOOR_PID=$!
    FLOOR="http://127.0.0.1:$FLOOR_PORT"
    for _ in $(seq 1 100); do curl -sf "$FLOOR/health.json" >/dev/null && break; sleep 0.05; done
    cmp <(curl -sf "$FLOOR/slots.json") "$WORK/www/slots.json"
    warm "$FLOOR/slots.json"
}
start_floor http1
wrk_run "NIO floor: slot list" "$FLOOR/slots.json"

echo "== the public answers side by side: Loket, nginx and the floor in turn, answer by answer" >&2
# This machine's speed drifts within minutes: each answer's three figures are taken together.
for public in "${PUBLIC[@]}" "floor:/health:health.json" "slot list:$PLANNER_PATH:slots.json"; do
    IFS=: read -r name path file <<<"$public"
    case $name in
        floor) label="floor: /health, sqlite" ;;
        "slot list") label="slot list, planner API, side by side, sqlite" ;;
        *) label="public: $name, sqlite" ;;
    esac
    WRK_H=$BROWSER warm "$LOKET$path"
    WRK_H=$BROWSER wrk_run "$label" "$LOKET$path"
    wrk_run "nginx: $file" "$NGINX/$file"
    wrk_run "NIO floor: $file" "$FLOOR/$file"
done
stop_loket
kill "$(cat "$WORK/nginx.pid")"; rm -f "$WORK/nginx.pid"
kill "$FLOOR_PID"; wait "$FLOOR_PID" 2>/dev/null || true
start_floor raw
wrk_run "raw floor: slot list" "$FLOOR/slots.json"
wrk_run "raw floor: health.json" "$FLOOR/health.json"
kill "$FLOOR_PID"; wait "$FLOOR_PID" 2>/dev/null || true

echo "== engine baselines" >&2
sqlite_tps=$(python3 benchmarks/engine-baseline-sqlite.py "$WORK/baseline.sqlite" "$SECONDS_NUM")
echo "engine: SQLite, UPDATE+INSERT per commit, 1 connection|$sqlite_tps|||" >> "$RESULTS"
pg_tps=$(benchmarks/engine-baseline-postgres.sh "$PGURL" "${BENCH_DB}_base" "$SECONDS_NUM")
echo "engine: PostgreSQL, UPDATE+INSERT per commit, 16 connections|$pg_tps|||" >> "$RESULTS"
psql "$PGURL" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)"

# The goals of #13, each a ratio in this run.
for engine in sqlite postgres; do
    for api in "planner API" "JSON API"; do
        r=$(ratio "$(rps "slot list, $api, $engine")" "$(rps "nginx: slot list")")
        goal "1. slot list, $api, $engine / nginx" "${r}x" "≥ 1.00x" "$(at_least "$r" 1)"
    done
    r=$(ratio "$(rps "slot list, planner API, gzip, $engine")" "$(rps "nginx: slot list, gzip_static")")
    goal "1. slot list, gzip, $engine / nginx gzip_static" "${r}x" "≥ 1.00x" "$(at_least "$r" 1)"
done
for c in 64 200; do
    r=$(ratio "$(rps "full list (1 MB), $c connections")" "$(rps "nginx: full list, $c connections")")
    goal "1. full list, $c connections / nginx" "${r}x" "≥ 1.00x" "$(at_least "$r" 1)"
    r=$(ratio "$(rps "full list (1 MB), gzip, $c connections")" "$(rps "nginx: full list, gzip_static, $c connections")")
    goal "1. full list, gzip, $c connections / nginx gzip_static" "${r}x" "≥ 1.00x" "$(at_least "$r" 1)"
done
grown=$((BIG_RSS_PEAK - BIG_RSS_START))
goal "1. server memory under the full list at 200 connections" "$BIG_RSS_START → $BIG_RSS_PEAK MB (+$grown)" "flat: + < 50 MB" "$(at_most "$grown" 50)"
bookings() { field "hold+confirm, $1" 5 | awk '{print $2}'; }
r=$(ratio "$(bookings sqlite)" "$sqlite_tps")
goal "2. confirmed bookings/s, SQLite / engine ($(bookings sqlite) / $sqlite_tps)" "${r}x" "≥ 0.50x" "$(at_least "$r" 0.5)"
r=$(ratio "$(bookings postgres)" "$pg_tps")
goal "2. confirmed bookings/s, PostgreSQL / engine ($(bookings postgres) / $pg_tps)" "${r}x" "≥ 0.50x" "$(at_least "$r" 0.5)"
for engine in sqlite postgres; do
    for view in "a day of times" "month view"; do
        name="calendar page, $view, $engine"
        r=$(ratio "$(rps "$name")" "$CALENDAR_BEFORE")
        goal "3. $name / before ($CALENDAR_BEFORE req/s)" "${r}x" "≥ 10x" "$(at_least "$r" 10)"
        p=$(ms "$(p99 "$name")")
        goal "3. $name, p99" "$p ms" "< 20 ms" "$(at_most "$p" 20)"
    done
done
for public in wait-times:wait-times.json draws:draws.json open-data:open-data.json metrics:metrics.txt \
    "desks page:desks.html" wachttijden:wachttijden.html; do
    r=$(ratio "$(rps "public: ${public%%:*}, sqlite")" "$(rps "nginx: ${public#*:}")")
    goal "4. ${public%%:*} / nginx, same bytes" "${r}x" "≥ 0.50x" "$(at_least "$r" 0.5)"
done
# #25: every cached answer at least 0.9 of the raw NIO floor serving the same bytes.
r=$(ratio "$(rps "slot list, planner API, side by side, sqlite")" "$(rps "NIO floor: slots.json")")
goal "#25 3. slot list, planner API / NIO floor, same bytes, side by side" "${r}x" "≥ 0.90x" "$(at_least "$r" 0.9)"
r=$(ratio "$(rps "slot list, planner API, side by side, sqlite")" "$(rps "nginx: slots.json")")
goal "#25 3. slot list, planner API / nginx, same bytes, side by side" "${r}x" "1.00x (reported)" "$(at_least "$r" 1)"
r=$(ratio "$(rps "floor: /health, sqlite")" "$(rps "NIO floor: health.json")")
goal "#25 3. /health / NIO floor, same bytes" "${r}x" "≥ 0.90x" "$(at_least "$r" 0.9)"
for public in wait-times:wait-times.json draws:draws.json open-data:open-data.json metrics:metrics.txt \
    "desks page:desks.html" wachttijden:wachttijden.html; do
    r=$(ratio "$(rps "public: ${public%%:*}, sqlite")" "$(rps "NIO floor: ${public#*:}")")
    goal "#25 3. ${public%%:*} / NIO floor, same bytes" "${r}x" "≥ 0.90x" "$(at_least "$r" 0.9)"
done
r=$(ratio "$(rps "NIO floor: slot list")" "$(rps "nginx: slot list")")
goal "#25 3. (context) NIO floor / nginx, slot list" "${r}x" "—" "—"
r=$(ratio "$(rps "NIO floor: health.json")" "$(rps "nginx: health.json")")
goal "#25 3. (context) NIO floor / nginx, health" "${r}x" "—" "—"
# Context: the floor without HTTP parsing; its byte search costs more than NIO's parser.
r=$(ratio "$(rps "raw floor: slot list")" "$(rps "NIO floor: slot list")")
goal "#25 3. (context) raw-bytes floor / NIO floor, slot list" "${r}x" "—" "—"
r=$(ratio "$(rps "slot list, planner API, sqlite")" "$(rps "raw floor: slot list")")
goal "#25 3. (context) slot list, planner API / raw-bytes floor" "${r}x" "—" "—"
r=$(ratio "$(rps "floor: /health, sqlite")" "$(rps "raw floor: health.json")")
goal "#25 3. (context) /health / raw-bytes floor" "${r}x" "—" "—"
# Not goals: what the HTTP stack allows. A ready answer of a few bytes against nginx, and the
# slot list against that floor (near 1 means the list costs no more than the stack itself).
r=$(ratio "$(rps "floor: /health, sqlite")" "$(rps "nginx: health.json")")
goal "1, 4. (context) the floor: /health / nginx, same bytes" "${r}x" "—" "—"
r=$(ratio "$(rps "slot list, planner API, sqlite")" "$(rps "floor: /health, sqlite")")
goal "1. (context) slot list, planner API, sqlite / the floor" "${r}x" "—" "—"
with=$(ms "$(p99 "slot list, planner API, $IDLE idle connections open, sqlite")")
without=$(ms "$(p99 "slot list, planner API, sqlite")")
r=$(ratio "$with" "$without")
goal "6. slot list p99 with $IDLE idle connections ($with ms) / without ($without ms)" "${r}x" "≤ 2.00x" "$(at_most "$r" 2)"

echo
echo "Loket benchmark — $(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION, server and load generator on one machine"
echo
printf '| %-66s | %10s | %9s | %9s | %s\n' "what" "req/s" "p50" "p99" "notes"
printf '|%s|%s|%s|%s|%s\n' "--------------------------------------------------------------------" "------------" "-----------" "-----------" "------"
while IFS='|' read -r name rps p50 p99 extra; do
    printf '| %-66s | %10s | %9s | %9s | %s\n' "$name" "$rps" "$p50" "$p99" "$extra"
done < "$RESULTS"
echo
printf '| %-74s | %-26s | %-16s | %s\n' "goal (#13, #25)" "measured" "goal" "met"
printf '|%s|%s|%s|%s\n' "----------------------------------------------------------------------------" "----------------------------" "------------------" "-----"
while IFS='|' read -r what measured target met; do
    printf '| %-74s | %-26s | %-16s | %s\n' "$what" "$measured" "$target" "$met"
done < "$GOALS"

if [[ ${YEARS:-1} != 0 ]]; then
    echo
    LOKET_BIN="$BIN" bash benchmarks/years_of_data.sh
fi
