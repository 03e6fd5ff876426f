import Foundation

/// OKX's v5 wire format for the exchange's models: every number a JSON string, `""` for what does not apply,
/// fields in OKX's (alphabetical) order. Written by hand, not shared with the client's Codable models.
enum WireFormat {
    /// A `GET /public/instruments` row.
    static func instrument(_ instrument: Instrument) -> String {
        var row = JSONObjectWriter(capacity: 700)
        row.field("alias", "")
        row.field("auctionEndTime", "")
        row.field("baseCcy", "")
        row.field("category", "1")
        row.field("ctMult", instrument.ctMult)
        row.field("ctType", instrument.ctType.rawValue)
        row.field("ctVal", instrument.ctVal)
        row.field("ctValCcy", instrument.ctValCcy)
        row.field("expTime", "")
        row.field("instFamily", instrument.instFamily)
        row.field("instId", instrument.instId)
        row.field("instType", "SWAP")
        row.field("lever", instrument.maxLever)
        row.field("listTime", instrument.listTime)
        row.field("lotSz", instrument.lotSz)
        row.field("maxIcebergSz", instrument.maxLmtSz)
        row.field("maxLmtAmt", "20000000")
        row.field("maxLmtSz", instrument.maxLmtSz)
        row.field("maxMktAmt", "")
        row.field("maxMktSz", instrument.maxMktSz)
        row.field("maxStopSz", instrument.maxMktSz)
        row.field("maxTriggerSz", instrument.maxLmtSz)
        row.field("maxTwapSz", instrument.maxLmtSz)
        row.field("minSz", instrument.minSz)
        row.field("optType", "")
        row.field("quoteCcy", "")
        row.field("ruleType", "normal")
        row.field("settleCcy", instrument.settleCcy)
        row.field("state", instrument.state)
        row.field("stk", "")
        row.field("tickSz", instrument.tickSz)
        row.field("uly", instrument.instFamily)
        return row.finish()
    }

    /// A `GET /public/mark-price` row.
    static func markPrice(instId: String, markPx: Decimal, ts: Int64) -> String {
        var row = JSONObjectWriter(capacity: 100)
        row.field("instId", instId)
        row.field("instType", "SWAP")
        row.field("markPx", markPx)
        row.field("ts", ts)
        return row.finish()
    }

    /// A `GET /public/funding-rate` row. The rate is the instrument's (set by the scenario or the admin API); what
    /// OKX derives from premiums (`premium`, `impactValue`, `interestRate`, the caps) is fixed here: our choice.
    static func fundingRate(_ instrument: Instrument, fundingTime: Int64, ts: Int64) -> String {
        var row = JSONObjectWriter(capacity: 400)
        row.field("formulaType", "withRate")
        row.field("fundingRate", instrument.fundingRate)
        row.field("fundingTime", fundingTime)
        row.field("impactValue", "")
        row.field("instId", instrument.instId)
        row.field("instType", "SWAP")
        row.field("interestRate", "0.0001")
        row.field("maxFundingRate", "0.0075")
        row.field("method", "current_period")
        row.field("minFundingRate", "-0.0075")
        row.field("nextFundingRate", "")
        row.field("nextFundingTime", fundingTime + ExchangeState.fundingIntervalMs)
        row.field("premium", "0")
        row.field("settFundingRate", instrument.fundingRate)
        row.field("settState", "settled")
        row.field("ts", ts)
        return row.finish()
    }

    /// A `GET /market/ticker` row: last = mark, one tick either side for the book.
    static func ticker(_ instrument: Instrument, walk: MarkWalk, ts: Int64) -> String {
        let tick = instrument.tickSz
        var row = JSONObjectWriter(capacity: 400)
        row.field("askPx", walk.price + tick)
        row.field("askSz", "120")
        row.field("bidPx", walk.price - tick)
        row.field("bidSz", "95")
        row.field("high24h", Decimal(walk.high) * tick)
        row.field("instId", instrument.instId)
        row.field("instType", "SWAP")
        row.field("last", walk.price)
        row.field("lastSz", "1")
        row.field("low24h", Decimal(walk.low) * tick)
        row.field("open24h", Decimal(walk.open) * tick)
        row.field("sodUtc0", Decimal(walk.open) * tick)
        row.field("sodUtc8", Decimal(walk.open) * tick)
        row.field("ts", ts)
        row.field("vol24h", "1250000")
        row.field("volCcy24h", instrument.baseUnits(1_250_000))
        return row.finish()
    }

    /// A `GET /public/position-tiers` row.
    static func tier(_ tier: PositionTier, instrument: Instrument) -> String {
        var row = JSONObjectWriter(capacity: 300)
        row.field("baseMaxLoan", "")
        row.field("imr", tier.imr)
        row.field("instFamily", instrument.instFamily)
        row.field("instId", "")
        row.field("maxLever", tier.maxLever)
        row.field("maxSz", tier.maxSz)
        row.field("minSz", tier.minSz)
        row.field("mmr", tier.mmr)
        row.field("optMgnFactor", "0")
        row.field("quoteMaxLoan", "")
        row.field("tier", String(tier.tier))
        row.field("uly", instrument.instFamily)
        return row.finish()
    }

