"""python-okx 0.4.4 against the paper exchange (flag "1" = demo, as python-okx defaults)."""
import time

import okx.Account as Account
import okx.PublicData as PublicData
import okx.Trade as Trade

INST = "SOL-USDT-SWAP"


def drive_python_okx(base_url: str, account: dict, checks) -> None:
    print("python-okx")
    key, secret, passphrase = account["apiKey"], account["secretKey"], account["passphrase"]
    public = PublicData.PublicAPI(flag="1", domain=base_url, debug=False)
    account_api = Account.AccountAPI(key, secret, passphrase, flag="1", domain=base_url, debug=False)
    trade = Trade.TradeAPI(key, secret, passphrase, flag="1", domain=base_url, debug=False)

    reply = checks.attempt("time", public.get_system_time)
    if reply:
        ts = int(reply["data"][0]["ts"])
        checks.check("time: ts near now", reply["code"] == "0" and abs(ts - time.time() * 1000) < 30_000, reply)

    reply = checks.attempt("instruments", lambda: public.get_instruments(instType="SWAP"))
    if reply:
        sol = [row for row in reply["data"] if row["instId"] == INST]
        checks.check("instruments: SOL-USDT-SWAP with ctVal 1", reply["code"] == "0" and sol and sol[0]["ctVal"] == "1", reply["code"])

    reply = checks.attempt("balance", account_api.get_account_balance)
    if reply:
        details = reply["data"][0]["details"] if reply.get("data") else []
        checks.check("balance: USDT cash", reply["code"] == "0" and details and details[0]["ccy"] == "USDT", reply)

    reply = checks.attempt("positions", lambda: account_api.get_positions(instType="SWAP"))
    if reply:
        ids = sorted(row["instId"] for row in reply["data"])
        checks.check("positions: the sub-account's APT and CRO", ids == ["APT-USDT-SWAP", "CRO-USDT-SWAP"], ids)

    reply = checks.attempt("set leverage", lambda: account_api.set_leverage(
        lever="10", mgnMode="isolated", instId=INST, posSide="long"))
    if reply:
        checks.check("set leverage: accepted", reply["code"] == "0" and reply["data"][0]["lever"] == "10", reply)

    reply = checks.attempt("leverage info", lambda: account_api.get_leverage(mgnMode="isolated", instId=INST))
    if reply:
        sides = {row["posSide"]: row["lever"] for row in reply.get("data", [])}
        checks.check("leverage info: long and short rows", sides.get("long") == "10" and "short" in sides, reply)

    reply = checks.attempt("market open", lambda: trade.place_order(
        instId=INST, tdMode="isolated", side="buy", posSide="long", ordType="market", sz="1", clOrdId="pyokx1"))
    if reply:
        checks.check("market open: sCode 0", reply["code"] == "0" and reply["data"][0]["sCode"] == "0", reply)

    reply = checks.attempt("order by clOrdId", lambda: trade.get_order(instId=INST, clOrdId="pyokx1"))
    if reply:
        row = reply["data"][0] if reply.get("data") else {}
        checks.check("order by clOrdId: filled 1", row.get("state") == "filled" and row.get("accFillSz") == "1", reply)

    reply = checks.attempt("margin add", lambda: account_api.adjustment_margin(
        instId=INST, posSide="long", type="add", amt="10"))
    if reply:
        checks.check("margin add: accepted", reply["code"] == "0" and reply["data"][0]["amt"] == "10", reply)

    reply = checks.attempt("margin reduce", lambda: account_api.adjustment_margin(
        instId=INST, posSide="long", type="reduce", amt="5"))
    if reply:
        checks.check("margin reduce: accepted", reply["code"] == "0", reply)

    reply = checks.attempt("margin reduce above the limit", lambda: account_api.adjustment_margin(
        instId=INST, posSide="long", type="reduce", amt="100"))
    if reply:
        checks.check("margin reduce above the limit: 59301", reply["code"] == "59301", reply)

    reply = checks.attempt("close position", lambda: trade.close_positions(
        instId=INST, mgnMode="isolated", posSide="long", clOrdId="pyokxclose1"))
    if reply:
        checks.check("close position: accepted", reply["code"] == "0", reply)

    reply = checks.attempt("positions after close", lambda: account_api.get_positions(instId=INST))
    if reply:
        open_rows = [row for row in reply["data"] if row["pos"] not in ("0", "")]
        checks.check("positions after close: nothing open", reply["code"] == "0" and not open_rows, reply)

    wrong = Account.AccountAPI(key, "0" * 32, passphrase, flag="1", domain=base_url, debug=False)
    reply = checks.attempt("wrong secret", wrong.get_account_balance)
    if reply:
        checks.check("wrong secret: 50113", reply.get("code") == "50113", reply)


