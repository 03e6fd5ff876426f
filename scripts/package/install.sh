#!/usr/bin/env bash
# Installs okx-anchor from source: `./dev install [PREFIX]` (default /usr/local), through sudo when PREFIX is not
# writable. DESTDIR=/some/folder installs under that folder instead (for packagers). The service unit is installed
# disabled; README's "Run the daemon as a service" says what to do next.
set -euo pipefail
cd "$(dirname "$0")/../.."
prefix="${1:-/usr/local}"
destdir="${DESTDIR:-}"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
scripts/package/stage.sh "$staging" "$prefix" local

sudo=()
target="$destdir$prefix"
probe="$target"
while [[ ! -e $probe ]]; do probe="$(dirname "$probe")"; done
if [[ ! -w $probe ]] && [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
"${sudo[@]}" mkdir -p "$destdir/"
"${sudo[@]}" cp -R --no-preserve=ownership "$staging/." "$destdir/"
echo "installed okx-anchor $("$staging$prefix/bin/okx-anchor" --version) in $target:"
(cd "$staging" && find . -type f | sed 's|^\.|  |' | sort)
if [[ -d /run/systemd/system ]] && [[ -z $destdir ]]; then "${sudo[@]}" systemctl daemon-reload || true; fi
