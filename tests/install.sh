#!/bin/sh
# install.sh BUILD_DIR SOURCE_DIR - cmake --install into a temporary prefix,
# then: the installed binary finds the installed plugins; pkg-config finds
# the SDK; a plugin built out of tree with only `pkg-config --cflags assay`
# (and nothing of the core) loads and runs.
set -eu
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" > /dev/null
for f in bin/assay include/assay/assay.h lib/pkgconfig/assay.pc \
         lib/assay/plugins/files.so lib/assay/plugins/csv.so; do
    [ -e "$prefix/$f" ] || { echo "install is missing $f" >&2; exit 1; }
done
"$prefix/bin/assay" plugins | grep -q '^files ' || { echo "installed assay does not list files" >&2; exit 1; }

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
cflags=$(pkg-config --cflags assay)
plugindir=$(pkg-config --variable=plugindir assay)
[ -d "$plugindir" ] || { echo "pkg-config plugindir $plugindir does not exist" >&2; exit 1; }
mkdir "$tmp/plugins"
cc -std=c11 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden $cflags \
   -Wl,--no-undefined -o "$tmp/plugins/hello.so" "$src/tests/sdk/hello.c"
cat > "$tmp/hello.json" <<JSON
{"name": "hello", "sources": [{"id": "h", "plugin": "hello", "count": 5}],
 "sinks": [{"id": "out", "plugin": "csv", "input": ["h.documents"], "dir": "$tmp/out"}]}
JSON
cd "$tmp"
"$prefix/bin/assay" --plugin-path "$tmp/plugins" check hello.json > /dev/null
"$prefix/bin/assay" --plugin-path "$tmp/plugins" -q run hello.json > /dev/null
rows=$(($(wc -l < "$tmp/out/documents.csv") - 1))
[ "$rows" = 5 ] || { echo "expected 5 rows from the out-of-tree plugin, found $rows" >&2; exit 1; }
# assay new-plugin: each kind builds with its own Makefile and runs
export PATH=$prefix/bin:$PATH
cd "$tmp"
echo "some text long enough to pass" > note.txt
for kind in source transform sink; do
    assay new-plugin "my_$kind" --kind "$kind" "$tmp/my_$kind" > /dev/null
    make -s -C "$tmp/my_$kind" CFLAGS="-O2 -Werror" > /dev/null
    (cd "$tmp/my_$kind" && cp ../note.txt . && make -s check > /dev/null &&
        assay --plugin-path . -q run example.json > /dev/null) ||
        { echo "the scaffolded $kind plugin does not build or run" >&2; exit 1; }
done
[ "$(wc -l < "$tmp/my_sink/out.jsonl")" -ge 2 ] || { echo "the scaffolded sink wrote nothing" >&2; exit 1; }
assay new-plugin my_sink --kind sink "$tmp/my_sink" > /dev/null 2>&1 &&
    { echo "new-plugin overwrote an existing plugin" >&2; exit 1; }
echo "install, out-of-tree plugin and scaffolds: ok"
