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
    /// Which way it bets, one-way positions marked.
    public var side: String
    /// Contracts.
    public var size: String
    /// USDT at the mark.
    public var notional: String
    /// Margin, in the position's currency ("-" for a cross position, which has none of its own).
    public var margin: String
    /// The target band, `lower–upper`; "-" for a watched position.
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
    /// When the position's account was read, and the language of the texts: a view of the same reading, status,
    /// count and band makes this very row again.
    var readAt: Date?
    var language: Language

    /// The inputs of the texts that rarely change between polls (size, margin, band, leverage): a poll moves every
    /// mark, but these stay, and formatting them again for every position every second was measurable idle work.
    struct StableSource: Sendable, Hashable {
        var size: Decimal
        var margin: Decimal?
        var band: MarginBand?
        var leverage: Decimal?
        var direction: Direction?
    }

    /// Formats one position, keeping the texts of `previous` (the same position's row from the last snapshot)
    /// whose inputs have not changed.
    public init(_ view: PositionView, trigger: Decimal, language: Language = .en, previous: TableRow? = nil) {
        // An account not read since the last snapshot (a large fleet is read in turns) keeps its rows whole.
        if let previous, previous.isMade(from: view, language: language) {
            self = previous
            return
        }
        let strings = Strings(language)
        self.language = language
        readAt = view.readAt
        key = view.key
        role = view.role
        let open = view.size != 0
        source = StableSource(
            size: view.size, margin: view.position.margin, band: view.band, leverage: view.position.lever,
            direction: view.direction)
        if let previous, previous.source == source, previous.key == key, previous.language == language {
            instrumentShort = previous.instrumentShort
            side = previous.side
            size = previous.size
            margin = previous.margin
            band = previous.band
            placement = previous.placement
            leverage = previous.leverage
            searchText = previous.searchText
        } else {
            instrumentShort = view.key.instId.hasSuffix("-SWAP") ? String(view.key.instId.dropLast(5)) : view.key.instId
            side =
                view.size == 0
                ? strings.side(view.key.posSide) : strings.direction(view.direction, oneWay: view.position.isOneWay)
            size = open ? "\(view.size)" : "-"
            let currency = view.currency
            margin = view.position.margin.map { Format.amount($0, currency: currency) } ?? "-"
            band = view.band.map { "\(Format.usdt($0.lower))–\(Format.usdt($0.upper))" } ?? "-"
            placement = view.band.flatMap { band in view.position.margin.map { band.placement(of: $0) } }
            leverage = view.position.lever.map { "\($0)x" } ?? "-"
            searchText = (view.key.account + " " + view.key.instId).lowercased()
        }
        notional = open ? Format.amount(view.notional, currency: view.notionalCurrency) : "-"
        profitRate = view.profitRate
        if let rate = view.profitRate {
            self.rate = Format.percent(rate)
            if rate.isAtMost(trigger) {
                rateLevel = .past
            } else if rate.minus(trigger).isBelow(Self.nearTrigger) {
                rateLevel = .near
            } else {
                rateLevel = rate.isAtLeast(0) ? .profit : .loss
            }
        } else {
            self.rate = "-"
            rateLevel = .unknown
        }
        count = "\(view.maintenanceCount)"
        liquidation = view.metrics?.liquidationDistance.map(Format.percent) ?? "-"
        status = view.status
        maintenanceCount = view.maintenanceCount
        // A watched position has no target: it is never off it, and sorts after every managed one.
        marginTarget = view.band?.target ?? 0
        offTargetDistance =
            view.band == nil ? 0 : marginTarget.isAbove(0) ? view.margin.minus(marginTarget).absoluteValue : view.margin
    }

    /// This row was made from `view`'s very reading (same status, count and band), in `language`: making it again
    /// would give the same row.
    func isMade(from view: PositionView, language: Language) -> Bool {
        guard let readAt = view.readAt, self.readAt == readAt else { return false }
        return key == view.key && self.language == language && status == view.status
            && maintenanceCount == view.maintenanceCount && source.band == view.band
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

/// The rows a table shows, in order: the table's rows picked by index, so a sort or a filter copies no row.
public struct ShownRows: RandomAccessCollection, Sendable {
    let all: [TableRow]
    let order: [Int]

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }
    public subscript(position: Int) -> TableRow { all[order[position]] }
}

