#!/bin/sh
# speed-articles.sh - pages/s of article-extract next to Debian's
# python3-readability over the same benchmark pages, in the same run.
#
#   speed-articles.sh [EXTRACTOR] [ROUNDS]
#
# Both sides read and gunzip the .html.gz files and extract every page
# ROUNDS times (default 5): article-extract with -j 1 (one core) and
# with one thread per CPU, readability one page after another;
# readability runs in one python3 process (start-up not counted),
# article-extract as one process per round (start-up counted) and also
# prints its JSON.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
bin=${1:-$root/build/article-extract}
rounds=${2:-5}
set_dir=${ASSAY_ARTICLES:-$root/../shared/fixtures/articles}
[ -d "$set_dir" ] || set_dir=/work/shared/fixtures/articles
n=$(find "$set_dir/html" -name "*.html.gz" | wc -l)

# pages/s of article-extract with the given -j
rate() {
    t0=$(date +%s.%N)
    i=0
    while [ "$i" -lt "$rounds" ]; do
        "$bin" -j "$1" --json "$set_dir"/html/*.html.gz > /dev/null
        i=$((i + 1))
    done
    t1=$(date +%s.%N)
    echo "$n $rounds $t0 $t1" | awk '{printf "%.1f", $1 * $2 / ($4 - $3)}'
}
cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
"$bin" --json "$set_dir"/html/*.html.gz > /dev/null     # warm the caches
ours=$(rate 1)
ours_all=$(rate "$cpus")

theirs=$(/usr/bin/python3 - "$set_dir" "$rounds" <<'PY'
import glob, gzip, sys, time
try:
    from readability import Document
except ImportError:
    print("none"); sys.exit(0)
files = sorted(glob.glob(sys.argv[1] + "/html/*.html.gz"))
rounds = int(sys.argv[2])
t = time.time()
for _ in range(rounds):
    for f in files:
        with gzip.open(f) as fh:
            Document(fh.read()).summary()
print("%.1f" % (len(files) * rounds / (time.time() - t)))
PY
)
if [ "$theirs" = "none" ]; then
    echo "article-extract: $ours pages/s on 1 core, $ours_all on $cpus" \
         "(python3-readability not installed)"
else
    echo "article-extract: $ours pages/s on 1 core, $ours_all on $cpus;" \
         "python3-readability: $theirs pages/s (1 core);" \
         "ratio $(echo "$ours $theirs" | awk '{printf "%.1f", $1 / $2}')x on 1 core," \
         "$(echo "$ours_all $theirs" | awk '{printf "%.1f", $1 / $2}')x on $cpus"
fi
