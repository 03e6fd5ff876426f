public import Foundation

/// Buy or sell. In long/short mode: open long = buy, close long = sell, open short = sell, close short = buy.
public enum OrderSide: String, Sendable, Hashable, Codable {
    case buy
    case sell

    /// The side that opens a position betting `direction`: buy for a long, sell for a short.
    public static func opening(_ direction: Direction) -> OrderSide { direction == .short ? .sell : .buy }
    /// The side that reduces a position betting `direction`: sell for a long, buy for a short.
    public static func closing(_ direction: Direction) -> OrderSide { direction == .short ? .buy : .sell }
}

/// A market order for an isolated swap, as `POST /api/v5/trade/order` takes it.
public struct OrderRequest: Sendable, Hashable, Codable {
    public var instId: String
    public var side: OrderSide
    public var posSide: PositionSide
    /// Contracts, already a multiple of the lot size.
    public var size: Decimal
    /// 1–32 letters and digits, fresh for every intent (OKX does not treat it as an idempotency key).
    public var clientOrderId: String
    /// Sent in one-way (net) mode on every order that reduces a position, so that it can never open or flip one;
    /// in long/short mode a closing order is reduce-only by itself and nothing is sent.
    public var reduceOnly: Bool?

    public init(
        instId: String, side: OrderSide, posSide: PositionSide, size: Decimal, clientOrderId: String,
        reduceOnly: Bool? = nil
    ) {
        self.instId = instId
        self.side = side
        self.posSide = posSide
        self.size = size
        self.clientOrderId = clientOrderId
        self.reduceOnly = reduceOnly
    }

    /// True for 1–32 ASCII letters and digits, the only client order ids OKX accepts.
    public static func isValidClientOrderId(_ id: String) -> Bool {
        (1...32).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
            }
    }
}

/// The item of a place-order reply: accepted (not filled) when `sCode` is "0".
public struct OrderAck: OKXDecodable, Hashable {
    public var ordId: String?
    public var clOrdId: String?
    public var tag: String?
    public var ts: Int64?
    public var sCode: String?
    public var sMsg: String?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        ordId = try f.optionalString("ordId")
        clOrdId = try f.optionalString("clOrdId")
        tag = try f.optionalString("tag")
        ts = try f.optionalInt64("ts")
        sCode = try f.optionalString("sCode")
        sMsg = try f.optionalString("sMsg")
    }
}

/// An order's state.
public enum OrderState: Sendable, Hashable {
    case live
    case partiallyFilled
    case filled
    case canceled
    case mmpCanceled
    case other(String)

    public init(_ text: String) {
        switch text {
        case "live": self = .live
        case "partially_filled": self = .partiallyFilled
        case "filled": self = .filled
        case "canceled": self = .canceled
        case "mmp_canceled": self = .mmpCanceled
        default: self = .other(text)
        }
    }

    /// No more fills will come.
    public var isFinal: Bool {
        switch self {
        case .filled, .canceled, .mmpCanceled: true
        case .live, .partiallyFilled, .other: false
        }
    }
}

/// `GET /api/v5/trade/order`.
public struct Order: OKXDecodable, Hashable {
    public var instId: String
    public var ordId: String
    public var clOrdId: String?
    public var state: OrderState
    public var side: OrderSide?
    public var posSide: PositionSide?
    public var ordType: String?
    /// Contracts ordered.
    public var sz: Decimal?
    /// Contracts filled so far.
    public var accFillSz: Decimal?
    public var avgPx: Decimal?
    /// Negative when paid.
    public var fee: Decimal?
    public var pnl: Decimal?
    public var lever: Decimal?
    public var tdMode: String?
    public var reduceOnly: Bool?
    /// `normal`, `full_liquidation`, `partial_liquidation`, `adl`…
    public var category: String?
    public var cTime: Int64?
    public var uTime: Int64?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        instId = try f.string("instId")
        ordId = try f.string("ordId")
        clOrdId = try f.optionalString("clOrdId")
        state = OrderState(try f.string("state"))
        side = try f.optionalString("side").flatMap(OrderSide.init(rawValue:))
        posSide = try f.optionalString("posSide").flatMap(PositionSide.init(rawValue:))
        ordType = try f.optionalString("ordType")
        sz = try f.optionalDecimal("sz")
        accFillSz = try f.optionalDecimal("accFillSz")
        avgPx = try f.optionalDecimal("avgPx")
        fee = try f.optionalDecimal("fee")
        pnl = try f.optionalDecimal("pnl")
        lever = try f.optionalDecimal("lever")
        tdMode = try f.optionalString("tdMode")
        reduceOnly = try f.optionalBool("reduceOnly")
        category = try f.optionalString("category")
        cTime = try f.optionalInt64("cTime")
        uTime = try f.optionalInt64("uTime")
    }
}

/// The reply of `POST /api/v5/trade/close-position` (it carries no ordId).
public struct ClosePositionAck: OKXDecodable, Hashable {
    public var instId: String?
    public var posSide: PositionSide?
    public var clOrdId: String?
    public var tag: String?

    public init(fields f: OKXFields) throws(DecodingFailure) {
        instId = try f.optionalString("instId")
        posSide = try f.optionalString("posSide").flatMap(PositionSide.init(rawValue:))
        clOrdId = try f.optionalString("clOrdId")
        tag = try f.optionalString("tag")
    }
}
