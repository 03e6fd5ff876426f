import Foundation

extension ExchangeService {
    /// Instrument types OKX knows; only SWAP is listed here, the others answer an empty list.
    private static let instrumentTypes: Set<String> = ["SPOT", "MARGIN", "SWAP", "FUTURES", "OPTION"]

    /// `GET /public/time`.
    func time(_ call: Call) -> SimResponse {
        var row = JSONObjectWriter(capacity: 32)
        row.field("ts", call.now)
        return .json(Envelope.ok([row.finish()]))
    }

    /// `GET /public/instruments?instType=SWAP[&instId=][&instFamily=][&uly=]`.
    func instruments(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instType = try call.required("instType")
        guard ExchangeService.instrumentTypes.contains(instType) else { throw .parameterError("instType") }
        guard instType == "SWAP" else { return .json(Envelope.ok([])) }
        let instId = try call.param("instId")
        let family = try call.param("instFamily") ?? call.param("uly", orNil: ())
        let rows = try withState(now: call.now) { state in
            state.instruments.filter { instrument in
                (instId == nil || instrument.instId == instId) && (family == nil || instrument.instFamily == family)
            }.map(WireFormat.instrument)
        }
        return .json(Envelope.ok(rows))
    }

    /// `GET /public/mark-price?instType=SWAP[&instId=]`.
    func markPrice(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instType = try call.required("instType")
        guard ExchangeService.instrumentTypes.contains(instType) else { throw .parameterError("instType") }
        guard instType == "SWAP" else { return .json(Envelope.ok([])) }
        let instId = try call.param("instId")
        let rows = try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) -> [String] in
            if let instId {
                guard let mark = state.markPx(instId) else { throw .unknownInstrument }
                return [WireFormat.markPrice(instId: instId, markPx: mark, ts: call.now)]
            }
            return zip(state.instruments, state.walks).map { instrument, walk in
                WireFormat.markPrice(instId: instrument.instId, markPx: walk.price, ts: call.now)
            }
        }
        return .json(Envelope.ok(rows))
    }

    /// `GET /market/ticker?instId=`.
    func ticker(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instId = try call.required("instId")
        let row = try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) -> String in
            guard let instrument = state.instrument(instId), let walk = state.walk(instId) else {
                throw .unknownInstrument
            }
            return WireFormat.ticker(instrument, walk: walk, ts: call.now)
        }
        return .json(Envelope.ok([row]))
    }

    /// `GET /public/position-tiers?instType=SWAP&tdMode=isolated&instFamily=BTC-USDT`.
    func positionTiers(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instType = try call.required("instType")
        _ = try call.required("tdMode")
        guard instType == "SWAP" else { return .json(Envelope.ok([])) }
        guard let family = try call.param("instFamily") ?? call.param("uly", orNil: ()) else {
            throw .eitherParameter("instFamily", "uly")
        }
        let rows = try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) -> [String] in
            guard let instrument = state.instruments.first(where: { $0.instFamily == family }) else {
                throw .unknownInstrument
            }
            return instrument.tiers.map { WireFormat.tier($0, instrument: instrument) }
        }
        return .json(Envelope.ok(rows))
    }

    /// `GET /asset/currencies` (ccxt's `load_markets` asks for it with keys): USDT only.
    func currencies(_ call: Call) -> SimResponse {
        var row = JSONObjectWriter(capacity: 600)
        row.field("burningFeeRate", "")
        row.raw("canDep", "true")
        row.raw("canInternal", "true")
        row.raw("canWd", "true")
        row.field("ccy", "USDT")
        row.field("chain", "USDT-TRC20")
        row.field("ctAddr", "")
        row.field("depEstOpenTime", "")
        row.field("depQuotaFixed", "")
        row.field("depQuoteDailyLayer2", "")
        row.field("fee", "1.5")
        row.field("logoLink", "")
        row.raw("mainNet", "false")
        row.field("maxFee", "1.5")
        row.field("maxFeeForCtAddr", "")
        row.field("maxWd", "10000000")
        row.field("minDep", "0.00000001")
        row.field("minDepArrivalConfirm", "64")
        row.field("minFee", "1.5")
        row.field("minFeeForCtAddr", "")
        row.field("minInternal", "0.01")
        row.field("minWd", "2")
        row.field("minWdUnlockConfirm", "64")
        row.field("name", "Tether")
        row.raw("needTag", "false")
        row.field("usedDepQuotaFixed", "")
        row.field("usedWdQuota", "0")
        row.field("wdEstOpenTime", "")
        row.field("wdQuota", "10000000")
        row.field("wdTickSz", "2")
        return .json(Envelope.ok([row.finish()]))
    }
}
