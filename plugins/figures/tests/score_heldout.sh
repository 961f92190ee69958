#!/bin/sh
# score_heldout.sh [ASSAY] [SET...] - score `assay extract` on the held-out
# sets (plugins/figures/tests/heldout*) with the gold set's score.py, one
# line per set: figure F1 and attribution F1, plus the pooled total.
#
# ASSAY defaults to build/assay; SET names folders in this directory
# (default: every heldout* folder). Run from the project root or anywhere;
# score.py is looked for in ../shared/gold beside the project.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
assay=${1:-$root/build/assay}
[ $# -gt 0 ] && shift
score=$root/../shared/gold/score.py
[ -f "$score" ] || score=/work/shared/gold/score.py
if [ ! -x "$assay" ]; then
    echo "score_heldout.sh: no $assay (build it first)" >&2
    exit 2
fi
if [ ! -f "$score" ]; then
    echo "score_heldout.sh: no score.py in ../shared/gold" >&2
    exit 2
fi
[ $# -gt 0 ] || set -- $(cd "$here" && ls -d heldout*/ | tr -d /)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/all-gold" "$work/all-pred"
for set in "$@"; do
    dir=$here/$set
    mkdir "$work/$set"
    for t in "$dir"/*.txt; do
        n=$(basename "$t" .txt)
        [ -f "$dir/$n.facts.jsonl" ] || continue
        "$assay" extract --jsonl "$t" > "$work/$set/$n.facts.jsonl"
        cp "$t" "$dir/$n.facts.jsonl" "$work/all-gold/"
        cp "$work/$set/$n.facts.jsonl" "$work/all-pred/"
    done
    printf '%-10s %s\n' "$set" "$(python3 "$score" "$dir" "$work/$set" | tail -n 1)"
done
printf '%-10s %s\n' "all" "$(python3 "$score" "$work/all-gold" "$work/all-pred" | tail -n 1)"
