import AnchorCore
import AnchorStore
import Foundation
import Testing

@testable import AnchorTUI

/// The positions table's rows: texts kept from the last snapshot, and the off-target order.
@Suite struct TableModelTests {
    static let trigger = Decimal(string: "-0.10")!

    /// Keeping the unchanged texts of the last snapshot's rows gives exactly the rows formatted afresh, whether
    /// the positions moved a little (marks) or a lot (margins, counts, holds).
    @Test(arguments: [(3, 4), (0, 9), (4, 4)])
    func keptRowsAreTheRowsFormattedAfresh(earlier: Int, later: Int) {
        let before = DemoFixture.snapshot(step: earlier)
        let after = DemoFixture.snapshot(step: later, counts: [DemoFixture.cro: 2]) { readings in
            readings.removeLast()
        }
        let previous = TableModel(snapshot: before, trigger: Self.trigger, filter: "", sort: .account)
        let fresh = TableModel(snapshot: after, trigger: Self.trigger, filter: "", sort: .account)
        let kept = TableModel(snapshot: after, trigger: Self.trigger, filter: "", sort: .account, previous: previous)
        #expect(kept.allRows == fresh.allRows)
        #expect(kept.rows.map(\.key) == fresh.rows.map(\.key))
        var folded = previous
        folded.fold(after, trigger: Self.trigger, filter: "", sort: .account)
        #expect(folded.allRows == fresh.allRows)
        #expect(folded.rows.map(\.key) == fresh.rows.map(\.key))
        #expect(fresh.allRows.contains { $0.key == DemoFixture.cro && $0.count == "2" })
    }

    /// A fleet read in turns: one account read again, the others not. The table made from the last one (which keeps
    /// the rows of the accounts not read whole) is exactly the one formatted afresh, also when time alone has made
    /// the accounts not read stale.
    @Test(arguments: [8, 30])
    func aTableOfAFleetReadInTurnsIsTheTableFormattedAfresh(seconds: Int) {
        let old = DemoFixture.readings(step: 3)
        var mixed = old
        mixed[1] = DemoFixture.readings(step: 4)[1]
        func snapshot(_ readings: [AccountReading], at seconds: Int) -> Snapshot {
            SnapshotBuilder.build(
                generation: seconds, now: DemoFixture.start.addingTimeInterval(TimeInterval(seconds)),
                readings: readings, instruments: DemoFixture.instruments, counts: [:], holds: [:],
                policy: .houseDefault, staleAfter: 10)
        }
        let previous = TableModel(snapshot: snapshot(old, at: 6), trigger: Self.trigger, filter: "", sort: .account)
        let after = snapshot(mixed, at: seconds)
        #expect(after.positions.contains { $0.status == .stale } == (seconds > 16))
        let fresh = TableModel(snapshot: after, trigger: Self.trigger, filter: "", sort: .account)
        let kept = TableModel(snapshot: after, trigger: Self.trigger, filter: "", sort: .account, previous: previous)
        #expect(kept.allRows == fresh.allRows)
        #expect(kept.allRows != previous.allRows)
        var folded = previous
        folded.fold(after, trigger: Self.trigger, filter: "sub", sort: .profitRate)
        let freshSorted = TableModel(snapshot: after, trigger: Self.trigger, filter: "sub", sort: .profitRate)
        #expect(folded.allRows == fresh.allRows)
        #expect(folded.rows.map(\.key) == freshSorted.rows.map(\.key))
    }

    /// One point of profit-rate history per reading: the positions of an account not read again add none.
    @Test func historyGrowsOnlyForThePositionsReadAgain() {
        var state = DemoFixture.state(polls: 4)
        let before = state.history
        var mixed = DemoFixture.readings(step: 3)
        mixed[1] = DemoFixture.readings(step: 4)[1]
        _ = Dashboard.update(
            &state,
            .snapshot(
                SnapshotBuilder.build(
                    generation: 10, now: DemoFixture.start.addingTimeInterval(8), readings: mixed,
                    instruments: DemoFixture.instruments, counts: [:], holds: [:], policy: .houseDefault,
                    staleAfter: 10)))
        #expect(!before.isEmpty)
        for (key, rates) in state.history {
            let added = rates.count - (before[key]?.count ?? 0)
            #expect(added == (key.account == mixed[1].name ? 1 : 0), "\(key)")
        }
    }

    /// Sorting by margin off target compares shares of the target without dividing; the order is the one the
    /// quotients give.
    @Test func offTargetOrderIsTheOrderOfTheQuotients() {
        let snapshot = DemoFixture.snapshot(step: 5, counts: [DemoFixture.cro: 3])
        let table = TableModel(snapshot: snapshot, trigger: Self.trigger, filter: "", sort: .marginOffTarget)
        let shares = table.rows.map { row in
            row.marginTarget > 0 ? row.offTargetDistance / row.marginTarget : row.offTargetDistance
        }
        #expect(shares.count > 20)
        #expect(zip(shares, shares.dropFirst()).allSatisfy { $0 >= $1 })
    }

    /// Every sort gives the order the exact comparison of the rows' decimals gives (ties by account, main first),
    /// on fresh tables and on tables made from the last one, with the same positions and with one gone.
    @Test(arguments: PositionSort.allCases)
    func everySortIsTheExactOrder(sort: PositionSort) {
        func byAccount(_ a: TableRow, _ b: TableRow) -> Bool {
            let (watchedA, watchedB) = (a.status.watchReason != nil, b.status.watchReason != nil)
            if watchedA != watchedB { return !watchedA }
            return a.role != b.role ? a.role == .main : a.key < b.key
        }
        func exact(_ a: TableRow, _ b: TableRow) -> Bool {
            switch sort {
            case .account:
                return byAccount(a, b)
            case .profitRate:
                switch (a.profitRate, b.profitRate) {
                case let (x?, y?) where x != y: return x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return byAccount(a, b)
                }
            case .marginOffTarget:
                let x = a.offTargetDistance / (a.marginTarget > 0 ? a.marginTarget : 1)
                let y = b.offTargetDistance / (b.marginTarget > 0 ? b.marginTarget : 1)
                return x != y ? x > y : byAccount(a, b)
            case .maintenanceCount:
                return a.maintenanceCount != b.maintenanceCount
                    ? a.maintenanceCount > b.maintenanceCount : byAccount(a, b)
            }
        }
        var previous: TableModel?
        for step in 0..<10 {
            let snapshot = DemoFixture.snapshot(step: step, counts: [DemoFixture.cro: step % 4]) { readings in
                if step == 6 { readings.removeLast() }
            }
            let table = TableModel(
                snapshot: snapshot, trigger: Self.trigger, filter: "", sort: sort, previous: previous)
            #expect(table.rows.map(\.key) == table.allRows.sorted(by: exact).map(\.key), "step \(step)")
            var filtered = table
            filtered.arrange(filter: "wu6 swap", sort: sort)
            #expect(!filtered.rows.isEmpty && filtered.rows.count < table.rows.count)
            #expect(
                filtered.rows.map(\.key)
                    == table.allRows.filter { $0.searchText.contains("wu6") && $0.searchText.contains("swap") }.sorted(
                        by: exact
                    ).map(\.key))
            previous = table
        }
    }
}
