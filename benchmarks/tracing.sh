#!/usr/bin/env bash
# What tracing costs, side by side in one run: hold+confirm bookings/s and a routed read (the
# desk list, which passes the router and its middleware) on SQLite, with tracing off (the
# default), on for every request, and on for one trace in ten (OpenTelemetry's own sampler
# variables), all to an OTLP/HTTP sink on loopback that accepts and drops every batch (on the
# same two cores: a real collector runs elsewhere); each on a fresh database, alternating
# twice. Release build; load from wrk.
# Usage: benchmarks/tracing.sh [duration] [connections]; LOKET_BIN=path measures that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/common.sh

DURATION="${1:-8s}"
CONNECTIONS="${2:-64}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [[ -z ${LOKET_BIN:-} ]]; then
    swift build -c release --product loket >&2
    LOKET_BIN="$(swift build -c release --show-bin-path)/loket"
fi
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

# The sink: answers every export with an empty ExportTraceServiceResponse, counting the bytes.
SINK_PORT=$(free_port)
python3 - "$SINK_PORT" > "$WORK/sink.out" <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
received = [0, 0]
class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        received[0] += 1
        received[1] += len(self.rfile.read(int(self.headers["Content-Length"])))
        print(f"batches {received[0]} bytes {received[1]}", flush=True)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY

run() {  # run NAME SAMPLED EXTRA_ARGS... (SAMPLED: the share of traces kept, 1.0 for all)
    local name=$1 sampled=$2 port database
    shift 2
    port=$(free_port)
    database="$WORK/$name-$RANDOM.sqlite"
    OTEL_TRACES_SAMPLER=traceidratio OTEL_TRACES_SAMPLER_ARG=$sampled "$LOKET_BIN" serve --port "$port" --database "$database" --desks benchmarks/bench-network.yaml \
        --log-level warning "$@" &
    local pid=$!
    local base="http://127.0.0.1:$port"
    for _ in $(seq 1 600); do curl -sf "$base/health" >/dev/null && break; sleep 0.1; done
    curl -sf "$base/api/v1/desks/BENCH/slots?product=BIO&persons=1" | python3 -c 'import json,sys; print("return {" + ",".join("\"%s\"" % s["key"] for s in json.load(sys.stdin)["slots"]) + "}")' > "$WORK/keys.lua"
    wrk -t2 -c"$CONNECTIONS" -d2s "$base/api/v1/desks" >/dev/null
    local read booked
    read=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$base/api/v1/desks" | awk '/Requests\/sec/ {print $2}')
    booked=$(LOKET_BENCH_KEYS="$WORK/keys.lua" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s benchmarks/hold-confirm.lua "$base" \
        | awk '/^BOOKINGS/ {print $2}')
    kill "$pid"; wait "$pid" 2>/dev/null || true
    printf '%-14s desk list %10s req/s   hold+confirm %8s bookings/s\n' "$name" "$read" "$booked"
}

for round in 1 2; do
    run "off" 1.0
    run "on, all" 1.0 --otlp-endpoint "http://127.0.0.1:$SINK_PORT"
    run "on, 1 in 10" 0.1 --otlp-endpoint "http://127.0.0.1:$SINK_PORT"
done
echo "sink: $(tail -1 "$WORK/sink.out")"