    /// A `GET /account/positions` row for an open position: isolated rows carry `margin` and `imr` "", cross rows
    /// `margin` "" and `imr`, as OKX's recorded replies do (okx/real-replies fetchPosition-1/2, fetchPositions-0).
    static func position(
        _ position: Position, metrics: PositionMetrics, availPos: Decimal, instrument: Instrument
    ) -> String {
        let isolated = position.mgnMode == .isolated
        var row = JSONObjectWriter(capacity: 1400)
        row.field("adl", "1")
        row.field("availPos", availPos)
        row.field("avgPx", position.avgPx)
        row.field("baseBal", "")
        row.field("baseBorrowed", "")
        row.field("baseInterest", "")
        row.field("bePx", metrics.bePx)
        row.field("bizRefId", "")
        row.field("bizRefType", "")
        row.field("cTime", position.cTime)
        row.field("ccy", instrument.settleCcy)
        row.field("clSpotInUseAmt", "")
        row.raw("closeOrderAlgo", "[]")
        row.field("deltaBS", "")
        row.field("deltaPA", "")
        row.field("fee", position.fee)
        row.field("fundingFee", position.fundingFee)
        row.field("gammaBS", "")
        row.field("gammaPA", "")
        row.field("idxPx", metrics.markPx)
        row.field("imr", metrics.imr)
        row.field("instId", position.instId)
        row.field("instType", "SWAP")
        row.field("interest", "")
        row.field("last", metrics.markPx)
        row.field("lever", position.lever)
        row.field("liab", "")
        row.field("liabCcy", "")
        row.field("liqPenalty", "0")
        row.field("liqPx", metrics.liqPx)
        row.field("margin", isolated ? position.margin : nil)
        row.field("markPx", metrics.markPx)
        row.field("maxSpotInUseAmt", "")
        row.field("mgnMode", position.mgnMode.rawValue)
        row.field("mgnRatio", metrics.mgnRatio)
        row.field("mmr", metrics.mmr)
        row.field("nonSettleAvgPx", "")
        row.field("notionalUsd", metrics.notionalUsd)
        row.field("optVal", "")
        row.field("pendingCloseOrdLiabVal", "")
        row.field("pnl", position.pnl)
        row.field("pos", position.pos)
        row.field("posCcy", "")
        row.field("posId", position.posId)
        row.field("posSide", position.posSide.rawValue)
        row.field("quoteBal", "")
        row.field("quoteBorrowed", "")
        row.field("quoteInterest", "")
        row.field("realizedPnl", position.realizedPnl)
        row.field("settledPnl", "")
        row.field("spotInUseAmt", "")
        row.field("spotInUseCcy", "")
        row.field("thetaBS", "")
        row.field("thetaPA", "")
        row.field("tradeId", position.tradeId)
        row.field("uTime", position.uTime)
        row.field("upl", metrics.upl)
        row.field("uplLastPx", metrics.upl)
        row.field("uplRatio", metrics.uplRatio)
        row.field("uplRatioLastPx", metrics.uplRatio)
        row.field("usdPx", "")
        row.field("vegaBS", "")
        row.field("vegaPA", "")
        return row.finish()
    }

    /// A closed position OKX still returns for a query by instId: `pos` "0", same posId.
    static func closedPosition(_ position: Position, markPx: Decimal, ccy: String) -> String {
        var row = JSONObjectWriter(capacity: 600)
        row.field("availPos", "")
        row.field("avgPx", "")
        row.field("cTime", position.cTime)
        row.field("ccy", ccy)
        row.field("fee", position.fee)
        row.field("instId", position.instId)
        row.field("instType", "SWAP")
        row.field("lever", position.lever)
        row.field("liqPx", "")
        row.field("margin", "0")
        row.field("markPx", markPx)
        row.field("mgnMode", position.mgnMode.rawValue)
        row.field("mgnRatio", "")
        row.field("mmr", "0")
        row.field("notionalUsd", "0")
        row.field("pnl", position.pnl)
        row.field("pos", "0")
        row.field("posId", position.posId)
        row.field("posSide", position.posSide.rawValue)
        row.field("realizedPnl", position.realizedPnl)
        row.field("uTime", position.uTime)
        row.field("upl", "0")
        row.field("uplRatio", "0")
        return row.finish()
    }

