#!/usr/bin/env bash
# Builds dist/okx-anchor_VERSION_ARCH.deb with dpkg-deb: the static release binary, themes, man pages, shell
# completions, the systemd unit (installed disabled), the licence and the service's examples. It needs no Swift
# on the machine it is installed on: `sudo apt install ./dist/okx-anchor_*.deb`. Its Depends are worked out from
# the symbols the binary uses (dpkg-shlibdeps), so it installs on the Debian or Ubuntu release it was built on.
set -euo pipefail
cd "$(dirname "$0")/../.."

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
scripts/package/stage.sh "$root" /usr debian
binary="$root/usr/bin/okx-anchor"
version="$("$binary" --version)"
arch="$(dpkg --print-architecture)"

# What the binary needs of the shared libraries it loads, as dpkg-shlibdeps reads it off the symbols it uses (the
# oldest library versions that have them, not the newer ones on this machine), in a scratch tree of its own.
scratch="$(mktemp -d)"
mkdir -p "$scratch/debian"
printf 'Source: okx-anchor\n\nPackage: okx-anchor\nArchitecture: any\n' > "$scratch/debian/control"
cp "$binary" "$scratch/okx-anchor"
depends_line="$(cd "$scratch" && dpkg-shlibdeps -O -e okx-anchor 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
rm -rf "$scratch"
[[ -n $depends_line ]] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

size="$(du -sk "$root" | cut -f1)"
install -d "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: okx-anchor
Version: $version
Architecture: $arch
Maintainer: okx-anchor developers <okx-anchor@users.noreply.github.com>
Installed-Size: $size
Depends: $depends_line
Section: net
Priority: optional
Homepage: https://github.com/okx-anchor/okx-anchor
Description: terminal dashboard keeping OKX isolated-margin swaps on a house policy
 okx-anchor keeps a fleet of OKX accounts (a main account and sub-accounts) on
 one policy for small isolated-margin USDT perpetual swaps: live panels over
 SSH, margin corrections and super maintenance after a confirmation, a journal
 kept across restarts, an autopilot that is off until armed, and a daemon for
 systemd. A paper exchange is built in: okx-anchor --demo needs no keys.
CONTROL
# The unit ships disabled: systemd only learns that it exists.
cat > "$root/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null 2>&1 || true; fi
exit 0
SCRIPT
cp "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"

mkdir -p dist
package="dist/okx-anchor_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$package" >/dev/null
echo "$package"
dpkg-deb --info "$package" | sed -n '/Package:/,/Description:/p' >&2
