#!/usr/bin/env bash
# Drives the paper exchange with the real OKX clients, python-okx 0.4.4 and ccxt 4.5.90.
#
# Needs only python3 with pip. Creates a throwaway virtualenv in a temp dir (or, where the venv module is missing,
# as on a bare Debian without python3-venv, installs the clients with `pip --target` into the temp dir), starts
# `okx-anchor sim --port 0 --json --admin --seed 1` (the demo fleet, long/short mode) and a second one with
# `--scenario shapes` (a one-way, net-mode main account among others), runs drive.py on both and prints
# "N passed, M failed".
# Exit status: 0 all passed, 1 a check failed, 2 the setup failed.
#
#   OKX_ANCHOR_BIN           the okx-anchor binary (default: .build/debug/okx-anchor in the repository)
#   REAL_CLIENTS_NO_VENV=1   skip the virtualenv and use the pip --target fallback
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${OKX_ANCHOR_BIN:-$root/.build/debug/okx-anchor}"
if [[ ! -x "$bin" ]]; then
    echo "run.sh: no okx-anchor binary at $bin (run 'swift build' or set OKX_ANCHOR_BIN)" >&2
    exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/okx-anchor-real-clients.XXXXXX")"
sim_pids=()
cleanup() {
    for pid in "${sim_pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$work"
}
trap cleanup EXIT

packages=(python-okx==0.4.4 ccxt==4.5.90)
if [[ -z "${REAL_CLIENTS_NO_VENV:-}" ]] && python3 -m venv "$work/venv" >/dev/null 2>&1 \
    && [[ -x "$work/venv/bin/pip" ]]; then
    python="$work/venv/bin/python"
    "$python" -m pip install --quiet --disable-pip-version-check "${packages[@]}" || {
        echo "run.sh: pip install failed" >&2
        exit 2
    }
else
    python="python3"
    python3 -m pip install --quiet --disable-pip-version-check --target "$work/site" "${packages[@]}" || {
        echo "run.sh: pip install --target failed" >&2
        exit 2
    }
    export PYTHONPATH="$work/site${PYTHONPATH:+:$PYTHONPATH}"
fi

# Starts a sim with the given extra arguments, writing its start line to $work/NAME.json.
start_sim() {
    local name="$1"
    shift
    "$bin" sim --port 0 --json --admin --seed 1 "$@" >"$work/$name.json" 2>"$work/$name.err" &
    local pid=$!
    sim_pids+=("$pid")
    for _ in $(seq 1 200); do
        [[ -s "$work/$name.json" ]] && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "run.sh: the $name sim exited early:" >&2
            cat "$work/$name.err" >&2
            exit 2
        fi
        sleep 0.05
    done
    echo "run.sh: the $name sim printed no start line" >&2
    exit 2
}

start_sim sim
start_sim shapes --scenario shapes

set +e
"$python" "$here/drive.py" "$work/sim.json" "$work/shapes.json"
status=$?
set -e
exit "$status"
