public import AnchorStore
public import Foundation
public import OKX

/// What the dashboard shows for a position, in the order it matters.
public enum PositionStatus: Sendable, Hashable {
    case inBand
    case aboveBand
    case belowBand
    /// The profit rate has reached the maintenance trigger.
    case maintenanceDue
    /// An action is running on it now.
    case actionRunning
    /// An action stopped part-way and waits for the trader (resume or abandon).
    case interrupted
    /// The account's data is old: its last poll failed or is late.
    case stale
    /// The position cannot be judged (unknown instrument, missing fields).
    case error(String)
    /// Outside the policy's scope: shown, never acted on, with why.
    case watched(WatchReason)

    /// A short stable name (JSON, tests).
    public var name: String {
        switch self {
        case .inBand: "in_band"
        case .aboveBand: "above_band"
        case .belowBand: "below_band"
        case .maintenanceDue: "maintenance_due"
        case .actionRunning: "action_running"
        case .interrupted: "interrupted"
        case .stale: "stale"
        case .error: "error"
        case .watched: "watched"
        }
    }

    /// Why the position is only watched, if it is.
    public var watchReason: WatchReason? {
        if case .watched(let reason) = self { return reason }
        return nil
    }
}

/// One position with everything derived from it.
public struct PositionView: Sendable, Hashable, Identifiable {
    /// The fields, shared by every copy until one of them is changed. A snapshot's views are copied into the
    /// poller's cache, the snapshot, the screen's state and its table (3,000 of them at a thousand accounts, every
    /// poll); as a struct of a dozen references each copy cost a dozen retains, which was the largest part of an
    /// idle dashboard's CPU at that size.
    struct Fields: Sendable, Hashable {
        var key: PositionKey
        var role: AccountRole
        var position: Position
        var instrument: Instrument?
        var scope: PositionScope
        var maintenanceCount: Int
        var band: MarginBand?
        var metrics: PositionMetrics?
        var status: PositionStatus
        var distanceToTrigger: Decimal?
        var actionId: String?
        var readAt: Date?
    }

    /// Changed only while uniquely referenced (see `change`), so sharing one between threads is safe.
    final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    init(
        key: PositionKey, role: AccountRole, position: Position, instrument: Instrument?, scope: PositionScope,
        maintenanceCount: Int, band: MarginBand?, metrics: PositionMetrics?, status: PositionStatus,
        distanceToTrigger: Decimal?, actionId: String?, readAt: Date? = nil
    ) {
        storage = Storage(
            Fields(
                key: key, role: role, position: position, instrument: instrument, scope: scope,
                maintenanceCount: maintenanceCount, band: band, metrics: metrics, status: status,
                distanceToTrigger: distanceToTrigger, actionId: actionId, readAt: readAt))
    }

    private mutating func change(_ body: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        body(&storage.fields)
    }

    public static func == (a: PositionView, b: PositionView) -> Bool {
        a.storage === b.storage || a.storage.fields == b.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

    public var key: PositionKey {
        get { storage.fields.key }
        set { change { $0.key = newValue } }
    }
    public var role: AccountRole {
        get { storage.fields.role }
        set { change { $0.role = newValue } }
    }
    public var position: Position {
        get { storage.fields.position }
        set { change { $0.position = newValue } }
    }
    public var instrument: Instrument? {
        get { storage.fields.instrument }
        set { change { $0.instrument = newValue } }
    }
    /// Whether the policy may act on it, and if not, why.
    public var scope: PositionScope {
        get { storage.fields.scope }
        set { change { $0.scope = newValue } }
    }
    public var maintenanceCount: Int {
        get { storage.fields.maintenanceCount }
        set { change { $0.maintenanceCount = newValue } }
    }
    /// The margin band for its maintenance count; nil for a watched position (the policy sets no band for it).
    public var band: MarginBand? {
        get { storage.fields.band }
        set { change { $0.band = newValue } }
    }
    public var metrics: PositionMetrics? {
        get { storage.fields.metrics }
        set { change { $0.metrics = newValue } }
    }
    public var status: PositionStatus {
        get { storage.fields.status }
        set { change { $0.status = newValue } }
    }
    /// Profit rate minus the trigger: how far the position is from maintenance (negative: past it).
    public var distanceToTrigger: Decimal? {
        get { storage.fields.distanceToTrigger }
        set { change { $0.distanceToTrigger = newValue } }
    }
    /// The action holding this position, if any.
    public var actionId: String? {
        get { storage.fields.actionId }
        set { change { $0.actionId = newValue } }
    }
    /// When its account was read (the same for every view made from one reading); nil for a row kept for an
    /// interrupted action. A view with the same `readAt`, status, count and band as another of the same position is
    /// the same view: the screen keeps that row's texts.
    public var readAt: Date? {
        get { storage.fields.readAt }
        set { change { $0.readAt = newValue } }
    }

    public var id: PositionKey { key }
    public var margin: Decimal { position.margin ?? 0 }
    public var size: Decimal { position.pos.absoluteValue }
    public var profitRate: Decimal? { position.uplRatio }
    /// In `notionalCurrency`.
    public var notional: Decimal { metrics?.notional ?? position.notionalUsd ?? 0 }
    /// Which way it bets (long/short), in either position mode.
    public var direction: Direction? { position.direction }
    /// The currency of its margin, PnL and fees: USDT for a managed position, USDC, or the coin of an inverse swap.
    public var currency: String { position.ccy ?? instrument?.settleCcy ?? PositionScope.managedCurrency }
    /// The currency its notional is counted in: the quote currency of a linear swap, USD for an inverse one.
    public var notionalCurrency: String {
        if metrics == nil, position.notionalUsd != nil { return "USD" }
        if instrument?.isInverse == true { return "USD" }
        return instrument?.settleCcy ?? position.ccy ?? PositionScope.managedCurrency
    }
    /// The policy may act on it.
    public var isManaged: Bool { scope.isManaged }
}

/// One account at the last poll.
public struct AccountSnapshot: Sendable, Hashable {
    public var name: String
    public var role: AccountRole
    /// The policy acts on its positions (`[[accounts]] manage`).
    public var managed: Bool
    /// USDT available to trade.
    public var availableBalance: Decimal?
    /// USDT equity.
    public var equity: Decimal?
    /// When this account was last read successfully.
    public var fetchedAt: Date?
    /// How long the last read took.
    public var latency: Duration?
    /// The last error, if the last read failed.
    public var lastError: String?
    public var isStale: Bool
    public var positionCount: Int
}

/// Amounts in several currencies, never added across them: a USDT total never holds BTC.
public struct CurrencyAmounts: Sendable, Hashable {
    /// By currency code.
    public private(set) var amounts: [String: Decimal] = [:]

