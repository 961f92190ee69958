#!/bin/sh
# bench-dedup.sh BUILD [N] - the dedup transform through `assay run` on N
# documents (default 100,000) of about 300 words, a tenth of them near-
# duplicates (credits added, one word in 50 changed) of an earlier one from
# another outlet: files (JSON lines) -> dedup -> csv (stories only).
#
# Prints dedup's own time (its callbacks, from the run summary) in
# documents/s, the whole run's, the duplicates found against those planted,
# and the memory file's size; then a second run over the same documents
# (all replays: the memory loaded from the file).
set -eu
build=$(cd "${1:-build}" && pwd)
n=${2:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 - "$n" > docs.jsonl <<'PY'
import json, random, sys
n = int(sys.argv[1])
rnd = random.Random(7)
syl = ["ka", "to", "ri", "ma", "lu", "be", "no", "si", "ve", "da", "pe", "go", "ni", "ha"]
vocab = ["".join(rnd.choice(syl) for _ in range(rnd.randint(1, 4))) for _ in range(30000)]
texts = []
for i in range(n):
    if i % 10 == 9:
        base = texts[i - 1 - rnd.randrange(8)].split()
        for k in range(0, len(base), 50):
            base[k + rnd.randrange(min(50, len(base) - k))] = rnd.choice(vocab) + "x"
        text = "LONDON (Wire) - " + " ".join(base) + " Reporting by a staff writer."
    else:
        text = " ".join(rnd.choice(vocab) for _ in range(300))
    texts.append(text)
    print(json.dumps({"id": "doc-%d" % i, "source": "outlet-%d.test" % (i % 50), "text": text}))
PY
cat > p.json <<'EOF'
{"name": "bench", "sources": [{"id": "in", "plugin": "files", "paths": ["docs.jsonl"],
  "max_bytes": 1000000}],
 "transforms": [{"id": "dedup", "plugin": "dedup", "input": ["in.documents"]}],
 "sinks": [{"id": "out", "plugin": "csv", "input": ["dedup.stories"], "batch_size": 10000}]}
EOF
for pass in first second; do
    t0=$(date +%s.%N)
    "$build/assay" -q run p.json > summary.json
    t1=$(date +%s.%N)
    python3 - "$n" "$t0" "$t1" "$pass" summary.json state/bench/bench.dedup.dedup <<'PY'
import json, os, sys
n, t0, t1, which, path, mem = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
s = json.load(open(path))
d = [p for p in s["plugins"] if p["id"] == "dedup"][0]
c = d["counters"]
print("%s run: dedup %.2f s for %d documents (%.0f documents/s); whole run %.2f s; "
      "%d near + %d exact duplicates (%d planted), %d replayed; memory file %.1f MB"
      % (which, d["seconds"], n, n / d["seconds"], t1 - t0, c.get("near_duplicates", 0),
         c.get("exact_duplicates", 0), n // 10, c.get("replayed", 0), os.path.getsize(mem) / 1e6))
PY
done
