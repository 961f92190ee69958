#!/bin/sh
# demo.sh - runs pipelines/demo.json on the bundled samples (no network, no
# server) and prints what it produced as a table.
set -eu
build=${1:-build}
out=out
mkdir -p "$out"
echo "assay demo: pipelines/demo.json (bundled samples -> $out/)"
status=0
ASSAY_OUT="$out" "./$build/assay" run --state-dir state/demo --summary "$out/summary.json" \
    pipelines/demo.json || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
    echo "assay demo: the run failed (exit $status); see the messages above" >&2
    exit "$status"
fi
if [ -f "$out/facts.csv" ]; then
    "./$build/assay" table "$out/facts.csv" --columns entity,counterparty,metric,value,period,text \
        --width 44
else
    "./$build/assay" table "$out/documents.csv" --columns title,source,kind,url --width 60
fi
echo "summary: $out/summary.json"
