public import AnchorStore
public import Foundation
public import OKX

/// What the poller knows of one account: its last good reading and how the last attempt went.
public struct AccountReading: Sendable, Hashable {
    public var name: String
    public var role: AccountRole
    /// The policy acts on this account's positions.
    public var managed: Bool
    public var balance: Balance?
    public var positions: [Position]
    /// When the last successful read finished.
    public var fetchedAt: Date?
    /// When the balance was last read (the poller reads it less often than the positions).
    public var balanceFetchedAt: Date?
    public var latency: Duration?
    /// Set when the last attempt failed; the last good data is kept.
    public var lastError: String?

    public init(
        name: String, role: AccountRole, managed: Bool? = nil, balance: Balance? = nil, positions: [Position] = [],
        fetchedAt: Date? = nil, latency: Duration? = nil, lastError: String? = nil
    ) {
        self.name = name
        self.role = role
        self.managed = managed ?? AccountConfig.managedByDefault(role)
        self.balance = balance
        self.positions = positions
        self.fetchedAt = fetchedAt
        self.latency = latency
        self.lastError = lastError
        self.balanceFetchedAt = balance != nil ? fetchedAt : nil
    }
}

/// Builds a `Snapshot` from readings. Pure: the same inputs give the same snapshot.
public enum SnapshotBuilder {
    /// An action holding a position, as the snapshot shows it.
    public struct Hold: Sendable, Hashable {
        public var actionId: String
        public var interrupted: Bool

        public init(actionId: String, interrupted: Bool) {
            self.actionId = actionId
            self.interrupted = interrupted
        }
    }

    /// What `build` made for each account, kept by the poller between snapshots: an account not read since the
    /// last one (a large fleet is read in turns) is not made again. Its views are the same unless its reading, its
    /// staleness, the store's counts and holds (the store's version) or the instruments (their load) changed.
    public struct Reuse: Sendable {
        struct Entry: Sendable {
            var fetchedAt: Date?
            var lastError: String?
            var isStale: Bool
            var views: [PositionView]
            var pnl: CurrencyAmounts
        }
        var entries: [String: Entry] = [:]
        var storeVersion: StoreVersion?
        var instrumentsLoad: Int?

        public init() {}
    }

    public static func build(
        generation: Int, now: Date, readings: [AccountReading], instruments: [String: Instrument],
        counts: [PositionKey: Int], holds: [PositionKey: Hold], policy: Policy, staleAfter: TimeInterval,
        pollDuration: Duration? = nil, rateLimitHeadroom: Double = 1, storeVersion: StoreVersion? = nil
    ) -> Snapshot {
        var reuse = Reuse()
        return build(
            generation: generation, now: now, readings: readings, instruments: instruments, instrumentsLoad: nil,
            counts: counts, holds: holds, policy: policy, staleAfter: staleAfter, pollDuration: pollDuration,
            rateLimitHeadroom: rateLimitHeadroom, storeVersion: storeVersion, reuse: &reuse)
    }

