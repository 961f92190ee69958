#!/bin/sh
# fuzz.sh BUILD SECONDS - runs each libFuzzer target for SECONDS (under
# ASan + UBSan), seeded with the gold texts, the samples and the fixtures,
# and prints one line per target: runs, corpus, and whether it crashed.
set -eu
build=$1
seconds=${2:-600}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=$here/../shared
work=$build/fuzz-work
status=0
for t in figures jsonrec html; do
    corpus=$work/corpus-$t
    mkdir -p "$corpus" "$work/crashes-$t"
    case $t in
        figures) cp "$shared"/gold/*.txt "$here"/pipelines/samples/*.txt "$corpus"/ 2>/dev/null || true ;;
        jsonrec) head -c 20000 "$shared"/gold/pub-01.facts.jsonl | head -n 20 | split -l 1 - "$corpus/line-" ;;
        html) for f in $(ls "$shared"/fixtures/articles/html/*.html.gz | head -n 20); do
                  gzip -dc "$f" > "$corpus/$(basename "$f" .gz)"; done ;;
    esac
    log=$work/$t.log
    if "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=262144 -timeout=10 \
            -rss_limit_mb=4096 -artifact_prefix="$work/crashes-$t/" "$corpus" > "$log" 2>&1; then
        result=ok
    else
        result="FAILED (see $log and $work/crashes-$t/)"
        status=1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -n 1 | awk '{print $2}')
    [ -n "$runs" ] || runs=$(grep -Eo '#[0-9]+' "$log" | tail -n 1 | tr -d '#')
    echo "fuzz_$t: ${seconds}s, ${runs:-?} runs, corpus $(ls "$corpus" | wc -l) inputs: $result"
done
exit $status
