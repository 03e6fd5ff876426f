"""ccxt's asyncio client polling every account of an okx-anchor config, as `okx-anchor bench` measures ours.

    python3 ccxt_poll.py --config FILE [--cycles 7] [--pause 0.25] [--timeout 60]

One ccxt.async_support.okx per account (each sub-account has its own key, as on OKX), all created up front and
kept for the whole run, so their connections stay warm. A cycle reads every account's positions and balance at
once (asyncio.gather over all of them) and ends when the last reply is in: the same full cycle as okx-anchor's
`poll cycle N accounts`. The first cycle is cold (connections opened, markets loaded once and shared); then
`--cycles` warm cycles are timed, with `--pause` seconds between them as okx-anchor's bench pauses.

ccxt is given its best chance: its client-side throttle is off (each instance reads one account, two requests a
cycle, far inside OKX's per-account limits), the markets are loaded once and handed to every instance instead of
a thousand times, and the timeout is raised from its default 10 s (which the cold first cycle of 1,000 accounts
passes). Prints progress to stderr and one JSON line to stdout:
{"client": "ccxt 4.5.90 asyncio", "accounts": N, "cold_ms": ..., "samples_ms": [...], "errors": N}.
"""
import argparse
import asyncio
import json
import os
import sys
import time
import tomllib

import ccxt
import ccxt.async_support as ccxt_async


def accounts_of(config: dict) -> list:
    """Each account's key, secret and passphrase, inline or from the variables its *_env keys name."""
    accounts = []
    for account in config.get("accounts", []):
        def value(name: str) -> str:
            if name in account:
                return account[name]
            return os.environ[account[name + "_env"]]
        accounts.append({"name": account["name"], "apiKey": value("api_key"), "secret": value("secret_key"),
                         "password": value("passphrase")})
    return accounts


def make_exchange(base_url: str, account: dict, simulated: bool, timeout_ms: int):
    exchange = ccxt_async.okx({
        "apiKey": account["apiKey"],
        "secret": account["secret"],
        "password": account["password"],
        "enableRateLimit": False,
        "timeout": timeout_ms,
    })
    exchange.urls["api"]["rest"] = base_url
    if simulated:
        exchange.headers = {"x-simulated-trading": "1"}
    return exchange


async def read_account(exchange) -> int:
    """Positions and balance at once; 1 when either failed."""
    results = await asyncio.gather(exchange.fetch_positions(), exchange.fetch_balance(), return_exceptions=True)
    return 1 if any(isinstance(result, Exception) for result in results) else 0


async def cycle(exchanges) -> tuple:
    start = time.perf_counter()
    errors = await asyncio.gather(*(read_account(exchange) for exchange in exchanges))
    return (time.perf_counter() - start) * 1000, sum(errors)


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--cycles", type=int, default=7)
    parser.add_argument("--pause", type=float, default=0.25)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    with open(args.config, "rb") as file:
        config = tomllib.load(file)
    base_url = config.get("base_url", "https://www.okx.com").rstrip("/")
    simulated = bool(config.get("simulated_trading", False))
    accounts = accounts_of(config)
    exchanges = [make_exchange(base_url, account, simulated, int(args.timeout * 1000)) for account in accounts]
    try:
        start = time.perf_counter()
        markets = await exchanges[0].load_markets()
        for exchange in exchanges[1:]:
            exchange.set_markets(markets, exchanges[0].currencies)
        cold_ms, cold_errors = await cycle(exchanges)
        cold_ms = (time.perf_counter() - start) * 1000
        print(f"ccxt cold cycle {cold_ms:.0f} ms, {cold_errors} failed accounts", file=sys.stderr)
        samples = []
        errors = 0
        for _ in range(args.cycles):
            await asyncio.sleep(args.pause)
            elapsed, failed = await cycle(exchanges)
            samples.append(elapsed)
            errors += failed
            print(f"ccxt cycle {elapsed:.0f} ms, {failed} failed accounts", file=sys.stderr)
    finally:
        await asyncio.gather(*(exchange.close() for exchange in exchanges), return_exceptions=True)
    print(json.dumps({"client": f"ccxt {ccxt.__version__} asyncio", "accounts": len(accounts), "cold_ms": cold_ms,
                      "cold_errors": cold_errors, "samples_ms": samples, "errors": errors}))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
