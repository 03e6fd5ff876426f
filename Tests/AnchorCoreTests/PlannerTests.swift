import AnchorCore
import AnchorStore
import Foundation
import OKX
import TestSupport
import Testing

@Suite struct PlannerTests {
    let policy = Policy.houseDefault
    let croKey = PositionKey(account: "Wu666666", instId: "CRO-USDT-SWAP", posSide: .long)
    let aptKey = PositionKey(account: "Wu666666", instId: "APT-USDT-SWAP", posSide: .long)

    func input(
        _ position: Position, _ instrument: Instrument, count: Int = 0, cash: Decimal = 500, key: PositionKey? = nil
    ) -> PlanInput {
        PlanInput(
            key: key ?? PositionKey(account: "a", instId: instrument.instId, posSide: position.posSide),
            position: position, instrument: instrument, maintenanceCount: count, availableBalance: cash,
            policy: policy, accountManaged: true)
    }

    /// The demo's CRO: 108 contracts at 0.0926 (≈ 100 USDT notional), 10x, margin 20.29.
    func cro(mark: Decimal = dec("0.0926"), margin: Decimal = dec("20.29")) -> Position {
        Build.isolated(Build.cro, contracts: 108, avgPx: dec("0.0926"), markPx: mark, lever: 10, margin: margin)
    }

    @Test func croComesDownToTheBandInCappedSteps() {
        let plan = Planner.correction(input(cro(), Build.cro, key: croKey))
        #expect(plan.blockers.isEmpty)
        // maxReduce = 20.29 − 1080·0.0926/10 = 10.2892 → 10.28; wanted 10.29.
        #expect(plan.steps == [.reduceMargin(5), .reduceMargin(5), .reduceMargin(dec("0.28"))])
        #expect(plan.expected.margin == dec("10.01"))
        #expect(plan.band.lower == dec("9.5"))
        #expect(plan.band.upper == dec("10.5"))
        #expect(plan.notes.isEmpty)
    }

    @Test func croWithALossCannotReachTheBandAndSaysWhy() {
        // Mark 0.0921: upl = 1080 · −0.0005 = −0.54, so OKX allows 20.29 − 10.0008 − 0.54 = 9.7492.
        let plan = Planner.correction(input(cro(mark: dec("0.0921")), Build.cro, key: croKey))
        #expect(plan.steps == [.reduceMargin(5), .reduceMargin(dec("4.74"))])
        #expect(plan.expected.margin == dec("10.55"))
        let note = try! #require(plan.notes.first)
        #expect(note.contains("OKX allows reducing 9.74 USDT now"))
        #expect(note.contains("margin will be 10.55"))
    }