    public init(_ amounts: [String: Decimal] = [:]) {
        self.amounts = amounts
    }

    /// The amount in one currency (0 when there is none).
    public subscript(_ currency: String) -> Decimal { amounts[currency] ?? 0 }

    /// Adds `value` in `currency`.
    public mutating func add(_ value: Decimal, in currency: String) {
        amounts[currency] = (amounts[currency] ?? 0).plus(value)
    }

    /// Both sets, currency by currency.
    public static func + (a: CurrencyAmounts, b: CurrencyAmounts) -> CurrencyAmounts {
        var sum = a
        for (currency, value) in b.amounts { sum.add(value, in: currency) }
        return sum
    }

    /// USDT first (the policy's currency), then USDC, then the rest by name.
    public var ordered: [(currency: String, amount: Decimal)] {
        amounts.sorted { a, b in
            let rank = { (code: String) in code == "USDT" ? 0 : code == "USDC" ? 1 : 2 }
            return (rank(a.key), a.key) < (rank(b.key), b.key)
        }.map { ($0.key, $0.value) }
    }

    /// The USDT amount.
    public var usdt: Decimal { self[PositionScope.managedCurrency] }
}

/// The totals at the top of the screen. PnL is kept per currency (a coin-margined position's PnL is in its coin).
public struct Totals: Sendable, Hashable {
    public var mainPositions = 0
    public var mainLong = 0
    public var mainShort = 0
    public var mainPnL = CurrencyAmounts()
    public var subAccounts = 0
    public var subPositions = 0
    public var subPnL = CurrencyAmounts()
    public var combinedPnL: CurrencyAmounts { mainPnL + subPnL }

    public init() {}
}

/// Everything known at one moment: the one thing the screen draws from.
public struct Snapshot: Sendable, Hashable {
    /// Increases with every snapshot published.
    public var generation: Int
    public var takenAt: Date
    public var accounts: [AccountSnapshot]
    public var positions: [PositionView]
    public var totals: Totals
    /// Wall time of the last poll.
    public var pollDuration: Duration?
    /// Seconds in which every account is read once, when the fleet is larger than a poll's budget of reads and is
    /// read in turns; nil when every poll reads every account.
    public var turnSeconds: Double?
    /// Share of the tightest rate limit still free, 0…1.
    public var rateLimitHeadroom: Double
    /// The store's version just before its counts and actions were read for this snapshot (nil when unknown): a
    /// reader of the store that has seen this version has nothing newer to read.
    public var storeVersion: StoreVersion?
    /// Why the maintenance counts and the journal could not be read for this snapshot (its counts and holds are
    /// then the last ones read, or none): nothing may act on it until the store reads again.
    public var storeError: String?
    /// Alerts not delivered and channels failing (issue 15), filled in by the dashboard's backend when the config
    /// has `[[notify]]` channels; nil otherwise.
    public var alerts: AlertHealth?

    public init(
        generation: Int, takenAt: Date, accounts: [AccountSnapshot], positions: [PositionView], totals: Totals,
        pollDuration: Duration?, rateLimitHeadroom: Double, storeVersion: StoreVersion? = nil
    ) {
        self.generation = generation
        self.takenAt = takenAt
        self.accounts = accounts
        self.positions = positions
        self.totals = totals
        self.pollDuration = pollDuration
        self.rateLimitHeadroom = rateLimitHeadroom
        self.storeVersion = storeVersion
    }

    /// An empty snapshot, before the first poll.
    public static let empty = Snapshot(
        generation: 0, takenAt: .distantPast, accounts: [], positions: [], totals: Totals(), pollDuration: nil,
        rateLimitHeadroom: 1)

    /// The view of one position.
    public func position(_ key: PositionKey) -> PositionView? { positions.first { $0.key == key } }

    public var liveAccounts: Int { accounts.filter { !$0.isStale }.count }
    public var staleAccounts: Int { accounts.filter(\.isStale).count }
}
