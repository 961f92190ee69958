#!/bin/sh
# figures.sh BUILD - the figure extractor's speed on one core:
#   a corpus of the gold texts and the fixture articles' bodies repeated to
#   >= 100 MB; MB/s of the extraction alone (figures-extract bench, the
#   corpus as one text) and of `assay extract --jsonl` end to end (through
#   the plugin ABI, writing every fact as JSON; the corpus as 100 documents
#   of about 1 MB), next to `grep -c '[0-9]'` over the same bytes in the
#   same run (goal: >= 50 MB/s); peak RSS for 10 of those documents and
#   for all 100 (memory flat in corpus size).
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
shared=$here/../../shared
build=$(cd "$build" && pwd)
work=$build/bench-data
mkdir -p "$work"
corpus=$work/figures-corpus.txt
docs=$work/figures-docs
if [ ! -s "$corpus" ] || [ ! -d "$docs" ]; then
    python3 - "$shared" "$corpus" "$docs" <<'PY'
import glob, json, os, sys
shared, out, docs = sys.argv[1:]
parts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(os.path.join(shared, "gold", "*.txt")))]
truth = json.load(open(os.path.join(shared, "fixtures", "articles", "ground-truth.json"), encoding="utf-8"))
parts += [v["articleBody"] for _, v in sorted(truth.items())]
block = "\n\n".join(parts) + "\n\n"
data = block * (100 * 1024 * 1024 // len(block.encode()) + 1)
with open(out, "w", encoding="utf-8") as f:
    f.write(data)
os.makedirs(docs, exist_ok=True)
paragraphs, chunk, size, n = data.split("\n\n"), [], 0, 0
for p in paragraphs:
    chunk.append(p)
    size += len(p.encode()) + 2
    if size >= 1024 * 1024 or p is paragraphs[-1]:
        with open(os.path.join(docs, "doc-%03d.txt" % n), "w", encoding="utf-8") as f:
            f.write("\n\n".join(chunk))
        chunk, size, n = [], 0, n + 1
PY
fi
mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1048576)" "$corpus")

set -- $(python3 "$here/measure.py" grep -c '[0-9]' "$corpus")
grep_s=$1
set -- $(python3 "$here/measure.py" taskset -c 0 "$build/plugins/figures/figures-extract" bench "$corpus")
lib_s=$1
all_docs=$(ls "$docs"/doc-*.txt | head -n 100)
ten_docs=$(ls "$docs"/doc-*.txt | head -n 10)
set -- $(python3 "$here/measure.py" taskset -c 0 "$build/assay" extract --jsonl $all_docs)
cli_s=$1 cli_rss=$2
set -- $(python3 "$here/measure.py" taskset -c 0 "$build/assay" extract --jsonl $ten_docs)
small_rss=$2
facts=$("$build/assay" extract --jsonl $all_docs | wc -l)
mb_docs=$(cat $all_docs | wc -c | awk '{print $1 / 1048576}')

python3 - "$mb" "$grep_s" "$lib_s" "$cli_s" "$facts" "$small_rss" "$cli_rss" "$mb_docs" <<'PY'
import sys
mb, grep_s, lib_s, cli_s, facts, small_rss, big_rss, mb_docs = map(float, sys.argv[1:])
print("figures: %.0f MB corpus (gold texts and fixture articles, repeated), one core" % mb)
print("  grep -c '[0-9]'          %7.1f MB/s  (%.2f s)" % (mb / grep_s, grep_s))
print("  extraction (library)     %7.1f MB/s  (%.2f s)   goal >= 50" % (mb / lib_s, lib_s))
print("  assay extract --jsonl    %7.1f MB/s  (%.2f s, %d facts written)" % (mb_docs / cli_s, cli_s, facts))
print("  extraction / grep        %7.2f x" % (grep_s / lib_s))
print("  assay extract peak RSS  %7.1f MiB for 10 documents, %.1f MiB for 100" % (small_rss / 1024, big_rss / 1024))
PY