NET_INST = "SOL-USDT-SWAP"


def drive_python_okx_net(base_url: str, account: dict, checks) -> None:
    """python-okx against a one-way (net-mode) account: the `shapes` scenario's main account, on SOL-USDT-SWAP
    isolated (its SOL position is cross, so this one is new). flag "0": a live request, as python-okx sends it."""
    print("python-okx, net mode")
    key, secret, passphrase = account["apiKey"], account["secretKey"], account["passphrase"]
    account_api = Account.AccountAPI(key, secret, passphrase, flag="0", domain=base_url, debug=False)
    trade = Trade.TradeAPI(key, secret, passphrase, flag="0", domain=base_url, debug=False)

    reply = checks.attempt("net: config", account_api.get_account_config)
    if reply:
        row = reply["data"][0] if reply.get("data") else {}
        checks.check("net: config says net_mode (sent with x-simulated-trading: 0)",
                     reply["code"] == "0" and row.get("posMode") == "net_mode", reply)

    reply = checks.attempt("net: positions", lambda: account_api.get_positions(instType="SWAP", instId="ETH-USDT-SWAP"))
    if reply:
        rows = reply.get("data", [])
        checks.check("net: the ETH short has posSide net and a negative pos",
                     rows and rows[0]["posSide"] == "net" and rows[0]["pos"] == "-1", reply)

    reply = checks.attempt("net: set leverage without posSide", lambda: account_api.set_leverage(
        lever="5", mgnMode="isolated", instId=NET_INST))
    if reply:
        checks.check("net: set leverage without posSide accepted", reply["code"] == "0", reply)

    reply = checks.attempt("net: leverage info", lambda: account_api.get_leverage(mgnMode="isolated", instId=NET_INST))
    if reply:
        rows = reply.get("data", [])
        checks.check("net: leverage info is one net row at 5",
                     [(row["posSide"], row["lever"]) for row in rows] == [("net", "5")], reply)

    reply = checks.attempt("net: open without posSide", lambda: trade.place_order(
        instId=NET_INST, tdMode="isolated", side="buy", ordType="market", sz="3", clOrdId="pyokxnet1"))
    if reply:
        checks.check("net: open without posSide, sCode 0", reply["code"] == "0" and reply["data"][0]["sCode"] == "0",
                     reply)

    reply = checks.attempt("net: flip by a larger sell", lambda: trade.place_order(
        instId=NET_INST, tdMode="isolated", side="sell", ordType="market", sz="5", clOrdId="pyokxnet2"))
    if reply:
        checks.check("net: flip accepted", reply["code"] == "0", reply)

    reply = checks.attempt("net: positions after the flip", lambda: account_api.get_positions(instId=NET_INST))
    if reply:
        rows = [row for row in reply.get("data", []) if row["pos"] not in ("0", "") and row["mgnMode"] == "isolated"]
        checks.check("net: a signed short of -2", rows and rows[0]["pos"] == "-2" and rows[0]["posSide"] == "net",
                     reply)

    reply = checks.attempt("net: oversize reduce-only", lambda: trade.place_order(
        instId=NET_INST, tdMode="isolated", side="buy", ordType="market", sz="3", reduceOnly="true"))
    if reply:
        checks.check("net: oversize reduce-only refused (51112)", reply["data"][0]["sCode"] == "51112", reply)

    reply = checks.attempt("net: margin add with posSide net", lambda: account_api.adjustment_margin(
        instId=NET_INST, posSide="net", type="add", amt="1"))
    if reply:
        checks.check("net: margin add accepted", reply["code"] == "0" and reply["data"][0]["posSide"] == "net", reply)

    reply = checks.attempt("net: close with posSide net", lambda: trade.close_positions(
        instId=NET_INST, mgnMode="isolated", posSide="net", clOrdId="pyokxnetclose"))
    if reply:
        checks.check("net: close accepted", reply["code"] == "0", reply)

    reply = checks.attempt("net: positions after close", lambda: account_api.get_positions(instId=NET_INST))
    if reply:
        open_rows = [row for row in reply["data"] if row["pos"] not in ("0", "") and row["mgnMode"] == "isolated"]
        checks.check("net: nothing isolated open after close (the cross SOL long stays)", reply["code"] == "0" and not open_rows, reply)
