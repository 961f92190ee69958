#!/bin/sh
# run.sh BUILD - every benchmark, each printing its figures as ratios
# against a baseline measured in the same run.
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
for b in "$here"/pipeline.sh "$here"/figures.sh "$here"/fetch.sh "$here"/article.sh "$here"/postgres.sh; do
    sh "$b" "$build"
    echo
done
