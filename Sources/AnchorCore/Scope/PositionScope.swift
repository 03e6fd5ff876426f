public import OKX

/// Why a position is shown but never acted on.
public enum WatchReason: Sendable, Hashable {
    /// Its account has `manage = false` (the main account's default).
    case accountNotManaged
    /// Cross margin: the account's equity backs it, there is no margin of its own to correct.
    case cross
    /// A margin mode this client does not know, or none at all.
    case marginMode(String)
    /// A coin-margined (inverse) swap: margin and PnL are in this coin, not USDT.
    case coinMargined(String)
    /// A linear swap that settles in another currency than USDT (e.g. USDC).
    case settleCurrency(String)
    /// Not a perpetual swap (OKX's `instType`).
    case instrumentType(String)
    /// The instrument does not trade now (OKX's `state`: `suspend`, `preopen`…).
    case instrumentState(String)

    /// The reason in a few words, as the status column shows it after `watched:`.
    public var text: String {
        switch self {
        case .accountNotManaged: "account not managed"
        case .cross: "cross"
        case .marginMode(let mode): mode.isEmpty ? "no margin mode" : "margin mode \(mode)"
        case .coinMargined(let coin): "coin-margined (\(coin))"
        case .settleCurrency(let currency): currency
        case .instrumentType(let type): type
        case .instrumentState(let state): state == "suspend" ? "suspended" : state
        }
    }

    /// A stable name for JSON.
    public var name: String {
        switch self {
        case .accountNotManaged: "account_not_managed"
        case .cross: "cross"
        case .marginMode: "margin_mode"
        case .coinMargined: "coin_margined"
        case .settleCurrency: "settle_currency"
        case .instrumentType: "instrument_type"
        case .instrumentState: "instrument_state"
        }
    }
}

/// Whether the policy may act on a position.
public enum PositionScope: Sendable, Hashable {
    /// Isolated margin, a USDT-margined linear swap that trades, on a managed account: planned, corrected,
    /// maintained, handed to the autopilot.
    case managed
    /// Shown, totalled in its own currency, never planned and never touched.
    case watched(WatchReason)

    /// The one rule, used by the snapshot, the planner, the runner, the autopilot, the keys and the command line:
    /// money-moving code acts only on isolated, USDT-margined linear swaps of managed accounts.
    ///
    /// The position's own shape is judged first (it says the most about it); the account's `manage` last. Without
    /// the instrument, the position's own `ccy` still tells its margin currency; what needs the instrument (lot
    /// sizes) is refused later by the planner with its own reason.
    public static func of(_ position: Position, instrument: Instrument?, accountManaged: Bool) -> PositionScope {
        if let type = position.instType, !type.isEmpty, type != "SWAP" { return .watched(.instrumentType(type)) }
        switch position.marginMode {
        case .isolated: break
        case .cross: return .watched(.cross)
        default: return .watched(.marginMode(position.mgnMode))
        }
        if let instrument, instrument.isInverse {
            return .watched(.coinMargined(instrument.settleCcy ?? position.ccy ?? "coin"))
        }
        let settle = position.ccy ?? instrument?.settleCcy ?? managedCurrency
        if settle != managedCurrency {
            let isCoin = !Format.isDollar(settle) && instrument == nil
            return .watched(isCoin ? .coinMargined(settle) : .settleCurrency(settle))
        }
        if let instrument, let settleCcy = instrument.settleCcy, settleCcy != managedCurrency {
            return .watched(.settleCurrency(settleCcy))
        }
        if let instrument, !instrument.isLive { return .watched(.instrumentState(instrument.state)) }
        return accountManaged ? .managed : .watched(.accountNotManaged)
    }

    /// The currency every amount of a managed position is in.
    public static let managedCurrency = "USDT"

    public var isManaged: Bool { self == .managed }

    /// The reason it is watched, if it is.
    public var watchReason: WatchReason? {
        if case .watched(let reason) = self { return reason }
        return nil
    }
}
