#!/usr/bin/env bash
# CI's benchmark smoke run: `okx-anchor bench --quick` must produce every figure, each with a number.
# No time or size threshold is checked here (CI machines are shared and noisy); the figures themselves are
# quoted in README.md from a release build on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${OKX_ANCHOR_BIN:-$PWD/.build/debug/okx-anchor}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

"$bin" bench --quick 2>&1 | tee "$out"

expected=(
    "poll cycle 1 sub-accounts"
    "poll cycle 10 sub-accounts"
    "poll cycle 100 sub-accounts"
    "poll cycle 101 accounts"
    "status 101 accounts, peak"
    "correction CRO 20.29→band"
    "correction CRO requests"
    "super maintenance APT"
    "super maintenance requests"
    "frame render+draw 1000 pos."
    "frame render+draw p99"
    "bytes per refresh 20 cells"
    "bytes per refresh whole table"
    "snapshot update 1000 pos."
    "frame render+draw 3000 pos."
    "snapshot update 3000 pos."
    "filter key → frame 3000 pos."
    "sort key → frame 3000 pos."
    "scroll key → frame 3000 pos."
    "idle CPU 3000 pos."
    "idle memory 3000 pos."
    "idle CPU "
    "idle resident memory"
    "idle CPU, 34 accounts"
    "idle memory, 34 accounts"
    "binary size"
    "start-up --version"
    "start-up status --demo"
    "alert event → webhook"
    "paper exchange throughput"
    "paper exchange memory growth"
)

missing=0
for name in "${expected[@]}"; do
    # The figure's line: its name, then a number (not "nan", not "not measured").
    if ! grep -F -- "$name" "$out" | grep -Eq -- "^.{31} *[-0-9.]+[0-9] "; then
        echo "bench-smoke: figure missing or without a value: $name" >&2
        missing=$((missing + 1))
    fi
done
if grep -q "not measured" "$out"; then
    echo "bench-smoke: a group could not be measured:" >&2
    grep "not measured" "$out" >&2
    missing=$((missing + 1))
fi
if [[ $missing -gt 0 ]]; then
    echo "bench-smoke: FAILED ($missing problems)" >&2
    exit 1
fi
echo "bench-smoke: all ${#expected[@]} figures produced"
