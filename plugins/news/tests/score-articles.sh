#!/bin/sh
# score-articles.sh - run article-extract over the article benchmark's
# pages and print evaluate.py's last line (f1=... precision=... recall=...).
#
#   score-articles.sh [EXTRACTOR] [--per-page]
#
# EXTRACTOR defaults to build/article-extract under the repo. Pages and
# scorer come from ../shared/fixtures/articles (or $ASSAY_ARTICLES).
# The predictions are kept in $TMPDIR/assay-articles-pred.json.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
bin=${1:-$root/build/article-extract}
per_page=${2:-}
set_dir=${ASSAY_ARTICLES:-$root/../shared/fixtures/articles}
[ -d "$set_dir" ] || set_dir=/work/shared/fixtures/articles
pred=${TMPDIR:-/tmp}/assay-articles-pred.json

if [ ! -x "$bin" ]; then
    echo "score-articles.sh: no extractor at $bin (build target article-extract)" >&2
    exit 2
fi

"$bin" --json "$set_dir"/html/*.html.gz | python3 -c '
import json, os, sys
out = {}
for line in sys.stdin:
    o = json.loads(line)
    pid = os.path.basename(o["file"]).split(".")[0]
    out[pid] = {"articleBody": o.get("text") or ""}
json.dump(out, open(sys.argv[1], "w"), ensure_ascii=False)
' "$pred"

if [ "$per_page" = "--per-page" ]; then
    python3 "$set_dir/evaluate.py" "$set_dir/ground-truth.json" "$pred" --per-page
else
    python3 "$set_dir/evaluate.py" "$set_dir/ground-truth.json" "$pred" | tail -n 1
fi