    /// A `GET /account/config` row.
    static func config(_ book: AccountBook) -> String {
        var row = JSONObjectWriter(capacity: 700)
        row.field("acctLv", book.account.acctLv)
        row.field("acctStpMode", "cancel_maker")
        row.raw("autoLoan", "false")
        row.field("ctIsoMode", "automatic")
        row.raw("enableSpotBorrow", "false")
        row.field("feeType", "0")
        row.field("greeksType", "PA")
        row.field("ip", book.account.ipAllowList.joined(separator: ","))
        row.field("kycLv", book.account.role == .main ? "2" : "0")
        row.field("label", book.account.name)
        row.field("level", "Lv1")
        row.field("levelTmp", "")
        row.field("liquidationGear", "-1")
        row.field("mainUid", book.mainUid)
        row.field("mgnIsoMode", "automatic")
        row.field("opAuth", "0")
        row.field("perm", book.account.perm)
        row.field("posMode", book.posMode.rawValue)
        row.field("roleType", "0")
        row.field("settleCcy", "USDT")
        row.raw("settleCcyList", "[\"USDT\",\"USDC\"]")
        row.raw("spotBorrowAutoRepay", "false")
        row.field("spotOffsetType", "")
        row.field("spotRoleType", "0")
        row.raw("spotTraderInsts", "[]")
        row.raw("traderInsts", "[]")
        row.field("type", book.account.role == .main ? "0" : "1")
        row.field("uid", book.account.uid)
        return row.finish()
    }

    /// A `GET /account/balance` row: one `details` row per currency (already filtered: OKX leaves out a currency
    /// whose cash and equity are both 0). Account totals in USD; the cross fields of a row are `""` unless the
    /// currency backs a cross position (Futures mode reports cross `imr`, `mmr`, `mgnRatio` per currency).
    static func balance(_ currencies: [CurrencyFigures], uTime: Int64) -> String {
        var details: [String] = []
        var totalEq: Decimal = 0
        var isoEq: Decimal = 0
        var upl: Decimal = 0
        for figures in currencies {
            details.append(detail(figures, uTime: uTime))
            if figures.usdPrice == 1 {
                totalEq += figures.eq
                isoEq += figures.isoEq
                upl += figures.upl
            } else {
                totalEq += figures.eqUsd
                isoEq += (figures.isoEq * figures.usdPrice).stored
                upl += (figures.upl * figures.usdPrice).stored
            }
        }
        var row = JSONObjectWriter(capacity: 400 + 900 * details.count)
        row.field("adjEq", "")
        row.field("availEq", "")
        row.field("borrowFroz", "")
        row.raw("details", "[" + details.joined(separator: ",") + "]")
        row.field("imr", "")
        row.field("isoEq", isoEq)
        row.field("mgnRatio", "")
        row.field("mmr", "")
        row.field("notionalUsd", "")
        row.field("notionalUsdForBorrow", "")
        row.field("notionalUsdForFutures", "")
        row.field("notionalUsdForOption", "")
        row.field("notionalUsdForSwap", "")
        row.field("ordFroz", "")
        row.field("totalEq", totalEq)
        row.field("uTime", uTime)
        row.field("upl", upl)
        return row.finish()
    }

    /// One `details` row.
    private static func detail(_ figures: CurrencyFigures, uTime: Int64) -> String {
        var detail = JSONObjectWriter(capacity: 900)
        detail.field("accAvgPx", "")
        detail.field("availBal", figures.availBal)
        detail.field("availEq", figures.availBal)
        detail.field("borrowFroz", "")
        detail.field("cashBal", figures.cashBal)
        detail.field("ccy", figures.ccy)
        detail.field("clSpotInUseAmt", "")
        detail.field("colBorrAutoConversion", "0")
        detail.raw("collateralEnabled", "false")
        detail.field("crossLiab", "")
        detail.field("disEq", figures.eqUsd)
        detail.field("eq", figures.eq)
        detail.field("eqUsd", figures.eqUsd)
        detail.field("fixedBal", "0")
        detail.field("frozenBal", figures.frozenBal)
        detail.field("imr", figures.hasCross ? figures.crossImr : nil)
        detail.field("interest", "")
        detail.field("isoEq", figures.isoEq)
        detail.field("isoLiab", "")
        detail.field("isoUpl", figures.isoUpl)
        detail.field("liab", "")
        detail.field("maxLoan", "")
        detail.field("maxSpotInUse", "")
        detail.field("mgnRatio", figures.mgnRatio)
        detail.field("mmr", figures.hasCross ? figures.crossMmr : nil)
        detail.field("notionalLever", "")
        detail.field("openAvgPx", "")
        detail.field("ordFrozen", figures.ordFrozen)
        detail.field("rewardBal", "0")
        detail.field("smtSyncEq", "0")
        detail.field("spotBal", "")
        detail.field("spotCopyTradingEq", "0")
        detail.field("spotInUseAmt", "")
        detail.field("spotIsoBal", "0")
        detail.field("spotUpl", "")
        detail.field("spotUplRatio", "")
        detail.field("stgyEq", "0")
        detail.field("totalPnl", "")
        detail.field("totalPnlRatio", "")
        detail.field("twap", "0")
        detail.field("uTime", uTime)
        detail.field("upl", figures.upl)
        detail.field("uplLiab", "")
        return detail.finish()
    }
}
