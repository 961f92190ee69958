#!/bin/sh
# postgres.sh BUILD - the postgres sink against psql's \copy, in one run,
# on one throwaway server:
#   - 1,000,000 generated facts (bench/pg_gen.c: a source that costs
#     little, so the figure measures the sink) through `assay run` into an
#     empty table with its primary key, and `psql -c "\copy ... FROM file
#     CSV"` of the same rows into an identical table: rows/s and the ratio
#     (goal >= 1.0 x \copy);
#   - assay again over the same rows, every one a duplicate (goal >= 0.8 x);
#   - assay's peak RSS (goal < 64 MiB);
#   - end to end: 1,000,000 facts read from JSON lines by the files source,
#     against \copy of those same rows.
# Each figure is the best of 5 (the machine is shared; the best is the
# least disturbed). The server is tuned for bulk loads, the same for both
# sides (see the settings below).
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$build" && pwd)
assay=$build/assay
work=$build/bench-data
mkdir -p "$work"
big=$work/facts-1000000.jsonl
[ -s "$big" ] || python3 "$here/gen_facts.py" 1000000 "$big"
[ -x "$assay" ] && [ -f "$build/plugins/postgres.so" ] && [ -f "$build/bench/plugins/pg_gen.so" ] || {
    echo "postgres.sh: build assay, plugin_postgres and bench_pg_gen in $build first" >&2
    exit 1
}

# ---- a throwaway server ----
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -1)
[ -n "$bindir" ] || bindir=$(pg_config --bindir)
[ -x "$bindir/initdb" ] || { echo "postgres.sh: no PostgreSQL server (initdb) found" >&2; exit 1; }
pgdir=$(mktemp -d /tmp/assay-pgbench-XXXXXX)
if [ "$(id -u)" = 0 ]; then
    chown postgres "$pgdir"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi
cleanup() {
    as_pg "$bindir/pg_ctl" -D "$pgdir/data" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$pgdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$bindir/initdb" -D "$pgdir/data" -U postgres -E UTF8 --no-locale -A trust >/dev/null
cat >> "$pgdir/data/postgresql.conf" <<CONF
listen_addresses = ''
port = $port
unix_socket_directories = '$pgdir'
# bulk-load tuning, the same for both sides: no checkpoint during a load
# (big WAL, long timeout), room in memory, minimal WAL, no full-page images
# (the checkpoint before each measurement would make every first touch of
# an index page log 8 kB), a WAL writer that flushes in the background
# often (so a COMMIT finds little left to flush), no autovacuum between
# the measurements. Commits stay durable: fsync and synchronous_commit are
# on, and assay waits for the flush of every batch it commits.
shared_buffers = 1GB
wal_buffers = 64MB
max_wal_size = 16GB
checkpoint_timeout = 1h
wal_level = minimal
max_wal_senders = 0
full_page_writes = off
wal_writer_delay = 10ms
wal_writer_flush_after = 256kB
autovacuum = off
CONF
as_pg "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w start >/dev/null
conn="host=$pgdir port=$port user=postgres dbname=postgres"
sql() { PGOPTIONS="-c client_min_messages=warning" psql "$conn" -qAtX -v ON_ERROR_STOP=1 "$@"; }

# ---- helpers ----
# Runs measure.py on a command; prints "seconds rss code".
measure() { python3 "$here/measure.py" "$@"; }

pipeline() { # name source-json schema -> $work/pg-NAME.json
    cat > "$work/pg-$1.json" <<JSON
{"name": "pgbench-$1",
 "sources": [$2],
 "sinks": [{"id": "pg", "plugin": "postgres", "input": ["in.facts"], "conninfo": "$conn",
            "schema": "$3", "batch_size": 20000}]}
JSON
}
pipeline gen '{"id": "in", "plugin": "pg_gen", "count": 1000000}' bench
pipeline files "{\"id\": \"in\", \"plugin\": \"files\", \"paths\": [\"$big\"], \"jsonl_stream\": \"facts\"}" e2e
pipeline warm '{"id": "in", "plugin": "pg_gen", "count": 1000000}' warm

run_assay() { # name -> "seconds rss code"
    rm -rf "$work/pg-state-$1"
    measure "$assay" -q --plugin-path "$build/bench/plugins" run --state-dir "$work/pg-state-$1" \
        "$work/pg-$1.json"
}

best=""
keep_best() { # "seconds rss code" -> updates best_s, best_rss (max), fails on an exit code
    set -- $1
    [ "$3" = 0 ] || { echo "postgres.sh: a run failed (exit $3)" >&2; exit 1; }
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $1 < $best else 1)"; then best=$1; fi
    [ "$2" -gt "${peak_rss:-0}" ] && peak_rss=$2
    return 0
}

