-- pgbench script: one booking-shaped transaction, a conditional UPDATE of a capacity row and an INSERT.
\set key random(0, 239)
BEGIN;
UPDATE bench_units SET taken = taken + 1 WHERE key = :key AND taken < 1000000;
INSERT INTO bench_bookings (key, name, email, created_at) VALUES (:key, 'Bench Mark', 'bench@example.nl', now());
END;
