public import AnchorCore
public import AnchorStore
public import Foundation
import OKX

/// Where a profit rate stands against the maintenance trigger, which decides its colour.
public enum RateLevel: Sendable, Hashable {
    /// At or above zero.
    case profit
    /// Below zero, well above the trigger.
    case loss
    /// Within two percentage points above the trigger.
    case near
    /// At or past the trigger.
    case past
    /// OKX sent no profit rate.
    case unknown
}

/// One row of the positions table, its text made once per snapshot so a frame only lays out what it shows.
public struct TableRow: Sendable, Hashable {
    /// How close above the trigger a profit rate counts as near it.
    static let nearTrigger = Decimal(string: "0.02")!

    /// The position.
    public var key: PositionKey
    /// The account's role.
    public var role: AccountRole
    /// The instrument without `-SWAP`, for narrow tables.
    public var instrumentShort: String
    /// Contracts.
    public var size: String
    /// USDT at the mark.
    public var notional: String
    /// USDT of margin.
    public var margin: String
    /// The target band, `lower–upper`.
    public var band: String
    /// Where the margin sits against its band.
    public var placement: MarginBand.Placement?
    /// The profit rate as a percentage.
    public var rate: String
    /// How the profit rate stands against the trigger.
    public var rateLevel: RateLevel
    /// The maintenance count.
    public var count: String
    /// Leverage, `10x`.
    public var leverage: String
    /// Distance to liquidation as a percentage of the mark.
    public var liquidation: String
    /// The engine's status.
    public var status: PositionStatus
    /// For sorting.
    var profitRate: Decimal?
    /// |margin − target| and the target: the off-target share is their quotient, compared without dividing.
    var offTargetDistance: Decimal
    var marginTarget: Decimal
    var maintenanceCount: Int
    /// What the slowly changing texts were made from, so the next snapshot can keep them.
    var source: StableSource
    /// Lowercased account and instrument, for the filter.
    var searchText: String

    /// The inputs of the texts that rarely change between polls (size, margin, band, leverage): a poll moves every
    /// mark, but these stay, and formatting them again for every position every second was measurable idle work.
    struct StableSource: Sendable, Hashable {
        var size: Decimal
        var margin: Decimal?
        var band: MarginBand
        var leverage: Decimal?
    }

    /// Formats one position, keeping the texts of `previous` (the same position's row from the last snapshot)
    /// whose inputs have not changed.
    public init(_ view: PositionView, trigger: Decimal, previous: TableRow? = nil) {
        key = view.key
        role = view.role
        let open = view.size != 0
        source = StableSource(
            size: view.size, margin: view.position.margin, band: view.band, leverage: view.position.lever)
        if let previous, previous.source == source, previous.key == key {
            instrumentShort = previous.instrumentShort
            size = previous.size
            margin = previous.margin
            band = previous.band
            placement = previous.placement
            leverage = previous.leverage
            searchText = previous.searchText
        } else {
            instrumentShort = view.key.instId.hasSuffix("-SWAP") ? String(view.key.instId.dropLast(5)) : view.key.instId
            size = open ? "\(view.size)" : "-"
            margin = view.position.margin.map(Format.usdt) ?? "-"
            band = "\(Format.usdt(view.band.lower))–\(Format.usdt(view.band.upper))"
            placement = view.position.margin.map { view.band.placement(of: $0) }
            leverage = view.position.lever.map { "\($0)x" } ?? "-"
            searchText = (view.key.account + " " + view.key.instId).lowercased()
        }
        notional = open ? Format.usdt(view.notional) : "-"
        profitRate = view.profitRate
        if let rate = view.profitRate {
            self.rate = Format.percent(rate)
            if rate <= trigger {
                rateLevel = .past
            } else if rate.minus(trigger) < Self.nearTrigger {
                rateLevel = .near
            } else {
                rateLevel = rate >= 0 ? .profit : .loss
            }
        } else {
            self.rate = "-"
            rateLevel = .unknown
        }
        count = "\(view.maintenanceCount)"
        liquidation = view.metrics?.liquidationDistance.map(Format.percent) ?? "-"
        status = view.status
        maintenanceCount = view.maintenanceCount
        marginTarget = view.band.target
        offTargetDistance = marginTarget > 0 ? view.margin.minus(marginTarget).absoluteValue : view.margin
    }

    /// This row's and `other`'s off-target shares, cross-multiplied so they compare as the shares do
    /// (a/b > c/d ⇔ a·d > c·b for positive b, d): decimal division is slow and sorting compares each row many times.
    /// A row without a target counts its margin, as if the target were 1.
    func offTargetShares(versus other: TableRow) -> (mine: Decimal, theirs: Decimal) {
        let mine = marginTarget > 0 ? marginTarget : 1
        let theirs = other.marginTarget > 0 ? other.marginTarget : 1
        return (offTargetDistance.times(theirs), other.offTargetDistance.times(mine))
    }
}

/// The rows shown: every position of the snapshot formatted once, then filtered and sorted on demand.
public struct TableModel: Sendable {
    /// Every position of the snapshot, formatted, in snapshot order.
    public private(set) var allRows: [TableRow] = []
    /// The rows shown, in order.
    public private(set) var rows: [TableRow] = []
    private var indexByKey: [PositionKey: Int] = [:]

    /// An empty table.
    public init() {}

    /// Formats every position of `snapshot`, then filters and sorts. Texts that did not change since `previous`
    /// (the table of the last snapshot) are kept rather than formatted again.
    public init(snapshot: Snapshot, trigger: Decimal, filter: String, sort: PositionSort, previous: TableModel? = nil) {
        if let previous, !previous.allRows.isEmpty {
            let earlier = Dictionary(previous.allRows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            allRows = snapshot.positions.map { TableRow($0, trigger: trigger, previous: earlier[$0.key]) }
        } else {
            allRows = snapshot.positions.map { TableRow($0, trigger: trigger) }
        }
        arrange(filter: filter, sort: sort)
    }

    /// Filters and sorts again without formatting anything.
    public mutating func arrange(filter: String, sort: PositionSort) {
        let terms = filter.lowercased().split(separator: " ").map(String.init)
        var shown = terms.isEmpty ? allRows : allRows.filter { row in terms.allSatisfy { row.searchText.contains($0) } }
        shown.sort(by: Self.ordering(sort))
        rows = shown
        indexByKey = Dictionary(uniqueKeysWithValues: shown.enumerated().map { ($0.element.key, $0.offset) })
    }

    /// Where a position is among the rows shown.
    public func index(of key: PositionKey) -> Int? { indexByKey[key] }

    /// The number of positions before filtering.
    public var totalCount: Int { allRows.count }

    private static func ordering(_ sort: PositionSort) -> (TableRow, TableRow) -> Bool {
        let byAccount: (TableRow, TableRow) -> Bool = { a, b in
            if a.role != b.role { return a.role == .main }
            return a.key < b.key
        }
        switch sort {
        case .account:
            return byAccount
        case .profitRate:
            return { a, b in
                switch (a.profitRate, b.profitRate) {
                case let (x?, y?) where x != y: return x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return byAccount(a, b)
                }
            }
        case .marginOffTarget:
            return { a, b in
                let shares = a.offTargetShares(versus: b)
                return shares.mine != shares.theirs ? shares.mine > shares.theirs : byAccount(a, b)
            }
        case .maintenanceCount:
            return { a, b in
                a.maintenanceCount != b.maintenanceCount ? a.maintenanceCount > b.maintenanceCount : byAccount(a, b)
            }
        }
    }
}
