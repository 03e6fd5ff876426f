/// Replies recorded from the real OKX (`GET /api/v5/account/positions`), as the ccxt project keeps them in its test
/// data (ccxt/ccxt `ts/src/test/static/response/okx.json`, MIT licence), copied unchanged: every empty string and
/// extra key is OKX's own. Used to prove that the client reads the real shapes, not only the paper exchange's.
package enum RecordedReplies {
    /// LTC-USDT-SWAP, cross, long: `margin` "", `imr` set, `liqPx` "".
    package static let linearCross = #"""
        {"code":"0","data":[{"adl":"1","availPos":"1","avgPx":"68.24","baseBal":"","baseBorrowed":"",\#
        "baseInterest":"","bePx":"68.30827413706852","bizRefId":"","bizRefType":"","cTime":"1706612162996",\#
        "ccy":"USDT","closeOrderAlgo":[],"deltaBS":"","deltaPA":"","fee":"-0.00003412","fundingFee":"0","gammaBS":"",\#
        "gammaPA":"","idxPx":"68.2172","imr":"0.0227466666666667","instId":"LTC-USDT-SWAP","instType":"SWAP",\#
        "interest":"","last":"68.24","lever":"3","liab":"","liabCcy":"","liqPenalty":"0","liqPx":"","margin":"",\#
        "markPx":"68.24","mgnMode":"cross","mgnRatio":"141687115.0546428","mmr":"0.00044356",\#
        "notionalUsd":"0.0682283992","optVal":"","pendingCloseOrdLiabVal":"","pnl":"0","pos":"1","posCcy":"",\#
        "posId":"653944598162657280","posSide":"long","quoteBal":"","quoteBorrowed":"","quoteInterest":"",\#
        "realizedPnl":"-0.00003412","spotInUseAmt":"","spotInUseCcy":"","thetaBS":"","thetaPA":"",\#
        "tradeId":"38002016","uTime":"1706612162996","upl":"0","uplLastPx":"0","uplRatio":"0","uplRatioLastPx":"0",\#
        "usdPx":"","vegaBS":"","vegaPA":""}],"msg":""}
        """#

    /// BTC-USD-SWAP (coin-margined), cross, long: amounts in BTC, `notionalUsd` 100.
    package static let inverseCross = #"""
        {"code":"0","data":[{"adl":"1","availPos":"1","avgPx":"91957.1","baseBal":"","baseBorrowed":"",\#
        "baseInterest":"","bePx":"92049.10310155293","bizRefId":"","bizRefType":"","cTime":"1768899436623",\#
        "ccy":"BTC","clSpotInUseAmt":"","closeOrderAlgo":[],"deltaBS":"","deltaPA":"","fee":"-0.0000005437318054",\#
        "fundingFee":"0","gammaBS":"","gammaPA":"","hedgedPos":"","idxPx":"90970.9","imr":"0.000054313938912",\#
        "instId":"BTC-USD-SWAP","instType":"SWAP","interest":"","last":"92200","lever":"20","liab":"","liabCcy":"",\#
        "liqPenalty":"0","liqPx":"89.11497615226264","margin":"","markPx":"92057.4","maxSpotInUseAmt":"",\#
        "mgnMode":"cross","mgnRatio":"230370.41537091756","mmr":"0.000004345115113","nonSettleAvgPx":"",\#
        "notionalUsd":"100","optVal":"","pendingCloseOrdLiabVal":"","pnl":"0","pos":"1","posCcy":"",\#
        "posId":"3234547810395054080","posSide":"long","quoteBal":"","quoteBorrowed":"","quoteInterest":"",\#
        "realizedPnl":"-0.0000005437318054","settledPnl":"","spotInUseAmt":"","spotInUseCcy":"","thetaBS":"",\#
        "thetaPA":"","tradeId":"269654427","uTime":"1768899436623","upl":"0.0000011848325084",\#
        "uplLastPx":"0.0000028649122674","uplRatio":"0.0217907522915017","uplRatioLastPx":"0.0526898047722324",\#
        "usdPx":"90970.9","vegaBS":"","vegaPA":""}],"msg":""}
        """#

    /// BTC-USD-SWAP (coin-margined), isolated, long: `margin` in BTC, `imr` "".
    package static let inverseIsolated = #"""
        {"code":"0","data":[{"adl":"1","availPos":"1","avgPx":"92300","baseBal":"","baseBorrowed":"",\#
        "baseInterest":"","bePx":"92392.34617308505","bizRefId":"","bizRefType":"","cTime":"1768899783914",\#
        "ccy":"BTC","clSpotInUseAmt":"","closeOrderAlgo":[],"deltaBS":"","deltaPA":"","fee":"-0.0000005417118093",\#
        "fundingFee":"0","gammaBS":"","gammaPA":"","hedgedPos":"","idxPx":"90894.1","imr":"","instId":"BTC-USD-SWAP",\#
        "instType":"SWAP","interest":"","last":"92500","lever":"3","liab":"","liabCcy":"","liqPenalty":"0",\#
        "liqPx":"69536.6125000014","margin":"0.0003611412062116","markPx":"92376.7","maxSpotInUseAmt":"",\#
        "mgnMode":"isolated","mgnRatio":"74.32029212310307","mmr":"0.0000043300962256","nonSettleAvgPx":"",\#
        "notionalUsd":"100","optVal":"","pendingCloseOrdLiabVal":"","pnl":"0","pos":"1","posCcy":"",\#
        "posId":"3234559463547297792","posSide":"long","quoteBal":"","quoteBorrowed":"","quoteInterest":"",\#
        "realizedPnl":"-0.0000005417118093","settledPnl":"","spotInUseAmt":"","spotInUseCcy":"","thetaBS":"",\#
        "thetaPA":"","tradeId":"269691532","uTime":"1768899783914","upl":"0.000000899562244",\#
        "uplLastPx":"0.0000023425375538","uplRatio":"0.0024908878537552","uplRatioLastPx":"0.0064864864864864",\#
        "usdPx":"90894.1","vegaBS":"","vegaPA":""}],"msg":""}
        """#
}
