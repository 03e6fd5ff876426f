/// How an account holds positions (`posMode` of `GET /account/config`, changed by `set-position-mode`).
///
/// The four small enums here are the account and instrument settings OKX's replies name by string; they live
/// together because each is only a name for one of OKX's wire values.
package enum PositionMode: String, Sendable, Equatable, Hashable {
    /// Long and short sides at once: every SWAP order, leverage and margin call names `long` or `short`.
    case longShort = "long_short_mode"
    /// One-way: one signed position per instrument and margin mode, posSide `net`.
    case net = "net_mode"
}

/// Isolated or cross margin (`mgnMode` of a position, `tdMode` of an order).
package enum MarginMode: String, Sendable, Equatable, Hashable, Comparable {
    /// The position holds its own collateral (`margin`).
    case isolated
    /// The position draws on the account's equity in its settlement currency (`imr`).
    case cross

    /// Isolated first, for a stable order of watch entries.
    package static func < (a: MarginMode, b: MarginMode) -> Bool { a == .isolated && b == .cross }
}

/// Linear (settled in the quote currency) or inverse (coin-margined, settled in the base coin) swaps.
package enum ContractType: String, Sendable, Equatable, Hashable {
    /// e.g. BTC-USDT-SWAP: ctVal in BTC, margin and pnl in USDT.
    case linear
    /// e.g. BTC-USD-SWAP: ctVal in USD, margin and pnl in BTC.
    case inverse
}

/// Which OKX environment an API key belongs to: OKX refuses a live key on demo trading and the other way round
/// (50101). `any` is the paper exchange's lenient default, so existing configs work with or without the header.
package enum KeyEnvironment: String, Sendable, Equatable, Hashable {
    /// Accepts live requests (no header, or `x-simulated-trading: 0`) and demo ones (`1`).
    case any
    /// A live key: a request with `x-simulated-trading: 1` is refused with 50101.
    case live
    /// A demo-trading key: a request without the header, or with `0`, is refused with 50101.
    case demo
}
