// Realistic OKX v5 replies, shaped after OKX's documentation and demo-trading captures.
enum Fixtures {
    /// `count` copies of `reply`, each damaged once at random: cut short, one byte changed to JSON punctuation or a
    /// letter, or one byte removed.
    static func damaged(_ reply: String, count: Int) -> [[UInt8]] {
        var rng = SystemRandomNumberGenerator()
        let original = Array(reply.utf8)
        let noise = Array(#"{}[]",:\ a0-.eu"#.utf8)
        return (0..<count).map { _ in
            var bytes = original
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            case 1: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = noise.randomElement(using: &rng)!
            default: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng))
            }
            return bytes
        }
    }

    static let time = #"{"code":"0","msg":"","data":[{"ts":"1715000000123"}]}"#

    static let instruments = #"""
        {"code":"0","msg":"","data":[
        {"alias":"","baseCcy":"","category":"1","ctMult":"1","ctType":"linear","ctVal":"0.01","ctValCcy":"BTC",
         "expTime":"","instFamily":"BTC-USDT","instId":"BTC-USDT-SWAP","instType":"SWAP","lever":"100",
         "listTime":"1611916828000","lotSz":"0.01","maxIcebergSz":"100000000","maxLmtAmt":"20000000",
         "maxLmtSz":"100000000","maxMktAmt":"","maxMktSz":"12000","maxStopSz":"12000","maxTriggerSz":"100000000",
         "maxTwapSz":"100000000","minSz":"0.01","optType":"","quoteCcy":"","settleCcy":"USDT","state":"live",
         "stk":"","tickSz":"0.1","uly":"BTC-USDT","newFieldFromTheFuture":{"nested":true}},
        {"ctMult":"1","ctVal":"10","ctValCcy":"CRO","instFamily":"CRO-USDT","instId":"CRO-USDT-SWAP",
         "instType":"SWAP","lever":"50","lotSz":"1","maxMktSz":"100000","minSz":"1","settleCcy":"USDT",
         "state":"live","tickSz":"0.00001"}
        ]}
        """#

    static let positions = #"""
        {"code":"0","msg":"","data":[
        {"adl":"1","availPos":"2","avgPx":"60000","baseBal":"","cTime":"1715000000000","ccy":"USDT",
         "deltaBS":"","deltaPA":"","fee":"-0.6","fundingFee":"0","gammaBS":"","gammaPA":"","idxPx":"60290",
         "imr":"","instId":"BTC-USDT-SWAP","instType":"SWAP","interest":"","last":"60310","lever":"10",
         "liab":"","liabCcy":"","liqPenalty":"0","liqPx":"54244.1984429934","margin":"120","markPx":"60300",
         "mgnMode":"isolated","mgnRatio":"23.2172470978441","mmr":"4.824","notionalUsd":"1205.7",
         "optVal":"","pendingCloseOrdLiabVal":"","pnl":"0","pos":"2","posCcy":"","posId":"1752810569801498626",
         "posSide":"long","quoteBal":"","realizedPnl":"-0.6","thetaBS":"","thetaPA":"","tradeId":"",
         "uTime":"1715000300000","upl":"6","uplLastPx":"6.2","uplRatio":"0.05","usdPx":"","vegaBS":"",
         "vegaPA":"","bePx":"60060.03"},
        {"instId":"CRO-USDT-SWAP","instType":"SWAP","mgnMode":"isolated","posSide":"short","pos":"0",
         "avgPx":"","markPx":"0.0926","upl":"","uplRatio":"","lever":"10","margin":"","mmr":"","mgnRatio":"",
         "liqPx":"","posId":"1752810569801498627"}
        ]}
        """#

    static let balance = #"""
        {"code":"0","msg":"","data":[{"adjEq":"","borrowFroz":"","imr":"","isoEq":"126","mgnRatio":"",
         "mmr":"","notionalUsd":"","ordFroz":"","totalEq":"1005.1","uTime":"1715000300000","upl":"",
         "details":[{"availBal":"879.4","availEq":"879.4","cashBal":"879.4","ccy":"USDT","crossLiab":"",
         "disEq":"1005.1","eq":"1005.4","eqUsd":"1005.1","frozenBal":"126","interest":"","isoEq":"126",
         "isoLiab":"","isoUpl":"6","liab":"","maxLoan":"","mgnRatio":"","notionalLever":"","ordFrozen":"0",
         "twap":"0","uTime":"1715000300000","upl":"6","uplLiab":"","stgyEq":"0","spotInUseAmt":""}]}]}
        """#

    static let accountConfig = #"""
        {"code":"0","msg":"","data":[{"acctLv":"2","autoLoan":false,"ctIsoMode":"automatic","greeksType":"PA",
         "level":"Lv1","levelTmp":"","mgnIsoMode":"automatic","posMode":"long_short_mode","spotOffsetType":"",
         "uid":"44705892343619584","mainUid":"44705892343619584","label":"main key","perm":"read_only,trade",
         "ip":"","type":"0"}]}
        """#

    static let leverageInfo = #"""
        {"code":"0","msg":"","data":[
        {"ccy":"","instId":"CRO-USDT-SWAP","lever":"10","mgnMode":"isolated","posSide":"long"},
        {"ccy":"","instId":"CRO-USDT-SWAP","lever":"5","mgnMode":"isolated","posSide":"short"}]}
        """#

    static let setLeverage =
        #"{"code":"0","msg":"","data":[{"lever":"10","mgnMode":"isolated","instId":"CRO-USDT-SWAP","posSide":"long"}]}"#

    static let marginBalance = #"""
        {"code":"0","msg":"","data":[{"amt":"5","ccy":"USDT","instId":"CRO-USDT-SWAP","leverage":"6.6",
         "posSide":"long","type":"reduce"}]}
        """#

    static let placeOrderOK = #"""
        {"code":"0","msg":"","data":[{"clOrdId":"a1s1t1","ordId":"312269865356374016","tag":"","ts":"1695190491421",
         "sCode":"0","sMsg":"Order placed","subCode":""}],"inTime":"1695190491421339","outTime":"1695190491423240"}
        """#

    static let placeOrderInsufficient = #"""
        {"code":"1","msg":"All operations failed","data":[{"clOrdId":"a1s2t1","ordId":"","tag":"","ts":"",
         "sCode":"51008","sMsg":"Order failed. Insufficient USDT margin in account","subCode":"1001"}],
         "inTime":"1695190491421339","outTime":"1695190491423240"}
        """#

    static let batchPartly = #"""
        {"code":"2","msg":"","data":[
        {"clOrdId":"b1","ordId":"1","tag":"","ts":"1695190491421","sCode":"0","sMsg":""},
        {"clOrdId":"b2","ordId":"","tag":"","ts":"","sCode":"51121",
        "sMsg":"Order quantity must be a multiple of the lot size."}]}
        """#

    static let order = #"""
        {"code":"0","msg":"","data":[{"accFillSz":"108","algoClOrdId":"","algoId":"","attachAlgoClOrdId":"",
         "attachAlgoOrds":[],"avgPx":"0.0926","cTime":"1715000000000","cancelSource":"","cancelSourceReason":"",
         "category":"normal","ccy":"","clOrdId":"a1s1t1","fee":"-0.05","feeCcy":"USDT","fillPx":"0.0926",
         "fillSz":"108","fillTime":"1715000000001","instId":"CRO-USDT-SWAP","instType":"SWAP","isTpLimit":"false",
         "lever":"10","linkedAlgoOrd":{"algoId":""},"ordId":"312269865356374016","ordType":"market","pnl":"0",
         "posSide":"long","px":"","pxType":"","pxUsd":"","pxVol":"","quickMgnType":"","rebate":"0",
         "rebateCcy":"USDT","reduceOnly":"false","side":"buy","slOrdPx":"","slTriggerPx":"","source":"",
         "state":"filled","stpId":"","stpMode":"","sz":"108","tag":"","tdMode":"isolated","tgtCcy":"",
         "tpOrdPx":"","tpTriggerPx":"","tradeId":"123","uTime":"1715000000002"}]}
        """#

    static let closePosition =
        #"{"code":"0","msg":"","data":[{"clOrdId":"a1s0t1","instId":"APT-USDT-SWAP","posSide":"long","tag":""}]}"#

    static let markPrice = #"""
        {"code":"0","msg":"","data":[{"instId":"CRO-USDT-SWAP","instType":"SWAP","markPx":"0.0926",\#
        "ts":"1715000000000"}]}
        """#

    static let ticker = #"""
        {"code":"0","msg":"","data":[{"instType":"SWAP","instId":"CRO-USDT-SWAP","last":"0.0927","lastSz":"5",
         "askPx":"0.0928","askSz":"100","bidPx":"0.0926","bidSz":"70","open24h":"0.09","high24h":"0.095",
         "low24h":"0.089","volCcy24h":"1000000","vol24h":"100000","ts":"1715000000000","sodUtc0":"0.091",
         "sodUtc8":"0.0905"}]}
        """#

    static let positionTiers = #"""
        {"code":"0","msg":"","data":[
        {"baseMaxLoan":"","imr":"0.01","instFamily":"BTC-USDT","instId":"","maxLever":"100","maxSz":"500",
         "minSz":"0","mmr":"0.004","optMgnFactor":"0","quoteMaxLoan":"","tier":"1","uly":"BTC-USDT"},
        {"imr":"0.0133","instFamily":"BTC-USDT","maxLever":"75","maxSz":"1000","minSz":"500","mmr":"0.0065",
         "tier":"2","uly":"BTC-USDT"}]}
        """#

    static let bills = #"""
        {"code":"0","msg":"","data":[
        {"bal":"879.4","balChg":"-5","billId":"623950854533513219","ccy":"USDT","clOrdId":"","execType":"",
         "fee":"0","fillFwdPx":"","fillIdxPx":"","fillMarkPx":"","fillMarkVol":"","fillPxUsd":"","fillPxVol":"",
         "fillTime":"1715000000000","from":"","instId":"CRO-USDT-SWAP","instType":"SWAP","interest":"0",
         "mgnMode":"isolated","notes":"","ordId":"","pnl":"0","posBal":"15.29","posBalChg":"-5","px":"",
         "subType":"161","sz":"0","tag":"","to":"","tradeId":"","ts":"1715000000000","type":"6"}]}
        """#
}
