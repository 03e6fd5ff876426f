#!/usr/bin/env bash
# CI's proof of the Debian package: builds it, installs it with dpkg -i, and runs the installed program from its
# installed path: --version, status --demo, the man page and completions in place, a crash of the static build
# leaving a symbolicated report, and systemd-analyze verify on the installed unit.
set -euo pipefail
cd "$(dirname "$0")/../.."

package="$(scripts/package/build-deb.sh | tail -n 1)"
package_path="$PWD/$package"
echo "check-deb: installing $package"
dpkg -i "$package"
dpkg -L okx-anchor | sort

bin=/usr/bin/okx-anchor
state="$(mktemp -d)"
trap 'rm -rf "$state"' EXIT
cd "$state"   # nothing from the source tree (themes/, .build/) is found by accident

echo "check-deb: $bin --version"
[[ "$("$bin" --version)" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]]

echo "check-deb: $bin status --demo"
XDG_STATE_HOME="$state" "$bin" status --demo | tee "$state/status.txt"
grep -q "positions" "$state/status.txt"

echo "check-deb: man pages and completions"
gzip -t /usr/share/man/man1/okx-anchor.1.gz /usr/share/man/man1/okx-anchor.daemon.1.gz
zcat /usr/share/man/man1/okx-anchor.daemon.1.gz | grep -q "daemon"
grep -q "okx-anchor" /usr/share/bash-completion/completions/okx-anchor
grep -q "okx-anchor" /usr/share/zsh/vendor-completions/_okx-anchor
grep -q "okx-anchor" /usr/share/fish/vendor_completions.d/okx-anchor.fish
ls /usr/share/okx-anchor/themes/default.toml /usr/share/doc/okx-anchor/copyright

echo "check-deb: a crash of the installed (static) build leaves a symbolicated report"
set +e
XDG_STATE_HOME="$state" OKX_ANCHOR_CRASH_AFTER_MS=0 "$bin" status --demo > /dev/null 2> "$state/crash-stderr.txt"
status=$?
set -e
[[ $status -eq 132 || $status -eq 133 ]] || { echo "check-deb: expected a crash, got exit $status" >&2; exit 1; }
if grep -q "unable to locate swift-backtrace" "$state/crash-stderr.txt"; then
    echo "check-deb: the static build found no backtracer" >&2
    exit 1
fi
report="$(ls "$state"/okx-anchor/crash-*.txt | grep -v stderr | head -n 1)"
cat "$report"
grep -q "Program crashed" "$report"
grep -q "crashOnPurpose" "$report"

if command -v systemd-analyze > /dev/null; then
    echo "check-deb: systemd-analyze verify"
    systemd-analyze verify /lib/systemd/system/okx-anchor.service
    # The hardening, as systemd scores it (lower is better; "OK" is below 4).
    systemd-analyze security --offline=true /lib/systemd/system/okx-anchor.service | tail -n 1
else
    echo "check-deb: systemd-analyze is not installed" >&2
    exit 1
fi
# A Debian system with no Swift at all (debootstrap, minimal): apt install ./okx-anchor_*.deb pulls in what the
# package names and the program runs.
. /etc/os-release
if [[ ${ID:-} == debian ]] && command -v debootstrap > /dev/null; then
    echo "check-deb: apt install on a fresh $VERSION_CODENAME without Swift (debootstrap)"
    root="$(mktemp -d)"
    debootstrap --variant=minbase "$VERSION_CODENAME" "$root" http://deb.debian.org/debian > "$root.log" 2>&1 \
        || { tail -n 20 "$root.log"; exit 1; }
    cp "$package_path" "$root/tmp/"
    mount --bind /proc "$root/proc" 2> /dev/null || true
    set +e
    chroot "$root" /bin/sh -c "export DEBIAN_FRONTEND=noninteractive
        apt-get update -q > /dev/null && apt-get install -y -q /tmp/$(basename "$package") > /tmp/apt.log 2>&1 \
            || { tail -n 20 /tmp/apt.log; exit 1; }
        if command -v swift > /dev/null; then echo 'swift is here'; exit 1; fi
        okx-anchor --version && XDG_STATE_HOME=/tmp/state okx-anchor status --demo | head -n 4"
    status=$?
    set -e
    umount "$root/proc" 2> /dev/null || true
    rm -rf "$root" "$root.log"
    [[ $status -eq 0 ]] || { echo "check-deb: the package did not install or run without Swift" >&2; exit 1; }
else
    echo "check-deb: not Debian or no debootstrap: the install without Swift is not tried here"
fi
echo "check-deb: the package works from its installed path"