    @Test func aptReducesFromThirtyInFiveUsdtSteps() {
        let position = Build.isolated(
            Build.apt, contracts: 18, avgPx: dec("5.5"), markPx: dec("5.56"), lever: 10, margin: dec("30.82"))
        let plan = Planner.correction(input(position, Build.apt, key: aptKey))
        #expect(
            plan.steps == [
                .reduceMargin(5), .reduceMargin(5), .reduceMargin(5), .reduceMargin(5), .reduceMargin(dec("0.82")),
            ])
        #expect(plan.expected.margin == 10)
    }

    @Test func aPositionInItsBandNeedsNothing() {
        let plan = Planner.correction(input(cro(margin: dec("10.2")), Build.cro))
        #expect(plan.isNoop)
        #expect(!plan.isRunnable)
    }

    @Test func aFreshPositionIsTrimmedToTheTargetNotionalFirst() {
        // Right after maintenance: 100 USDT margin at 10x = 1000 USDT notional; nothing is reducible at 10x.
        let position = Build.isolated(
            Build.apt, contracts: 180, avgPx: dec("5.5"), markPx: dec("5.5"), lever: 10, margin: 99)
        #expect(PositionMetrics(position: position, instrument: Build.apt, safetyBuffer: dec("1.5")).maxReduce == 0)
        let plan = Planner.correction(input(position, Build.apt, count: 1))
        // Keep 100/5.5 = 18.18 → the nearest lot count is 18: close 162, leaving 18 contracts, 99 USDT.
        guard case .trim(let contracts, let notional, let direction) = plan.steps.first else {
            Issue.record("expected a trim first: \(plan.steps)")
            return
        }
        #expect(contracts == 162)
        #expect(notional == 99)
        #expect(direction == .long)
        #expect(plan.expected.size == 18)
        // Pro-rata release: 99 · 18/180 = 9.9, inside 9.5…10.5 for count 1.
        #expect(plan.expected.margin == dec("9.9"))
        #expect(plan.steps.count == 1)
        #expect(plan.notes.isEmpty)
        #expect(plan.estimatedFees == 162 * dec("5.5") * Planner.takerFeeRate)
    }

    @Test func raisingLeverageMovesNoMarginButMakesItReducible() {
        let position = Build.isolated(
            Build.cro, contracts: 108, avgPx: dec("0.0926"), markPx: dec("0.0926"), lever: 5, margin: dec("20.0016"))
        let plan = Planner.correction(input(position, Build.cro))
        #expect(plan.steps.first == .setLeverage(from: 5, to: 10, topUp: 0))
        #expect(plan.steps.dropFirst().allSatisfy { if case .reduceMargin = $0 { true } else { false } })
        #expect(plan.expected.leverage == 10)
        // Wanted 10.0016 → 10.00 (down to the cent); OKX allows 10.0008 → 10.00.
        #expect(plan.expected.margin == dec("10.0016"))
    }

    @Test func loweringLeverageTopsUpFromCashOrIsBlocked() {
        let position = Build.isolated(
            Build.cro, contracts: 108, avgPx: dec("0.0926"), markPx: dec("0.0926"), lever: 20, margin: 5)
        let plan = Planner.correction(input(position, Build.cro))
        #expect(plan.steps.first == .setLeverage(from: 20, to: 10, topUp: dec("5.01")))
        let blocked = Planner.correction(input(position, Build.cro, cash: 2))
        #expect(blocked.blockers.first?.contains("needs 5.01 USDT, available 2.00 USDT") == true)
        #expect(!blocked.isRunnable)
    }

    @Test func belowTheBandAddsFromAvailableBalanceOrSaysThereIsNotEnough() {
        let position = Build.isolated(
            Build.cro, contracts: 108, avgPx: dec("0.0926"), markPx: dec("0.0926"), lever: 10, margin: dec("10.0008"))
        let count2 = Planner.correction(input(position, Build.cro, count: 2))
        #expect(count2.band.target == 20)
        #expect(count2.steps == [.addMargin(5), .addMargin(dec("5"))])
        #expect(count2.expected.margin == dec("20.0008"))
        let poor = Planner.correction(input(position, Build.cro, count: 2, cash: 3))
        #expect(poor.blockers == ["not enough available balance to add 10.00 USDT margin: 3.00 USDT"])
    }

    @Test func maintenanceClosesBeforeItOpensAndCountsOnce() {
        let position = Build.isolated(
            Build.apt, contracts: 18, avgPx: dec("5.5"), markPx: dec("4.95"), lever: 10, margin: dec("30.82"))
        let plan = Planner.maintenance(input(position, Build.apt, count: 0, cash: 200, key: aptKey))
        #expect(plan.blockers.isEmpty)
        #expect(plan.steps.first == .close(contracts: 18))
        // 100 USDT at 10x and 4.95 per contract: 202.02 → 202 contracts.
        #expect(plan.steps[1] == .open(contracts: 202, leverage: 10, margin: 202 * dec("4.95") / 10, direction: .long))
        #expect(plan.steps[2] == .count(from: 0, to: 1))
        #expect(plan.steps.count == 3)
        #expect(plan.band.target == 10)
        // The correction after it trims to ≈ 100 USDT notional.
        guard case .trim = plan.followUpSteps.first else {
            Issue.record("expected a trim after the maintenance: \(plan.followUpSteps)")
            return
        }
    }

    @Test func maintenanceWithoutEnoughBalanceAfterTheCloseIsRefusedBeforeAnythingIsSent() {
        // Close gives back 30.82 − 9.9 (loss) − fee; with 72 USDT available that is ≈ 92.9, short of 100 + fee.
        let position = Build.isolated(
            Build.apt, contracts: 18, avgPx: dec("5.5"), markPx: dec("4.95"), lever: 10, margin: dec("30.82"))
        let plan = Planner.maintenance(input(position, Build.apt, cash: 72))
        #expect(!plan.isRunnable)
        #expect(
            plan.blockers == ["not enough available balance to open 100.00 USDT after closing: 92.88 USDT"])
    }

    @Test func maintenanceSetsLeverageAfterTheCloseWhenItDiffers() {
        let position = Build.isolated(
            Build.apt, contracts: 18, avgPx: dec("5.5"), markPx: dec("5.5"), lever: 5, margin: dec("19.8"))
        let plan = Planner.maintenance(input(position, Build.apt, cash: 300))
        #expect(plan.steps.map(\.kindName) == ["close", "setLeverage", "open", "count"])
    }

    @Test func aClosedPositionCannotBePlanned() {
        let position = Build.position(instId: "APT-USDT-SWAP", pos: 0, avgPx: 5, markPx: 5, lever: 10, margin: 0)
        #expect(Planner.correction(input(position, Build.apt)).blockers == ["the position is closed"])
        #expect(Planner.maintenance(input(position, Build.apt)).blockers == ["the position is closed"])
    }

    @Test func stepSummariesReadPlainly() {
        #expect(PlanStep.reduceMargin(5).summary == "reduce margin by 5.00 USDT")
        #expect(
            PlanStep.open(contracts: 202, leverage: 10, margin: dec("99.99"), direction: .long).summary
                == "buy 202 contracts to open a long at 10x (≈ 99.99 USDT margin)")
        #expect(
            PlanStep.open(contracts: 5, leverage: 10, margin: dec("99.99"), direction: .short).summary
                == "sell 5 contracts to open a short at 10x (≈ 99.99 USDT margin)")
        #expect(
            PlanStep.trim(contracts: 3, notionalAfter: 100, direction: .short).summary
                == "buy 3 contracts to reduce the short (notional → 100.00 USDT)")
        #expect(Format.percent(dec("-0.095")) == "-9.5%")
        #expect(Format.usdt(dec("-0.004")) == "0.00")
    }
}