# ---- warm up, and the rows for \copy ----
set -- $(run_assay warm)
[ "$3" = 0 ] || { echo "postgres.sh: warm-up run failed (exit $3)" >&2; exit 1; }
sql -c "\\copy warm.facts TO '$work/pg-gen.csv' CSV"
sql -c "CREATE SCHEMA tmpl" -c "CREATE TABLE tmpl.facts (LIKE warm.facts INCLUDING ALL)" \
    -c "DROP SCHEMA warm CASCADE" -c "CREATE SCHEMA copy"
rows=$(wc -l < "$work/pg-gen.csv")
[ "$rows" = 1000000 ] || { echo "postgres.sh: expected 1000000 rows, exported $rows" >&2; exit 1; }

copy_into() { # csv -> best seconds of 5 \copy runs into an empty copy.facts
    best=""
    for i in 1 2 3 4 5; do
        sql -c "DROP TABLE IF EXISTS copy.facts" -c "CREATE TABLE copy.facts (LIKE tmpl.facts INCLUDING ALL)" \
            -c "CHECKPOINT"
        keep_best "$(measure psql "$conn" -qX -v ON_ERROR_STOP=1 -c "\\copy copy.facts FROM '$1' CSV")"
    done
    echo "$best"
}

# ---- 1. new rows: \copy, then assay ----
copy_s=$(copy_into "$work/pg-gen.csv")
peak_rss=0
best=""
for i in 1 2 3 4 5; do
    sql -c "DROP SCHEMA IF EXISTS bench CASCADE" -c "CHECKPOINT"
    keep_best "$(run_assay gen)"
done
new_s=$best
n=$(sql -c "SELECT count(*) FROM bench.facts")
[ "$n" = 1000000 ] || { echo "postgres.sh: bench.facts has $n rows" >&2; exit 1; }

# ---- 2. every row a duplicate ----
best=""
for i in 1 2 3 4 5; do
    sql -c "CHECKPOINT"
    keep_best "$(run_assay gen)"
done
dup_s=$best
n=$(sql -c "SELECT count(*) FROM bench.facts")
[ "$n" = 1000000 ] || { echo "postgres.sh: after the re-runs bench.facts has $n rows" >&2; exit 1; }

# ---- 3. end to end from JSON lines, and \copy of the same rows ----
best=""
for i in 1 2 3 4 5; do
    sql -c "DROP SCHEMA IF EXISTS e2e CASCADE" -c "CHECKPOINT"
    keep_best "$(run_assay files)"
done
e2e_s=$best
sql -c "\\copy e2e.facts TO '$work/pg-e2e.csv' CSV"
e2e_copy_s=$(copy_into "$work/pg-e2e.csv")
rm -f "$work/pg-gen.csv" "$work/pg-e2e.csv"
version=$("$bindir/postgres" --version)

python3 - "$copy_s" "$new_s" "$dup_s" "$peak_rss" "$e2e_copy_s" "$e2e_s" "$version" <<'PY'
import sys
copy_s, new_s, dup_s, rss, e2e_copy_s, e2e_s = map(float, sys.argv[1:7])
n = 1_000_000
def line(what, s):
    print("  %-30s %9.0f rows/s  (%.2f s)" % (what, n / s, s))
print("postgres sink: 1,000,000 facts into an empty table with its primary key (%s, best of 5)"
      % sys.argv[7])
line("psql \\copy FROM file CSV", copy_s)
line("assay run (pg_gen source)", new_s)
print("  %-30s %9.2f x \\copy       (goal >= 1.0)" % ("ratio, new rows", copy_s / new_s))
line("assay run again (all dups)", dup_s)
print("  %-30s %9.2f x \\copy       (goal >= 0.8)" % ("ratio, re-run", copy_s / dup_s))
print("  %-30s %9.1f MiB          (goal < 64)" % ("assay peak RSS", rss / 1024))
print("end to end: the same number of facts from JSON lines (files source)")
line("psql \\copy of those rows", e2e_copy_s)
line("assay run (files source)", e2e_s)
print("  %-30s %9.2f x \\copy" % ("ratio", e2e_copy_s / e2e_s))
PY
