"""Drives a running paper exchange with python-okx and ccxt; prints "N passed, M failed".

Usage: drive.py SIM_JSON, where SIM_JSON holds the line `okx-anchor sim --json` printed (base URL and keys).
Each client works on its own sub-account so their positions do not meet.
"""
import json
import sys
import time
import traceback

from checks import Checks
from drive_ccxt import drive_ccxt
from drive_python_okx import drive_python_okx


def main() -> int:
    with open(sys.argv[1]) as handle:
        sim = json.loads(handle.readline())
    accounts = {account["name"]: account for account in sim["accounts"]}
    checks = Checks()
    for name, drive, account in (
        ("python-okx", drive_python_okx, accounts["Wu666666"]),
        ("ccxt", drive_ccxt, accounts["Li888888"]),
    ):
        try:
            drive(sim["baseURL"], account, checks)
        except Exception:  # a client crashing is a failure, not the end of the run
            checks.fail(f"{name}: driver crashed", traceback.format_exc())
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    start = time.time()
    status = main()
    print(f"({time.time() - start:.1f} s)")
    sys.exit(status)
