#!/bin/sh
# article.sh BUILD [ROUNDS] - the article extractor's speed and quality on
# the article-extraction benchmark (shared/fixtures/articles, 90 pages):
#
#   - pages/s of `BUILD/assay article --json` over html/*.html.gz (both
#     cores, its default; gunzip, extraction and JSON output included, one
#     process per round so start-up and plugin loading count too), and of
#     the same with -j 1;
#   - pages/s of Debian's python3-readability (readability-lxml, run with
#     /usr/bin/python3, one page after another, gunzip included, start-up
#     not counted) over the same pages in the same run: the baseline;
#   - the ratio (goal: >= 20x) and assay's F1 on the set, scored by
#     evaluate.py from one `assay article --json` run.
#
# python3-readability is installed with apt-get when missing (as root);
# without it the ratio is not printed. ROUNDS (default 5) repeats each
# side to smooth out the machine's other load.
set -eu
build=${1:-build}
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$build" && pwd)
set_dir=${ASSAY_ARTICLES:-$here/../../shared/fixtures/articles}
[ -d "$set_dir" ] || set_dir=/work/shared/fixtures/articles
assay=$build/assay
if [ ! -x "$assay" ]; then
    echo "article.sh: no $assay (build it first)" >&2
    exit 2
fi
if ! "$assay" article --help > /dev/null 2>&1; then
    echo "article.sh: $assay has no 'article' command (build plugin_news)" >&2
    exit 2
fi
n=$(find "$set_dir/html" -name "*.html.gz" | wc -l)
cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)

# the baseline, installed when missing
if ! /usr/bin/python3 -c 'import readability' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        echo "article.sh: installing python3-readability (the baseline)" >&2
        apt-get install -y python3-readability > /dev/null 2>&1 ||
            { apt-get update > /dev/null 2>&1 && apt-get install -y python3-readability > /dev/null 2>&1; } ||
            echo "article.sh: could not install python3-readability" >&2
    fi
fi

# pages/s of `assay article` with the given options
rate() {
    t0=$(date +%s.%N)
    i=0
    while [ "$i" -lt "$rounds" ]; do
        "$assay" article "$@" --json "$set_dir"/html/*.html.gz > /dev/null
        i=$((i + 1))
    done
    t1=$(date +%s.%N)
    echo "$n $rounds $t0 $t1" | awk '{printf "%.1f", $1 * $2 / ($4 - $3)}'
}
"$assay" article --json "$set_dir"/html/*.html.gz > /dev/null # warm the caches
ours=$(rate)
ours_one=$(rate -j 1)

theirs=$(/usr/bin/python3 - "$set_dir" "$rounds" <<'PY'
import glob, gzip, sys, time
try:
    from readability import Document
except ImportError:
    print("none"); sys.exit(0)
files = sorted(glob.glob(sys.argv[1] + "/html/*.html.gz"))
rounds = int(sys.argv[2])
for f in files[:5]:                      # warm up, as assay's run was
    with gzip.open(f) as fh:
        Document(fh.read()).summary()
t = time.time()
for _ in range(rounds):
    for f in files:
        with gzip.open(f) as fh:
            Document(fh.read()).summary()
print("%.1f" % (len(files) * rounds / (time.time() - t)))
PY
)

# quality: one run, scored by the benchmark's own metric
pred=$(mktemp)
trap 'rm -f "$pred"' EXIT
"$assay" article --json "$set_dir"/html/*.html.gz | python3 -c '
import json, os, sys
out = {}
for line in sys.stdin:
    o = json.loads(line)
    out[os.path.basename(o["file"]).split(".")[0]] = {"articleBody": o.get("text") or ""}
json.dump(out, open(sys.argv[1], "w"), ensure_ascii=False)
' "$pred"
score=$(python3 "$set_dir/evaluate.py" "$set_dir/ground-truth.json" "$pred" | tail -n 1)

echo "article extraction ($n pages x $rounds rounds, gunzip included):"
echo "  assay article --json: $ours pages/s on $cpus cores, $ours_one pages/s with -j 1"
if [ "$theirs" = "none" ]; then
    echo "  python3-readability: not installed, no ratio"
else
    echo "  python3-readability: $theirs pages/s (one core)"
    echo "  ratio: $(echo "$ours $theirs" | awk '{printf "%.1f", $1 / $2}')x (goal >= 20x);" \
         "$(echo "$ours_one $theirs" | awk '{printf "%.1f", $1 / $2}')x core for core"
fi
echo "  quality on the set: $score"
