#!/usr/bin/env bash
# What PostgreSQL itself manages for one booking-shaped transaction per commit (a conditional
# UPDATE of a capacity row and an INSERT, benchmarks/engine-baseline-postgres.sql) on 16
# connections, in a database of its own that is dropped afterwards. Prints commits per second.
# Usage: benchmarks/engine-baseline-postgres.sh SERVER_URL DATABASE_NAME SECONDS
set -euo pipefail
cd "$(dirname "$0")/.."
PGURL=$1 NAME=$2 SECONDS_NUM=$3
psql "$PGURL" -qc "SET client_min_messages = warning" -qc "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" -qc "CREATE DATABASE $NAME" >&2
BASE_URL="${PGURL%/*}/$NAME"
psql "$BASE_URL" -q >&2 <<SQL
CREATE TABLE bench_units (key int PRIMARY KEY, taken int NOT NULL DEFAULT 0);
INSERT INTO bench_units (key) SELECT generate_series(0, 239);
CREATE TABLE bench_bookings (id bigserial PRIMARY KEY, key int NOT NULL, name text, email text, created_at timestamptz);
SQL
pgbench -n -c 16 -j 2 -T "$SECONDS_NUM" -f benchmarks/engine-baseline-postgres.sql "$BASE_URL" 2>/dev/null | awk '/^tps/ {print int($3)}'
psql "$PGURL" -qc "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >&2
