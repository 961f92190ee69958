#!/bin/sh
# pipeline.sh BUILD - the runner's throughput and memory:
#   1,000,000 facts-like JSON lines through files -> csv, next to Debian's
#   `jq -c .` over the same file in the same run (records/s and the ratio;
#   goal >= 1.5 x jq), and assay's peak RSS for 10,000 and for 1,000,000
#   records (goal: within 20 % of each other: memory stays flat).
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
assay=$(cd "$build" && pwd)/assay
work=$(cd "$build" && pwd)/bench-data
mkdir -p "$work"
big=$work/facts-1000000.jsonl
small=$work/facts-10000.jsonl
[ -s "$big" ] || python3 "$here/gen_facts.py" 1000000 "$big"
[ -s "$small" ] || python3 "$here/gen_facts.py" 10000 "$small"

pipeline() { # input file -> pipeline file
    cat > "$work/bench-$2.json" <<JSON
{"name": "bench-$2",
 "sources": [{"id": "in", "plugin": "files", "paths": ["$1"], "jsonl_stream": "facts"}],
 "sinks": [{"id": "out", "plugin": "csv", "input": ["in.facts"], "dir": "$work/out-$2",
            "batch_size": 5000}]}
JSON
}
pipeline "$big" big
pipeline "$small" small

run_assay() { # name -> "seconds rss code"
    rm -rf "$work/state-$1"
    python3 "$here/measure.py" "$assay" -q run --state-dir "$work/state-$1" "$work/bench-$1.json"
}

set -- $(python3 "$here/measure.py" jq -c . "$big")
jq_s=$1
set -- $(run_assay big)
big_s=$1 big_rss=$2 big_code=$3
set -- $(run_assay small)
small_rss=$2
[ "$big_code" = 0 ] || { echo "assay run failed (exit $big_code)" >&2; exit 1; }
rows=$(($(wc -l < "$work/out-big/facts.csv") - 1))
[ "$rows" = 1000000 ] || { echo "expected 1000000 rows, found $rows" >&2; exit 1; }

python3 - "$jq_s" "$big_s" "$small_rss" "$big_rss" <<'PY'
import sys
jq_s, big_s, small_rss, big_rss = map(float, sys.argv[1:])
n = 1_000_000
print("pipeline: 1,000,000 facts, files (jsonl) -> csv")
print("  jq -c .        %8.0f records/s  (%.2f s)" % (n / jq_s, jq_s))
print("  assay run      %8.0f records/s  (%.2f s)" % (n / big_s, big_s))
print("  ratio          %8.2f x jq        (goal >= 1.5)" % (jq_s / big_s))
print("memory: peak RSS")
print("  10,000 records    %6.1f MiB" % (small_rss / 1024))
print("  1,000,000 records %6.1f MiB" % (big_rss / 1024))
print("  difference        %6.1f %%     (goal < 20 %%)" % (100 * abs(big_rss - small_rss) / small_rss))
PY