/// The rows shown: every position of the snapshot formatted once, then filtered and sorted on demand.
public struct TableModel: Sendable {
    /// Every position of the snapshot, formatted, in snapshot order.
    public private(set) var allRows: [TableRow] = []
    /// The rows shown, in order.
    public private(set) var rows = ShownRows(all: [], order: [])
    /// Each row's index in `allRows` by key (the first, should a key come twice), kept while the keys stay.
    private var allIndexByKey: [PositionKey: Int] = [:]
    /// Each row's place among the rows shown, by index in `allRows`; -1 when filtered out.
    private var placeByRow: [Int] = []
    /// Each row's place in account order (main first, then by key), by index in `allRows`: the tie-break of every
    /// sort. The set of positions rarely changes between polls, so it is kept while the keys are the same.
    private var accountRank: [Int] = []

    /// An empty table.
    public init() {}

    /// Formats every position of `snapshot`, then filters and sorts. Texts that did not change since `previous`
    /// (the table of the last snapshot) are kept rather than formatted again.
    public init(
        snapshot: Snapshot, trigger: Decimal, filter: String, sort: PositionSort, language: Language = .en,
        previous: TableModel? = nil
    ) {
        if let previous, !previous.allRows.isEmpty {
            if previous.allRows.count == snapshot.positions.count,
                zip(previous.allRows, snapshot.positions).allSatisfy({
                    $0.key == $1.key && ($0.status.watchReason == nil) == ($1.status.watchReason == nil)
                })
            {
                allRows = zip(snapshot.positions, previous.allRows).map {
                    TableRow($0, trigger: trigger, language: language, previous: $1)
                }
                accountRank = previous.accountRank
                allIndexByKey = previous.allIndexByKey
            } else {
                let earlier = Dictionary(previous.allRows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
                allRows = snapshot.positions.map {
                    TableRow($0, trigger: trigger, language: language, previous: earlier[$0.key])
                }
            }
        } else {
            allRows = snapshot.positions.map { TableRow($0, trigger: trigger, language: language) }
        }
        if accountRank.count != allRows.count {
            accountRank = Self.accountRanks(allRows)
        }
        if allIndexByKey.isEmpty && !allRows.isEmpty {
            allIndexByKey = Dictionary(
                allRows.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { first, _ in first })
        }
        arrange(filter: filter, sort: sort)
    }

    /// Folds `snapshot` into this table in place: when it has the same positions in the same order, only the rows
    /// of positions read again (or whose status, count or band changed) are made again, and no other row is copied
    /// (a thousand accounts read in turns change a twentieth of their rows a poll); otherwise as `init(snapshot:…)`
    /// with this table as the previous one.
    public mutating func fold(
        _ snapshot: Snapshot, trigger: Decimal, filter: String, sort: PositionSort, language: Language = .en
    ) {
        let positions = snapshot.positions
        guard !allRows.isEmpty, allRows.count == positions.count,
            zip(allRows, positions).allSatisfy({
                $0.key == $1.key && ($0.status.watchReason == nil) == ($1.status.watchReason == nil)
            })
        else {
            self = TableModel(
                snapshot: snapshot, trigger: trigger, filter: filter, sort: sort, language: language, previous: self)
            return
        }
        // The shown rows hold the rows too: let go of them first, so the rows below change in place.
        rows = ShownRows(all: [], order: [])
        for index in allRows.indices where !allRows[index].isMade(from: positions[index], language: language) {
            allRows[index] = TableRow(positions[index], trigger: trigger, language: language, previous: allRows[index])
        }
        arrange(filter: filter, sort: sort)
    }

    /// Filters and sorts again without formatting anything.
    ///
    /// Sorts the rows' indices, not the rows (each holds a dozen strings), on keys made once per row: the account
    /// rank, the maintenance count, and the profit rate and off-target share as `Double`s. Two `Double`s that are not
    /// clearly apart are compared again exactly in `Decimal`, so the order is the exact one.
    public mutating func arrange(filter: String, sort: PositionSort) {
        let terms = filter.lowercased().split(separator: " ").map(String.init)
        var shown = Array(allRows.indices)
        if !terms.isEmpty {
            shown = shown.filter { index in terms.allSatisfy { allRows[index].searchText.contains($0) } }
        }
        let rank = accountRank
        let rows = allRows
        switch sort {
        case .account:
            shown.sort { rank[$0] < rank[$1] }
        case .profitRate:
            let approximate = rows.map { $0.profitRate.map(Self.approximate) }
            shown.sort { a, b in
                switch (approximate[a], approximate[b]) {
                case let (x?, y?):
                    if let order = Self.clearOrder(x, y) { return order }
                    let (exactX, exactY) = (rows[a].profitRate!, rows[b].profitRate!)
                    return exactX != exactY ? exactX.isBelow(exactY) : rank[a] < rank[b]
                case (nil, _?): return false
                case (_?, nil): return true
                case (nil, nil): return rank[a] < rank[b]
                }
            }
        case .marginOffTarget:
            let share = rows.map { row in
                Self.approximate(row.offTargetDistance)
                    / Self.approximate(row.marginTarget.isAbove(0) ? row.marginTarget : 1)
            }
            shown.sort { a, b in
                if let order = Self.clearOrder(share[b], share[a]) { return order }
                let shares = rows[a].offTargetShares(versus: rows[b])
                return shares.mine != shares.theirs ? shares.mine.isAbove(shares.theirs) : rank[a] < rank[b]
            }
        case .maintenanceCount:
            shown.sort { a, b in
                let (x, y) = (rows[a].maintenanceCount, rows[b].maintenanceCount)
                return x != y ? x > y : rank[a] < rank[b]
            }
        }
        self.rows = ShownRows(all: rows, order: shown)
        placeByRow = [Int](repeating: -1, count: rows.count)
        for (place, index) in shown.enumerated() { placeByRow[index] = place }
    }

    /// Where a position is among the rows shown.
    public func index(of key: PositionKey) -> Int? {
        guard let index = allIndexByKey[key] else { return nil }
        if allIndexByKey.count == allRows.count {
            return placeByRow[index] >= 0 ? placeByRow[index] : nil
        }
        // Two rows never share a key on OKX; should a reply hold the same position twice, the first shown is meant.
        return rows.firstIndex { $0.key == key }
    }

    /// The number of positions before filtering.
    public var totalCount: Int { allRows.count }

    /// Each row's place in account order: the positions the policy acts on before those it only watches, each
    /// group with the main account first, then by position key.
    private static func accountRanks(_ rows: [TableRow]) -> [Int] {
        let order = rows.indices.sorted { a, b in
            let (watchedA, watchedB) = (rows[a].status.watchReason != nil, rows[b].status.watchReason != nil)
            if watchedA != watchedB { return !watchedA }
            if rows[a].role != rows[b].role { return rows[a].role == .main }
            return rows[a].key < rows[b].key
        }
        var rank = [Int](repeating: 0, count: rows.count)
        for (place, index) in order.enumerated() { rank[index] = place }
        return rank
    }

    /// A value as a `Double` for sorting (NaN for a NaN, which `clearOrder` never calls clear).
    private static func approximate(_ value: Decimal) -> Double {
        DecimalParts.read(value)?.approximateDouble ?? .nan
    }

    /// `x < y` when the two are apart by more than any rounding of `approximate` could make them; nil when they
    /// may be equal or in either order, and must be compared exactly.
    private static func clearOrder(_ x: Double, _ y: Double) -> Bool? {
        let gap = abs(x - y)
        guard gap.isFinite, gap > 1e-12 * max(abs(x), abs(y)) else { return nil }
        return x < y
    }
}
