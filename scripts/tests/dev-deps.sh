#!/usr/bin/env bash
# Tests of ./dev's package installation against stand-ins for dpkg-query, apt-get, sudo and id on a PATH of
# their own (the real ones are never called): nothing is installed when every package is there, the missing ones
# are installed through sudo when not root and directly as root, a system without apt-get gets a message and the
# build goes on, and without sudo a non-root user is told what to run.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

# A PATH with the few real tools ./dev uses, and the stand-ins.
bin="$work/bin"
mkdir -p "$bin"
for tool in bash grep cat dirname sed env; do ln -s "$(command -v "$tool")" "$bin/$tool"; done
stub() { printf '#!%s\n%s\n' "$(command -v bash)" "$2" > "$bin/$1"; chmod +x "$bin/$1"; }
# dpkg-query reports as installed what is listed in $work/installed.
stub dpkg-query 'package="${@: -1}"; if grep -qx "$package" "'"$work"'/installed"; then echo "install ok installed"; fi'
stub apt-get 'echo "apt-get $*" >> "'"$work"'/calls"'
stub sudo 'echo "sudo" >> "'"$work"'/calls"; "$@"'
stub id 'echo "${FAKE_UID:-1000}"'

run() {  # run NAME EXPECTED_STATUS [env...] -- ./dev deps build
    local name="$1" expected="$2"
    shift 2
    : > "$work/calls"
    set +e
    env -i PATH="$bin" HOME="$work" "$@" "$bin/bash" "$here/dev" deps build > "$work/out" 2>&1
    local status=$?
    set -e
    if [[ $status -ne $expected ]]; then
        echo "FAIL $name: exit $status, expected $expected"; cat "$work/out"; failures=$((failures + 1))
    fi
}
expect_calls() {  # expect_calls NAME PATTERN (grep -E on the calls, or "none")
    if [[ $2 == none ]]; then
        if [[ -s $work/calls ]]; then echo "FAIL $1: expected no call, got:"; cat "$work/calls"; failures=$((failures + 1)); fi
    elif ! grep -Eq "$2" "$work/calls"; then
        echo "FAIL $1: no call matching $2 in:"; cat "$work/calls"; failures=$((failures + 1))
    fi
}
expect_output() {
    if ! grep -q -- "$2" "$work/out"; then
        echo "FAIL $1: output lacks '$2':"; cat "$work/out"; failures=$((failures + 1))
    fi
}

printf '%s\n' libcurl4-openssl-dev libncurses-dev libssl-dev libsqlite3-dev > "$work/installed"
run "all installed" 0
expect_calls "all installed" none

printf '%s\n' libcurl4-openssl-dev libssl-dev > "$work/installed"
run "missing, not root" 0 FAKE_UID=1000
expect_calls "missing, not root" '^sudo$'
expect_calls "missing, not root" '^apt-get update'
expect_calls "missing, not root" '^apt-get install -y -q --no-install-recommends libncurses-dev libsqlite3-dev$'

run "missing, root" 0 FAKE_UID=0
expect_calls "missing, root" '^apt-get install -y -q --no-install-recommends libncurses-dev libsqlite3-dev$'
if grep -q '^sudo$' "$work/calls"; then echo "FAIL missing, root: sudo used"; failures=$((failures + 1)); fi

rm "$bin/sudo"
run "missing, not root, no sudo" 1 FAKE_UID=1000
expect_output "missing, not root, no sudo" "no sudo"
expect_output "missing, not root, no sudo" "apt-get install -y libncurses-dev libsqlite3-dev"
expect_calls "missing, not root, no sudo" none

rm "$bin/apt-get" "$bin/dpkg-query"
run "no apt-get" 0 FAKE_UID=1000
expect_output "no apt-get" "no apt-get"
expect_output "no apt-get" "libcurl4-openssl-dev"

if [[ $failures -gt 0 ]]; then echo "dev-deps: $failures failures"; exit 1; fi
echo "dev-deps: all cases pass"
