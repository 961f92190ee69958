#!/bin/sh
# fetch.sh BUILD - the HTTP service's concurrency: 1,000 pages from the test
# server on 127.0.0.1, each answered after 100 ms of added latency, fetched
# with 32 transfers in flight (concurrency 32, per_host 32). Prints the time
# T, the ideal (1000 x 0.1 s / 32) and their ratio (goal <= 1.5).
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
driver=$(cd "$build" && pwd)/bench/fetch_bench
[ -x "$driver" ] || { echo "fetch.sh: $driver is missing (build first)" >&2; exit 1; }
pages=1000 conc=32 latency_ms=100

work=$(mktemp -d)
trap 'kill "$srv" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
python3 "$here/../tests/httpd/server.py" --port-file "$work/port" --latency-ms "$latency_ms" \
    > /dev/null &
srv=$!
i=0
while [ ! -s "$work/port" ]; do
    i=$((i + 1))
    [ "$i" -lt 200 ] || { echo "fetch.sh: the test server did not start" >&2; exit 1; }
    sleep 0.05
done
port=$(cat "$work/port")

set -- $("$driver" "http://127.0.0.1:$port" "$pages" "$conc")
t=$1 bytes=$2
python3 - "$t" "$pages" "$conc" "$latency_ms" "$bytes" <<'PY'
import sys
t, pages, conc, latency_ms, nbytes = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
ideal = pages * latency_ms / 1000 / conc
print("fetch: %d pages, %g ms latency each, %d in flight (127.0.0.1)" % (pages, latency_ms, conc))
print("  assay http_fetch  %6.2f s  (%d bytes)" % (t, nbytes))
print("  ideal             %6.2f s  (%d x %.1f s / %d)" % (ideal, pages, latency_ms / 1000, conc))
print("  ratio             %6.2f    (goal <= 1.5)" % (t / ideal))
PY
