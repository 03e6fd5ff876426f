public import AnchorStore
public import Foundation
public import OKX

/// What the poller knows of one account: its last good reading and how the last attempt went.
public struct AccountReading: Sendable, Hashable {
    public var name: String
    public var role: AccountRole
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
        name: String, role: AccountRole, balance: Balance? = nil, positions: [Position] = [], fetchedAt: Date? = nil,
        latency: Duration? = nil, lastError: String? = nil
    ) {
        self.name = name
        self.role = role
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

    public static func build(
        generation: Int, now: Date, readings: [AccountReading], instruments: [String: Instrument],
        counts: [PositionKey: Int], holds: [PositionKey: Hold], policy: Policy, staleAfter: TimeInterval,
        pollDuration: Duration? = nil, rateLimitHeadroom: Double = 1, storeVersion: StoreVersion? = nil
    ) -> Snapshot {
        var totals = Totals()
        var accounts: [AccountSnapshot] = []
        var views: [PositionView] = []
        // A band depends only on the maintenance count, and making one rounds twice: once per count, not per position.
        var bands: [Int: MarginBand] = [:]
        for reading in readings {
            let isStale =
                reading.lastError != nil || reading.fetchedAt.map { now.timeIntervalSince($0) > staleAfter } ?? true
            let open = reading.positions.filter(\.isOpen)
            accounts.append(
                AccountSnapshot(
                    name: reading.name, role: reading.role, availableBalance: reading.balance?.usdt?.availBal,
                    equity: reading.balance?.usdt?.eq, fetchedAt: reading.fetchedAt, latency: reading.latency,
                    lastError: reading.lastError, isStale: isStale, positionCount: open.count))
            switch reading.role {
            case .main:
                totals.mainPositions += open.count
                totals.mainLong += open.filter { $0.posSide == .long || ($0.posSide == .net && $0.pos > 0) }.count
                totals.mainShort += open.filter { $0.posSide == .short || ($0.posSide == .net && $0.pos < 0) }.count
                totals.mainPnL = open.reduce(totals.mainPnL) { $0.plus($1.upl ?? 0) }
            case .sub:
                totals.subAccounts += 1
                totals.subPositions += open.count
                totals.subPnL = open.reduce(totals.subPnL) { $0.plus($1.upl ?? 0) }
            }
            for position in open {
                let key = PositionKey(account: reading.name, instId: position.instId, posSide: position.posSide)
                let count = counts[key] ?? 0
                let band = bands[count] ?? policy.marginBand(forCount: count)
                bands[count] = band
                views.append(
                    view(
                        key: key, role: reading.role, position: position, instrument: instruments[position.instId],
                        count: count, hold: holds[key], isStale: isStale, policy: policy, band: band))
            }
        }
        // Interrupted actions whose position is gone (a maintenance that closed and did not reopen) still show.
        let shown = Set(views.map(\.key))
        for (key, hold) in holds.sorted(by: { $0.key < $1.key }) where hold.interrupted && !shown.contains(key) {
            guard let reading = readings.first(where: { $0.name == key.account }) else { continue }
            views.append(ghost(key: key, role: reading.role, hold: hold, count: counts[key] ?? 0, policy: policy))
        }
        return Snapshot(
            generation: generation, takenAt: now, accounts: accounts, positions: views, totals: totals,
            pollDuration: pollDuration, rateLimitHeadroom: rateLimitHeadroom, storeVersion: storeVersion)
    }

    /// One position's view and status.
    static func view(
        key: PositionKey, role: AccountRole, position: Position, instrument: Instrument?, count: Int, hold: Hold?,
        isStale: Bool, policy: Policy, band: MarginBand? = nil
    ) -> PositionView {
        let band = band ?? policy.marginBand(forCount: count)
        let metrics = instrument.map {
            PositionMetrics(position: position, instrument: $0, safetyBuffer: policy.safetyBuffer)
        }
        let status: PositionStatus
        if let hold {
            status = hold.interrupted ? .interrupted : .actionRunning
        } else if position.mgnMode != "isolated" {
            status = .error("not isolated margin (\(position.mgnMode))")
        } else if instrument == nil {
            status = .error("unknown instrument \(position.instId)")
        } else if position.margin == nil {
            status = .error("OKX sent no margin")
        } else if isStale {
            status = .stale
        } else if policy.isMaintenanceDue(profitRate: position.uplRatio) {
            status = .maintenanceDue
        } else {
            switch band.placement(of: position.margin ?? 0) {
            case .below: status = .belowBand
            case .inside: status = .inBand
            case .above: status = .aboveBand
            }
        }
        return PositionView(
            key: key, role: role, position: position, instrument: instrument, maintenanceCount: count, band: band,
            metrics: metrics, status: status,
            distanceToTrigger: position.uplRatio.map { $0.minus(policy.maintenanceTrigger) }, actionId: hold?.actionId)
    }

    /// A row for an interrupted action whose position no longer exists on the exchange.
    static func ghost(key: PositionKey, role: AccountRole, hold: Hold, count: Int, policy: Policy) -> PositionView {
        var fields: [String: JSONValue] = [
            "instId": .string(key.instId), "posSide": .string(key.posSide.rawValue), "pos": .string("0"),
            "mgnMode": .string("isolated"),
        ]
        fields["posId"] = .string("")
        let position = (try? Position(fields: try OKXFields(.object(fields))))!
        return PositionView(
            key: key, role: role, position: position, instrument: nil, maintenanceCount: count,
            band: policy.marginBand(forCount: count), metrics: nil, status: .interrupted, distanceToTrigger: nil,
            actionId: hold.actionId)
    }
}
