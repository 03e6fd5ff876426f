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
