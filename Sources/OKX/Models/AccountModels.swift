public import Foundation

/// Which side of a position. In long/short mode every SWAP call names `long` or `short`; in one-way (net) mode the
/// side is `net` and the sign of `pos` gives the direction.
public enum PositionSide: String, Sendable, Hashable, Codable, CaseIterable {
    case long
    case short
    case net

    /// The direction the side itself says: long or short in long/short mode; nil for `net`, where only the sign
    /// of `pos` says it.
    public var direction: Direction? {
        switch self {
        case .long: .long
        case .short: .short
        case .net: nil
        }
    }
}

/// Which way a position bets, whatever the account's position mode: from `posSide` in long/short mode, from the sign
/// of `pos` in one-way mode.
public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
    case long
    case short

    /// The other way.
    public var opposite: Direction { self == .long ? .short : .long }
}

/// A position's margin mode as OKX names it (`mgnMode`): isolated or cross. Kept as text so that a mode this client
/// does not know is carried, shown and left alone, never mistaken for one it does.
public struct MarginMode: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Collateral set aside for the one position.
    public static let isolated = MarginMode(rawValue: "isolated")
    /// The account's equity backs every cross position.
    public static let cross = MarginMode(rawValue: "cross")

    public var description: String { rawValue }

    public static func < (a: MarginMode, b: MarginMode) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
