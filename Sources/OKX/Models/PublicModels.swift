public import Foundation

/// A perpetual swap as `GET /api/v5/public/instruments?instType=SWAP` describes it.
public struct Instrument: OKXDecodable, Hashable, Codable {
    public var instId: String
    public var instFamily: String?
    /// The currency margin and PnL settle in: USDT or USDC for a linear swap, the coin (BTC…) for an inverse one.
    public var settleCcy: String?
    /// `linear` (a contract is `ctVal` of the coin, priced in USDT/USDC) or `inverse` (a contract is `ctVal` USD,
    /// margined in the coin).
    public var ctType: String?
    /// Per contract: `ctVal` of the coin for a linear swap, USD for an inverse one.
    public var ctVal: Decimal
    public var ctMult: Decimal
    public var ctValCcy: String?
    /// Order size step, in contracts.
    public var lotSz: Decimal
    /// Smallest order, in contracts.
    public var minSz: Decimal
    /// Price step.
    public var tickSz: Decimal
    /// Highest leverage allowed.
    public var maxLever: Decimal?
    /// Largest market order, in contracts.
    public var maxMktSz: Decimal?
    public var maxLmtSz: Decimal?
    /// `live`, `suspend`, `preopen`, `test`…
    public var state: String

    public init(
        instId: String, instFamily: String? = nil, settleCcy: String? = "USDT", ctType: String? = "linear",
        ctVal: Decimal, ctMult: Decimal = 1, ctValCcy: String? = nil, lotSz: Decimal, minSz: Decimal, tickSz: Decimal,
        maxLever: Decimal? = nil, maxMktSz: Decimal? = nil, maxLmtSz: Decimal? = nil, state: String = "live"
    ) {
        self.instId = instId
        self.instFamily = instFamily
        self.settleCcy = settleCcy
        self.ctType = ctType
        self.ctVal = ctVal
        self.ctMult = ctMult
        self.ctValCcy = ctValCcy
        self.lotSz = lotSz
        self.minSz = minSz
        self.tickSz = tickSz
        self.maxLever = maxLever
        self.maxMktSz = maxMktSz
        self.maxLmtSz = maxLmtSz
        self.state = state
    }

    public init(fields f: OKXFields) throws(DecodingFailure) {
        self.init(
            instId: try f.string("instId"), instFamily: try f.optionalString("instFamily"),
            settleCcy: try f.optionalString("settleCcy"), ctType: try f.optionalString("ctType"),
            ctVal: try f.decimal("ctVal"),
            ctMult: try f.optionalDecimal("ctMult") ?? 1, ctValCcy: try f.optionalString("ctValCcy"),
            lotSz: try f.decimal("lotSz"), minSz: try f.decimal("minSz"), tickSz: try f.decimal("tickSz"),
            maxLever: try f.optionalDecimal("lever"), maxMktSz: try f.optionalDecimal("maxMktSz"),
            maxLmtSz: try f.optionalDecimal("maxLmtSz"), state: try f.optionalString("state") ?? "live")
    }

    /// Base units per contract times the multiplier: notional = contracts × this × price. (In integers: it is read
    /// for every position on every poll.)
    public var contractValue: Decimal { ctVal.times(ctMult) }

    /// A coin-margined swap: a contract is worth `ctVal` USD, margin and PnL are in the coin. OKX says so in
    /// `ctType`; where a reply leaves it out, a settle currency that is not a dollar coin says the same.
    public var isInverse: Bool {
        if let ctType, !ctType.isEmpty { return ctType == "inverse" }
        if let settleCcy { return !["USDT", "USDC", "USD"].contains(settleCcy) }
        return false
    }

    /// Trading is open: OKX's `state` is `live`.
    public var isLive: Bool { state == "live" }
}

/// `GET /api/v5/public/mark-price`.
public struct MarkPrice: OKXDecodable, Hashable {
    public var instId: String
    public var markPx: Decimal
    public var ts: Int64?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        instId = try f.string("instId")
        markPx = try f.decimal("markPx")
        ts = try f.optionalInt64("ts")
    }
}

