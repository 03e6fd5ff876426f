"""Drives a running paper exchange with python-okx and ccxt; prints "N passed, M failed".

Usage: drive.py SIM_JSON SHAPES_JSON, each holding the line `okx-anchor sim --json` printed (base URL and keys):
the demo fleet (long/short mode) and the `shapes` scenario, whose main account is in one-way (net) mode. Each
client works on its own sub-account, or its own instrument of the net-mode account, so their positions do not meet.
"""
import json
import sys
import time
import traceback

from checks import Checks
from drive_ccxt import drive_ccxt, drive_ccxt_net
from drive_python_okx import drive_python_okx, drive_python_okx_net


def load(path: str) -> tuple[str, dict]:
    with open(path) as handle:
        sim = json.loads(handle.readline())
    return sim["baseURL"], {account["name"]: account for account in sim["accounts"]}


def main() -> int:
    base, accounts = load(sys.argv[1])
    shapes_base, shapes = load(sys.argv[2])
    checks = Checks()
    for name, drive, url, account in (
        ("python-okx", drive_python_okx, base, accounts["Wu666666"]),
        ("ccxt", drive_ccxt, base, accounts["Li888888"]),
        ("python-okx net mode", drive_python_okx_net, shapes_base, shapes["main"]),
        ("ccxt net mode", drive_ccxt_net, shapes_base, shapes["main"]),
    ):
        try:
            drive(url, account, checks)
        except Exception:  # a client crashing is a failure, not the end of the run
            checks.fail(f"{name}: driver crashed", traceback.format_exc())
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    start = time.time()
    status = main()
    print(f"({time.time() - start:.1f} s)")
    sys.exit(status)