/// `GET /api/v5/account/config`.
public struct AccountConfiguration: OKXDecodable, Hashable {
    public var uid: String
    /// Equal to `uid` for a main account, different for a sub-account.
    public var mainUid: String?
    /// "2" is Futures mode, the one isolated swaps need.
    public var acctLv: String?
    /// `long_short_mode` or `net_mode`.
    public var posMode: String?
    /// What the key may do, comma-joined: `read_only`, `trade`, `withdraw`.
    public var perm: String?
    public var label: String?
    /// The key's IP allow-list, comma-joined; nil when the key is bound to none.
    public var ip: String?
    /// 0 main account, 1 standard sub-account, others managed or custody sub-accounts.
    public var type: String?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        uid = try f.string("uid")
        mainUid = try f.optionalString("mainUid")
        acctLv = try f.optionalString("acctLv")
        posMode = try f.optionalString("posMode")
        perm = try f.optionalString("perm")
        label = try f.optionalString("label")
        ip = try f.optionalString("ip")
        type = try f.optionalString("type")
    }

    /// True when the key belongs to a sub-account.
    public var isSubAccount: Bool { mainUid != nil && mainUid != uid }

    /// The key's permissions, one word each.
    public var permissions: Set<String> {
        Set((perm ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// The key may place orders and move margin.
    public var canTrade: Bool { permissions.contains("trade") }

    /// One-way mode: positions are `net`, their direction the sign of `pos`.
    public var isOneWay: Bool { posMode == "net_mode" }
}

/// One currency of `GET /api/v5/account/balance`.
public struct BalanceDetail: OKXDecodable, Hashable {
    public var ccy: String
    public var eq: Decimal?
    public var cashBal: Decimal?
    public var availBal: Decimal?
    public var availEq: Decimal?
    public var frozenBal: Decimal?
    public var ordFrozen: Decimal?
    public var isoEq: Decimal?
    public var upl: Decimal?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        ccy = try f.string("ccy")
        eq = try f.optionalDecimal("eq")
        cashBal = try f.optionalDecimal("cashBal")
        availBal = try f.optionalDecimal("availBal")
        availEq = try f.optionalDecimal("availEq")
        frozenBal = try f.optionalDecimal("frozenBal")
        ordFrozen = try f.optionalDecimal("ordFrozen")
        isoEq = try f.optionalDecimal("isoEq")
        upl = try f.optionalDecimal("upl")
    }
}

/// `GET /api/v5/account/balance`.
public struct Balance: OKXDecodable, Hashable {
    /// Total equity in USD.
    public var totalEq: Decimal?
    public var isoEq: Decimal?
    public var uTime: Int64?
    public var details: [BalanceDetail]

    public init(fields f: OKXFields) throws(DecodingFailure) {
        totalEq = try f.optionalDecimal("totalEq")
        isoEq = try f.optionalDecimal("isoEq")
        uTime = try f.optionalInt64("uTime")
        switch f.members["details"] {
        case nil, .null: details = []
        case .array(let items):
            var parsed: [BalanceDetail] = []
            for item in items { parsed.append(try BalanceDetail(fields: try OKXFields(item))) }
            details = parsed
        default: throw DecodingFailure(field: "details", problem: "expected an array")
        }
    }

    /// The USDT row; OKX omits a currency whose cash and equity are both 0.
    public var usdt: BalanceDetail? { details.first { $0.ccy == "USDT" } }
}

/// One row of `GET /api/v5/account/positions`.
public struct Position: OKXDecodable, Hashable {
    public var instId: String
    public var instType: String?
    /// `isolated` or `cross`; `""` when OKX sent none (then the position is watched, never acted on).
    public var mgnMode: String
    public var posSide: PositionSide
    /// Contracts; positive in long/short mode, signed in net mode (negative: short).
    public var pos: Decimal
    public var availPos: Decimal?
    public var avgPx: Decimal?
    public var markPx: Decimal?
    public var upl: Decimal?
    /// Profit rate: upl over the opening margin at entry price and the current leverage.
    public var uplRatio: Decimal?
    public var lever: Decimal?
    /// Isolated collateral, in `ccy`; `""` (nil) for a cross position.
    public var margin: Decimal?
    /// Initial margin of a cross position, in `ccy`; `""` (nil) for an isolated one.
    public var imr: Decimal?
    /// Maintenance margin, an amount in `ccy` (not a rate).
    public var mmr: Decimal?
    /// A multiple: ≤ 1 means liquidation.
    public var mgnRatio: Decimal?
    public var liqPx: Decimal?
    public var notionalUsd: Decimal?
    public var bePx: Decimal?
    /// The margin currency: margin, upl, fees and pnl are in it (USDT, USDC, or the coin of an inverse swap).
    public var ccy: String?
    public var posId: String
    public var fee: Decimal?
    public var realizedPnl: Decimal?
    public var cTime: Int64?
    public var uTime: Int64?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        instId = try f.string("instId")
        instType = try f.optionalString("instType")
        mgnMode = try f.optionalString("mgnMode") ?? ""
        let side = try f.optionalString("posSide") ?? "net"
        guard let posSide = PositionSide(rawValue: side) else {
            throw DecodingFailure(field: "posSide", problem: "unknown side \"\(side.prefix(10))\"")
        }
        self.posSide = posSide
        pos = try f.optionalDecimal("pos") ?? 0
        availPos = try f.optionalDecimal("availPos")
        avgPx = try f.optionalDecimal("avgPx")
        markPx = try f.optionalDecimal("markPx")
        upl = try f.optionalDecimal("upl")
        uplRatio = try f.optionalDecimal("uplRatio")
        lever = try f.optionalDecimal("lever")
        margin = try f.optionalDecimal("margin")
        imr = try f.optionalDecimal("imr")
        mmr = try f.optionalDecimal("mmr")
        mgnRatio = try f.optionalDecimal("mgnRatio")
        liqPx = try f.optionalDecimal("liqPx")
        notionalUsd = try f.optionalDecimal("notionalUsd")
        bePx = try f.optionalDecimal("bePx")
        ccy = try f.optionalString("ccy")
        posId = try f.optionalString("posId") ?? ""
        fee = try f.optionalDecimal("fee")
        realizedPnl = try f.optionalDecimal("realizedPnl")
        cTime = try f.optionalInt64("cTime")
        uTime = try f.optionalInt64("uTime")
    }

    /// A closed position that OKX still lists (with `pos` "0") when asked by instId.
    public var isOpen: Bool { pos != 0 }

    /// The margin mode, typed.
    public var marginMode: MarginMode { MarginMode(rawValue: mgnMode) }

    /// Contracts held, whatever the mode: |pos|.
    public var size: Decimal { pos.absoluteValue }

    /// Which way the position bets: its side in long/short mode, the sign of `pos` in one-way mode; nil for a
    /// closed one-way position.
    public var direction: Direction? {
        guard posSide == .net else { return posSide.direction }
        return pos.isAbove(0) ? .long : pos.isBelow(0) ? .short : nil
    }

    /// A one-way (net) mode position.
    public var isOneWay: Bool { posSide == .net }
}

