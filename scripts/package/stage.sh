#!/usr/bin/env bash
# Builds okx-anchor for release (the Swift runtime linked in) and lays out every file it installs under ROOT:
#
#   scripts/package/stage.sh ROOT PREFIX [local|debian]
#
#   PREFIX/bin/okx-anchor                         the program (debug info stripped, symbols kept for backtraces)
#   PREFIX/libexec/okx-anchor/swift-backtrace     the toolchain's static backtracer, for crash reports
#   PREFIX/share/okx-anchor/themes/*.toml         themes (found as ../share/okx-anchor/themes beside the binary)
#   PREFIX/share/man/man1/okx-anchor*.1.gz        man pages, one per subcommand (swift-argument-parser's generator)
#   PREFIX/share/bash-completion/completions/okx-anchor
#   PREFIX/share/zsh/site-functions/_okx-anchor   (debian: PREFIX/share/zsh/vendor-completions/_okx-anchor)
#   PREFIX/share/fish/vendor_completions.d/okx-anchor.fish
#   PREFIX/lib/systemd/system/okx-anchor.service  (debian: /lib/systemd/system/), disabled
#   PREFIX/share/doc/okx-anchor/                  licence (debian: copyright), README, the service's examples
set -euo pipefail
root="${1:?usage: stage.sh ROOT PREFIX [local|debian]}"
prefix="${2:?usage: stage.sh ROOT PREFIX [local|debian]}"
layout="${3:-local}"
cd "$(dirname "$0")/../.."

echo "stage: release build (swift build -c release --static-swift-stdlib)" >&2
swift build -c release --static-swift-stdlib --product okx-anchor
binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/okx-anchor"
# The man pages' generator, a small debug build of swift-argument-parser's tool.
swift build --product generate-manual
manual_tool="$(swift build --show-bin-path)/generate-manual"

dest="$root$prefix"
install -d "$dest/bin" "$dest/share/okx-anchor/themes" "$dest/share/man/man1" \
    "$dest/share/bash-completion/completions" "$dest/share/fish/vendor_completions.d" "$dest/share/doc/okx-anchor"
install -m 755 "$binary" "$dest/bin/okx-anchor"
strip --strip-debug "$dest/bin/okx-anchor"
# A statically linked program has no toolchain beside it to find swift-backtrace in: ship the static one, where
# the program looks for it (../libexec/okx-anchor/ beside the binary).
toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
backtracer="$toolchain/libexec/swift/linux/swift-backtrace-static"
if [[ -x $backtracer ]]; then
    install -d "$dest/libexec/okx-anchor"
    install -m 755 "$backtracer" "$dest/libexec/okx-anchor/swift-backtrace"
else
    echo "stage: no $backtracer in this toolchain: crash reports will have no backtrace" >&2
fi
install -m 644 themes/*.toml "$dest/share/okx-anchor/themes/"

pages="$(mktemp -d)"
trap 'rm -rf "$pages"' EXIT
"$manual_tool" "$dest/bin/okx-anchor" --multi-page --date "$(date -u +%F)" --output-directory "$pages"
rm -f "$pages/okx-anchor.help.1"
for page in "$pages"/*.1; do
    gzip -9n < "$page" > "$dest/share/man/man1/$(basename "$page").gz"
    chmod 644 "$dest/share/man/man1/$(basename "$page").gz"
done

if [[ $layout == debian ]]; then
    zsh_dir="$dest/share/zsh/vendor-completions"
    unit_dir="$root/lib/systemd/system"
else
    zsh_dir="$dest/share/zsh/site-functions"
    unit_dir="$dest/lib/systemd/system"
fi
install -d "$zsh_dir" "$unit_dir"
"$dest/bin/okx-anchor" --generate-completion-script bash > "$dest/share/bash-completion/completions/okx-anchor"
"$dest/bin/okx-anchor" --generate-completion-script zsh > "$zsh_dir/_okx-anchor"
"$dest/bin/okx-anchor" --generate-completion-script fish > "$dest/share/fish/vendor_completions.d/okx-anchor.fish"
chmod 644 "$dest/share/bash-completion/completions/okx-anchor" "$zsh_dir/_okx-anchor" \
    "$dest/share/fish/vendor_completions.d/okx-anchor.fish"

sed "s|@BINDIR@|$prefix/bin|g" packaging/okx-anchor.service > "$unit_dir/okx-anchor.service"
chmod 644 "$unit_dir/okx-anchor.service"

doc="$dest/share/doc/okx-anchor"
install -d "$doc/examples"
install -m 644 packaging/okx-anchor.env.example packaging/config.toml.example "$doc/examples/"
if [[ $layout == debian ]]; then
    {
        echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
        echo "Upstream-Name: okx-anchor"
        echo
        echo "Files: *"
        echo "License: MIT"
        sed 's/^$/./; s/^/ /' LICENSE
        if [[ -x $dest/libexec/okx-anchor/swift-backtrace ]]; then
            echo
            echo "Files: usr/libexec/okx-anchor/swift-backtrace"
            echo "Copyright: Apple Inc. and the Swift project authors"
            echo "License: Apache-2.0 with Runtime Library Exception"
            echo " The Swift toolchain's backtracer (swift-backtrace-static), shipped unchanged. See"
            echo " https://swift.org/LICENSE.txt; on Debian systems the Apache License 2.0 is in"
            echo " /usr/share/common-licenses/Apache-2.0."
        fi
    } > "$doc/copyright"
    gzip -9n < README.md > "$doc/README.md.gz"
    chmod 644 "$doc/copyright" "$doc/README.md.gz"
else
    install -m 644 LICENSE README.md "$doc/"
fi
echo "stage: laid out under $root$prefix" >&2