/// `GET /api/v5/market/ticker`.
public struct Ticker: OKXDecodable, Hashable {
    public var instId: String
    public var last: Decimal?
    public var askPx: Decimal?
    public var bidPx: Decimal?
    public var open24h: Decimal?
    public var high24h: Decimal?
    public var low24h: Decimal?
    public var vol24h: Decimal?
    public var ts: Int64?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        instId = try f.string("instId")
        last = try f.optionalDecimal("last")
        askPx = try f.optionalDecimal("askPx")
        bidPx = try f.optionalDecimal("bidPx")
        open24h = try f.optionalDecimal("open24h")
        high24h = try f.optionalDecimal("high24h")
        low24h = try f.optionalDecimal("low24h")
        vol24h = try f.optionalDecimal("vol24h")
        ts = try f.optionalInt64("ts")
    }
}

/// One row of `GET /api/v5/public/position-tiers`.
public struct PositionTier: OKXDecodable, Hashable {
    public var tier: Int
    /// Contracts.
    public var minSz: Decimal?
    /// Contracts.
    public var maxSz: Decimal?
    /// Maintenance margin rate applied to the whole notional.
    public var mmr: Decimal
    public var imr: Decimal?
    public var maxLever: Decimal?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        guard let tier = Int(try f.string("tier")) else {
            throw DecodingFailure(field: "tier", problem: "not an integer")
        }
        self.tier = tier
        minSz = try f.optionalDecimal("minSz")
        maxSz = try f.optionalDecimal("maxSz")
        mmr = try f.decimal("mmr")
        imr = try f.optionalDecimal("imr")
        maxLever = try f.optionalDecimal("maxLever")
    }
}

/// One row of `GET /api/v5/account/positions-history`: a position closed in whole or in part, and how.
public struct PositionHistory: OKXDecodable, Hashable {
    public var instId: String
    public var posId: String?
    public var mgnMode: String?
    /// 1 partly closed, 2 closed, 3 liquidated, 4 partly liquidated, 5 auto-deleveraged (ADL).
    public var type: String?
    public var closeTotalPos: Decimal?
    public var closeAvgPx: Decimal?
    public var realizedPnl: Decimal?
    public var ccy: String?
    /// When it was last updated (the close), ms.
    public var uTime: Int64?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        instId = try f.string("instId")
        posId = try f.optionalString("posId")
        mgnMode = try f.optionalString("mgnMode")
        type = try f.optionalString("type")
        closeTotalPos = try f.optionalDecimal("closeTotalPos")
        closeAvgPx = try f.optionalDecimal("closeAvgPx")
        realizedPnl = try f.optionalDecimal("realizedPnl")
        ccy = try f.optionalString("ccy")
        uTime = try f.optionalInt64("uTime")
    }

    /// How the position ended, in words: "closed", "liquidated", "auto-deleveraged"…
    public var howClosed: String {
        switch type {
        case "1": "partly closed"
        case "2": "closed"
        case "3": "liquidated"
        case "4": "partly liquidated"
        case "5": "auto-deleveraged (ADL)"
        default: "closed (OKX type \(type ?? "?"))"
        }
    }

    /// Whether an order closed it (type 1 or 2) rather than anything else (3 and 4 liquidated, 5 auto-deleveraged, or
    /// a type this version does not know); nil when the row has no type.
    public var closedByOrder: Bool? {
        guard let type, !type.isEmpty else { return nil }
        return type == "1" || type == "2"
    }
}

/// `GET /api/v5/public/time`.
public struct ServerTime: OKXDecodable, Hashable {
    /// Milliseconds since the Unix epoch.
    public var ts: Int64

    public init(fields f: OKXFields) throws(DecodingFailure) {
        guard let ts = try f.optionalInt64("ts") else { throw DecodingFailure(field: "ts", problem: "missing") }
        self.ts = ts
    }
}
