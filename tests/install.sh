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
echo "install and out-of-tree plugin: ok"