/// One row of `GET /api/v5/account/leverage-info`.
public struct LeverageInfo: OKXDecodable, Hashable {
    public var instId: String
    public var mgnMode: String?
    public var posSide: PositionSide?
    public var lever: Decimal

    public init(fields f: OKXFields) throws(DecodingFailure) {
        instId = try f.string("instId")
        mgnMode = try f.optionalString("mgnMode")
        posSide = try f.optionalString("posSide").flatMap(PositionSide.init(rawValue:))
        lever = try f.decimal("lever")
    }
}

/// The reply of `POST /api/v5/account/set-leverage`.
public struct LeverageSetting: OKXDecodable, Hashable {
    public var instId: String?
    public var lever: Decimal?
    public var mgnMode: String?
    public var posSide: PositionSide?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        instId = try f.optionalString("instId")
        lever = try f.optionalDecimal("lever")
        mgnMode = try f.optionalString("mgnMode")
        posSide = try f.optionalString("posSide").flatMap(PositionSide.init(rawValue:))
    }
}

/// Add to or take from an isolated position's margin.
public enum MarginAdjustmentType: String, Sendable, Hashable, Codable {
    case add
    case reduce
}

/// The reply of `POST /api/v5/account/position/margin-balance`.
public struct MarginAdjustment: OKXDecodable, Hashable {
    public var instId: String?
    public var posSide: PositionSide?
    public var type: MarginAdjustmentType?
    public var amt: Decimal?
    /// Effective leverage after the move.
    public var leverage: Decimal?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        instId = try f.optionalString("instId")
        posSide = try f.optionalString("posSide").flatMap(PositionSide.init(rawValue:))
        type = try f.optionalString("type").flatMap(MarginAdjustmentType.init(rawValue:))
        amt = try f.optionalDecimal("amt")
        leverage = try f.optionalDecimal("leverage")
    }
}

/// One row of `GET /api/v5/account/bills`.
public struct Bill: OKXDecodable, Hashable {
    public var billId: String
    public var instId: String?
    /// 2 trade, 5 liquidation, 6 margin transfer, 8 funding.
    public var type: String?
    /// 160 manual add, 161 manual reduce, 5 close long, 6 close short…
    public var subType: String?
    public var balChg: Decimal?
    public var bal: Decimal?
    public var posBalChg: Decimal?
    public var posBal: Decimal?
    public var sz: Decimal?
    public var px: Decimal?
    public var pnl: Decimal?
    public var fee: Decimal?
    public var ordId: String?
    public var clOrdId: String?
    public var ts: Int64?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        billId = try f.string("billId")
        instId = try f.optionalString("instId")
        type = try f.optionalString("type")
        subType = try f.optionalString("subType")
        balChg = try f.optionalDecimal("balChg")
        bal = try f.optionalDecimal("bal")
        posBalChg = try f.optionalDecimal("posBalChg")
        posBal = try f.optionalDecimal("posBal")
        sz = try f.optionalDecimal("sz")
        px = try f.optionalDecimal("px")
        pnl = try f.optionalDecimal("pnl")
        fee = try f.optionalDecimal("fee")
        ordId = try f.optionalString("ordId")
        clOrdId = try f.optionalString("clOrdId")
        ts = try f.optionalInt64("ts")
    }
}

/// Positions are read for every account every second: their reply objects keep only these fields.
extension Position: FieldFilteredDecodable {
    package static let decodedFields = [
        "instId", "instType", "mgnMode", "posSide", "pos", "availPos", "avgPx", "markPx", "upl", "uplRatio", "lever",
        "margin", "imr", "mmr", "mgnRatio", "liqPx", "notionalUsd", "bePx", "ccy", "posId", "fee", "realizedPnl",
        "cTime", "uTime",
    ]
    package static let dataItemFilter = JSONKeyFilter.dataItems(keeping: decodedFields)
}
