#!/usr/bin/env bash
# Builds dist/okx-anchor_VERSION_ARCH.deb with dpkg-deb: the static release binary, themes, man pages, shell
# completions, the systemd unit (installed disabled), the licence and the service's examples. It needs no Swift
# on the machine it is installed on: `sudo apt install ./dist/okx-anchor_*.deb`. Its Depends are worked out from
# the libraries the binary loads, so it fits the Debian or Ubuntu release it was built on.
set -euo pipefail
cd "$(dirname "$0")/../.."

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
scripts/package/stage.sh "$root" /usr debian
binary="$root/usr/bin/okx-anchor"
version="$("$binary" --version)"
arch="$(dpkg --print-architecture)"

# The package that ships each shared library the binary names (its NEEDED entries), at least the version built
# against.
depends=()
while read -r soname; do
    library="$(ldconfig -p | awk -v name="$soname" '$1 == name && /x86-64|AArch64|64bit/ { print $NF; exit }')"
    [[ -n $library ]] || library="$(ldconfig -p | awk -v name="$soname" '$1 == name { print $NF; exit }')"
    owner=""
    for candidate in "$library" "$(realpath "$library")" "/usr$library" "${library#/usr}"; do
        owner="$(dpkg-query -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1)" && [[ -n $owner ]] && break
    done
    [[ -n $owner ]] || { echo "build-deb: no package ships $soname ($library)" >&2; exit 1; }
    upstream="$(dpkg-query -W -f='${Version}' "$owner" | sed 's/-[^-]*$//; s/^[0-9]*://')"
    depends+=("$owner (>= $upstream)")
done < <(objdump -p "$binary" | awk '/NEEDED/ { print $2 }')
depends_line="$(printf '%s\n' "${depends[@]}" | sort -u | paste -sd, | sed 's/,/, /g')"

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
