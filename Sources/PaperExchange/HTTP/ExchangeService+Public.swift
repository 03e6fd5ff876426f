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

    /// `GET /public/instruments?instType=SWAP[&instId=][&instFamily=][&uly=]`; delisted (expired) swaps are not
    /// listed, suspended ones are, with state `suspend`.
    func instruments(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instType = try call.required("instType")
        guard ExchangeService.instrumentTypes.contains(instType) else { throw .parameterError("instType") }
        guard instType == "SWAP" else { return .json(Envelope.ok([])) }
        let instId = try call.param("instId")
        let family = try call.param("instFamily") ?? call.param("uly", orNil: ())
        let rows = try withState(now: call.now) { state in
            state.instruments.filter { instrument in
                !instrument.isExpired && (instId == nil || instrument.instId == instId)
                    && (family == nil || instrument.instFamily == family)
            }.map(WireFormat.instrument)
        }
        return .json(Envelope.ok(rows))
    }

    /// `GET /public/mark-price?instType=SWAP[&instId=]`, or `instId` alone (ccxt's `fetch_mark_price` sends only
    /// it, and OKX answers).
    func markPrice(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instId = try call.param("instId")
        if let instType = try call.param("instType") {
            guard ExchangeService.instrumentTypes.contains(instType) else { throw .parameterError("instType") }
            guard instType == "SWAP" else { return .json(Envelope.ok([])) }
        } else if instId == nil {
            throw .parameterEmpty("instType")
        }
        let rows = try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) -> [String] in
            if let instId {
                guard let mark = state.markPx(instId), state.instrument(instId)?.isExpired == false else {
                    throw .unknownInstrument
                }
                return [WireFormat.markPrice(instId: instId, markPx: mark, ts: call.now)]
            }
            return zip(state.instruments, state.walks).filter { !$0.0.isExpired }.map { instrument, walk in
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

    /// `GET /public/position-tiers?instType=SWAP&tdMode=isolated|cross&instFamily=BTC-USDT`: instType and tdMode
    /// are required (50014), tdMode is isolated or cross (51000), a SWAP query needs instFamily or uly (50015).
    /// Isolated and cross share one ladder here (OKX publishes one per mode; ours are equal, our choice).
    func positionTiers(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instType = try call.required("instType")
        _ = try ExchangeService.marginMode(call.required("tdMode"), name: "tdMode")
        guard ExchangeService.instrumentTypes.contains(instType) else { throw .parameterError("instType") }
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

    /// `GET /public/funding-rate?instId=`: the rate of the coming 8-hour settlement (`fundingTime`) and the one
    /// after (`nextFundingTime`), with the fields of OKX's reply.
    func fundingRate(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instId = try call.required("instId")
        let row = try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) -> String in
            guard let instrument = state.instrument(instId), !instrument.isExpired else { throw .unknownInstrument }
            return WireFormat.fundingRate(instrument, fundingTime: state.nextFundingMs, ts: call.now)
        }
        return .json(Envelope.ok([row]))
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
