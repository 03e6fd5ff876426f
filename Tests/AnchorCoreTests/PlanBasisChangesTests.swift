import AnchorCore
import AnchorStore
import Foundation
import OKX
import TestSupport
import Testing

/// The one rule for "the position changed since the plan", which the runner refuses on and the dashboard plans
/// again on.
@Suite struct PlanBasisChangesTests {
    /// The demo's CRO in one-way mode (so that its direction can flip under the same key): 108 contracts at 0.0926,
    /// 10x, margin 20.29.
    func cro(
        contracts: Decimal = 108, mark: Decimal = dec("0.0926"), lever: Decimal = 10, margin: Decimal = dec("20.29"),
        posId: String = "p1"
    ) -> Position {
        Build.isolated(
            Build.cro, posSide: .net, contracts: contracts, avgPx: dec("0.0926"), markPx: mark, lever: lever,
            margin: margin, posId: posId)
    }

    func basis(_ position: Position, count: Int = 1) -> PlanBasis {
        let input = PlanInput(
            key: PositionKey(account: "a", instId: "CRO-USDT-SWAP", posSide: .net), position: position,
            instrument: Build.cro, maintenanceCount: count, availableBalance: 500, policy: .houseDefault,
            accountManaged: true)
        return Planner.correction(input).basis
    }

    @Test func theMarkAndPnLMovingChangeNothing() {
        let plan = basis(cro())
        #expect(plan.changes(comparedTo: cro(mark: dec("0.0931")), maintenanceCount: 1).isEmpty)
        #expect(plan.changes(comparedTo: cro(mark: dec("0.0901")), maintenanceCount: 1).isEmpty)
    }

    @Test func marginMayMoveHalfAPercentOrACentWhicheverIsMore() {
        // Half a percent of 20.29 is 0.10145.
        let plan = basis(cro())
        #expect(plan.changes(comparedTo: cro(margin: dec("20.39")), maintenanceCount: 1).isEmpty)
        #expect(plan.changes(comparedTo: cro(margin: dec("20.19")), maintenanceCount: 1).isEmpty)
        #expect(plan.changes(comparedTo: cro(margin: dec("20.40")), maintenanceCount: 1) == ["margin 20.29 → 20.40"])
        #expect(plan.changes(comparedTo: cro(margin: dec("20.18")), maintenanceCount: 1) == ["margin 20.29 → 20.18"])
        // On 1 USDT half a percent is less than a cent: a cent is allowed, two are not.
        let small = basis(cro(margin: 1))
        #expect(small.changes(comparedTo: cro(margin: dec("1.01")), maintenanceCount: 1).isEmpty)
        #expect(small.changes(comparedTo: cro(margin: dec("1.02")), maintenanceCount: 1) == ["margin 1.00 → 1.02"])
    }

    @Test func eachChangeIsNamedInOneOrder() {
        let plan = basis(cro())
        let changed = cro(contracts: -120, lever: 5, margin: 25, posId: "p2")
        #expect(
            plan.changes(comparedTo: changed, maintenanceCount: 2) == [
                "posId p1 → p2", "direction long → short", "size 108 → 120", "leverage 10x → 5x",
                "margin 20.29 → 25.00", "maintenance count 1 → 2",
            ])
        #expect(plan.changes(comparedTo: cro(posId: ""), maintenanceCount: 1) == ["posId p1 → ?"])
        #expect(plan.changes(comparedTo: cro(contracts: 120), maintenanceCount: 1) == ["size 108 → 120"])
        #expect(plan.changes(comparedTo: cro(lever: 20), maintenanceCount: 1) == ["leverage 10x → 20x"])
        #expect(plan.changes(comparedTo: cro(), maintenanceCount: 0) == ["maintenance count 1 → 0"])
    }

    @Test func aPlanThatRecordedNoPositionIdOrDirectionChecksTheRest() {
        var plan = basis(cro())
        plan.posId = ""
        plan.direction = nil
        #expect(plan.changes(comparedTo: cro(contracts: -108, posId: "p9"), maintenanceCount: 1).isEmpty)
        #expect(plan.changes(comparedTo: cro(contracts: -100, posId: "p9"), maintenanceCount: 1) == ["size 108 → 100"])
    }
}
