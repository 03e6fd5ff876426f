import AnchorCore
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
        #expect(fresh.allRows.contains { $0.key == DemoFixture.cro && $0.count == "2" })
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
}
