#!/bin/sh
# test-driver.sh - article-extract (or `assay article`) on real files:
# .html, .html.gz, a missing file, stdin; every line must be one JSON
# object with the keys.
#   test-driver.sh PATH/TO/article-extract
#   test-driver.sh PATH/TO/assay [--plugin-path DIR] article
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cat > "$dir/a.html" <<'HTML'
<html><head><title>Driver test</title>
<meta property="article:published_time" content="2021-03-04T05:06:07+01:00">
<meta name="author" content="Jo Writer"></head><body><article>
<p>The first paragraph is long enough to be taken as article text, with commas, and a full stop.</p>
<p>The second paragraph says more about the matter, again with commas, clauses and words.</p>
</article></body></html>
HTML
gzip -c "$dir/a.html" > "$dir/b.html.gz"
: > "$dir/empty.html"

cp "$dir/a.html" "$dir/stdin.html"
out=$("$@" --json "$dir/a.html" "$dir/b.html.gz" "$dir/empty.html" - < "$dir/stdin.html")
printf '%s\n' "$out" | python3 -c '
import json, sys
lines = sys.stdin.read().splitlines()
assert len(lines) == 4, lines
objs = [json.loads(l) for l in lines]
for o in objs:
    assert set(o) == {"file", "title", "author", "published_at", "text"}, o
a, b, e, s = objs
assert a["file"].endswith("/a.html") and b["file"].endswith("/b.html.gz") and s["file"] == "-"
for o in (a, b, s):
    assert o["title"] == "Driver test", o
    assert o["author"] == "Jo Writer", o
    assert o["published_at"] == "2021-03-04T04:06:07Z", o
    assert "first paragraph" in o["text"] and "second paragraph" in o["text"], o
assert e["text"] == "" and e["title"] is None, e
'

# a missing file: an error object, exit status 1, the other file done
set +e
out=$("$@" --json "$dir/nope.html" "$dir/a.html" 2>/dev/null)
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "want exit 1 for a missing file, got $rc"; exit 1; }
printf '%s\n' "$out" | python3 -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin.read().splitlines()]
assert len(lines) == 2 and "error" in lines[0] and lines[1]["title"] == "Driver test", lines
'
echo "1 passed, 0 failed"