    /// As `build`, reusing the views of the accounts that did not change since the snapshot `reuse` was last used
    /// for. `instrumentsLoad` counts the loads of `instruments` (nil: unknown, nothing is reused).
    public static func build(
        generation: Int, now: Date, readings: [AccountReading], instruments: [String: Instrument],
        instrumentsLoad: Int?, counts: [PositionKey: Int], holds: [PositionKey: Hold], policy: Policy,
        staleAfter: TimeInterval, pollDuration: Duration? = nil, rateLimitHeadroom: Double = 1,
        storeVersion: StoreVersion? = nil, reuse: inout Reuse
    ) -> Snapshot {
        var totals = Totals()
        var accounts: [AccountSnapshot] = []
        var views: [PositionView] = []
        // Exactly once: grown by doubling, a thousand accounts' views held half as many again as they needed.
        views.reserveCapacity(readings.reduce(0) { $0 + $1.positions.count })
        accounts.reserveCapacity(readings.count)
        // A band depends only on the maintenance count, and making one rounds twice: once per count, not per position.
        var bands: [Int: MarginBand] = [:]
        let reusable =
            storeVersion != nil && instrumentsLoad != nil && reuse.storeVersion == storeVersion
            && reuse.instrumentsLoad == instrumentsLoad
        if !reusable { reuse.entries.removeAll(keepingCapacity: true) }
        reuse.storeVersion = storeVersion
        reuse.instrumentsLoad = instrumentsLoad
        for reading in readings {
            let isStale =
                reading.lastError != nil || reading.fetchedAt.map { now.timeIntervalSince($0) > staleAfter } ?? true
            let made: [PositionView]
            let pnl: CurrencyAmounts
            if let entry = reuse.entries[reading.name], entry.fetchedAt != nil, entry.fetchedAt == reading.fetchedAt,
                entry.lastError == reading.lastError, entry.isStale == isStale
            {
                made = entry.views
                pnl = entry.pnl
            } else {
                var fresh: [PositionView] = []
                var sum = CurrencyAmounts()
                for position in reading.positions where position.isOpen {
                    let key = PositionKey(account: reading.name, position: position)
                    let instrument = instruments[position.instId]
                    let scope = PositionScope.of(position, instrument: instrument, accountManaged: reading.managed)
                    let count = counts[key] ?? 0
                    var band: MarginBand?
                    if scope.isManaged {
                        band = bands[count] ?? policy.marginBand(forCount: count)
                        bands[count] = band
                    }
                    let view = view(
                        key: key, role: reading.role, position: position, instrument: instrument, scope: scope,
                        count: count, hold: holds[key], isStale: isStale, policy: policy, band: band,
                        readAt: reading.fetchedAt)
                    if let upl = position.upl { sum.add(upl, in: view.currency) }
                    fresh.append(view)
                }
                made = fresh
                pnl = sum
                reuse.entries[reading.name] = Reuse.Entry(
                    fetchedAt: reading.fetchedAt, lastError: reading.lastError, isStale: isStale, views: fresh,
                    pnl: sum)
            }
            accounts.append(
                AccountSnapshot(
                    name: reading.name, role: reading.role, managed: reading.managed,
                    availableBalance: reading.balance?.usdt?.availBal, equity: reading.balance?.usdt?.eq,
                    fetchedAt: reading.fetchedAt, latency: reading.latency, lastError: reading.lastError,
                    isStale: isStale, positionCount: made.count))
            switch reading.role {
            case .main:
                totals.mainPositions += made.count
                for view in made {
                    switch view.direction {
                    case .long: totals.mainLong += 1
                    case .short: totals.mainShort += 1
                    case nil: break
                    }
                }
                totals.mainPnL = totals.mainPnL + pnl
            case .sub:
                totals.subAccounts += 1
                totals.subPositions += made.count
                totals.subPnL = totals.subPnL + pnl
            }
            views += made
        }
        // Interrupted actions whose position is gone (a maintenance that closed and did not reopen) still show.
        if holds.values.contains(where: \.interrupted) {
            let shown = Set(views.map(\.key))
            for (key, hold) in holds.sorted(by: { $0.key < $1.key }) where hold.interrupted && !shown.contains(key) {
                guard let reading = readings.first(where: { $0.name == key.account }) else { continue }
                views.append(ghost(key: key, role: reading.role, hold: hold, count: counts[key] ?? 0, policy: policy))
            }
        }
        return Snapshot(
            generation: generation, takenAt: now, accounts: accounts, positions: views, totals: totals,
            pollDuration: pollDuration, rateLimitHeadroom: rateLimitHeadroom, storeVersion: storeVersion)
    }

    /// One position's view and status. A watched position has no band and no status of the policy's; an action
    /// holding it (an interrupted one, say, on an account since set to `manage = false`) still shows first.
    static func view(
        key: PositionKey, role: AccountRole, position: Position, instrument: Instrument?, scope: PositionScope,
        count: Int, hold: Hold?, isStale: Bool, policy: Policy, band: MarginBand?, readAt: Date? = nil
    ) -> PositionView {
        let metrics = instrument.map {
            PositionMetrics(position: position, instrument: $0, safetyBuffer: policy.safetyBuffer)
        }
        let status: PositionStatus
        if let hold {
            status = hold.interrupted ? .interrupted : .actionRunning
        } else if let reason = scope.watchReason {
            status = .watched(reason)
        } else if instrument == nil {
            status = .error("unknown instrument \(position.instId)")
        } else if position.margin == nil {
            status = .error("OKX sent no margin")
        } else if isStale {
            status = .stale
        } else if policy.isMaintenanceDue(profitRate: position.uplRatio) {
            status = .maintenanceDue
        } else {
            switch (band ?? policy.marginBand(forCount: count)).placement(of: position.margin ?? 0) {
            case .below: status = .belowBand
            case .inside: status = .inBand
            case .above: status = .aboveBand
            }
        }
        return PositionView(
            key: key, role: role, position: position, instrument: instrument, scope: scope, maintenanceCount: count,
            band: band, metrics: metrics, status: status,
            distanceToTrigger: position.uplRatio.map { $0.minus(policy.maintenanceTrigger) }, actionId: hold?.actionId,
            readAt: readAt)
    }

    /// A row for an interrupted action whose position no longer exists on the exchange.
    static func ghost(key: PositionKey, role: AccountRole, hold: Hold, count: Int, policy: Policy) -> PositionView {
        var fields: [String: JSONValue] = [
            "instId": .string(key.instId), "posSide": .string(key.posSide.rawValue), "pos": .string("0"),
            "mgnMode": .string(key.mgnMode.rawValue), "ccy": .string(PositionScope.managedCurrency),
        ]
        fields["posId"] = .string("")
        let position = (try? Position(fields: try OKXFields(.object(fields))))!
        return PositionView(
            key: key, role: role, position: position, instrument: nil, scope: .managed, maintenanceCount: count,
            band: policy.marginBand(forCount: count), metrics: nil, status: .interrupted, distanceToTrigger: nil,
            actionId: hold.actionId)
    }
}
