#!/bin/sh
# deps.sh - installs the Debian packages assay builds and tests with, if
# any are missing. Silent when everything is there already.
set -eu

packages="cmake make gcc pkg-config libcurl4-openssl-dev libxml2-dev libjansson-dev \
libpq-dev check postgresql jq python3 zlib1g-dev"

missing=""
for p in $packages; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "assay: installing missing packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "assay: run as root, or install them yourself: apt-get install$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Only refresh the package lists when an install would fail without it.
if ! $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
    $sudo apt-get update -q >/dev/null
    $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
echo "assay: packages installed" >&2
