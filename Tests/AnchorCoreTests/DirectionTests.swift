import AnchorCore
import AnchorStore
import Foundation
import OKX
import TestSupport
import Testing

/// One-way (net) positions: the direction is the sign of `pos`, and every plan keeps it.
@Suite struct DirectionTests {
    let policy = Policy.houseDefault

    func input(_ position: Position, _ instrument: Instrument, managed: Bool = true, cash: Decimal = 500) -> PlanInput {
        PlanInput(
            key: PositionKey(account: "main", position: position), position: position, instrument: instrument,
            maintenanceCount: 0, availableBalance: cash, policy: policy, accountManaged: managed)
    }

    /// The issue's case: a net short of 108 CRO contracts.
    var netShort: Position {
        Build.isolated(
            Build.cro, posSide: .net, contracts: -108, avgPx: dec("0.0926"), markPx: dec("0.0926"), lever: 10,
            margin: dec("20.29"))
    }

    @Test func aNegativeNetPositionIsAShort() {
        #expect(netShort.direction == .short)
        #expect(netShort.size == 108)
        #expect(netShort.isOneWay)
        let long = Build.isolated(Build.cro, posSide: .net, contracts: 108, avgPx: 1, markPx: 1, lever: 10, margin: 11)
        #expect(long.direction == .long)
        #expect(
            Build.isolated(Build.cro, posSide: .short, contracts: 5, avgPx: 1, markPx: 1, lever: 10, margin: 1)
                .direction == .short)
    }

    @Test func superMaintenanceOfANetShortReopensAShortWithSell() {
        let plan = Planner.maintenance(input(netShort, Build.cro))
        #expect(plan.blockers.isEmpty, "\(plan.blockers)")
        #expect(plan.basis.direction == .short)
        guard let open = plan.steps.first(where: { $0.kindName == "open" }),
            case .open(_, _, _, let direction) = open
        else {
            Issue.record("no open step: \(plan.steps)")
            return
        }
        #expect(direction == .short)
        #expect(open.summary.hasPrefix("sell "))
        for step in plan.followUpSteps {
            if case .trim(_, _, let direction) = step { #expect(direction == .short) }
        }
    }

    @Test func aTrimOfANetShortBuysBack() {
        // 1,080 CRO contracts short, 10x: ten times the target notional.
        let big = Build.isolated(
            Build.cro, posSide: .net, contracts: -1080, avgPx: dec("0.0926"), markPx: dec("0.0926"), lever: 10,
            margin: dec("100.01"))
        let plan = Planner.correction(input(big, Build.cro))
        guard case .trim(let contracts, _, let direction) = plan.steps.first else {
            Issue.record("expected a trim: \(plan.steps)")
            return
        }
        #expect(direction == .short)
        #expect(contracts < 1080, "a trim never closes the whole position, let alone flips it")
        #expect(plan.steps.first!.summary.hasPrefix("buy "))
        #expect(OrderSide.closing(.short) == .buy)
        #expect(OrderSide.opening(.short) == .sell)
    }

    @Test func aWatchedPositionGetsNoPlanOnlyItsReason() {
        let onMain = Planner.correction(input(netShort, Build.cro, managed: false))
        #expect(onMain.steps.isEmpty)
        #expect(onMain.blockers.first?.hasPrefix("watched (account not managed)") == true)
        #expect(!onMain.isRunnable)
        let cross = Build.isolated(
            Build.btc, contracts: 1, avgPx: 60000, markPx: 60000, lever: 10, margin: 0, mgnMode: "cross")
        let maintenance = Planner.maintenance(input(cross, Build.btc))
        #expect(maintenance.steps.isEmpty)
        #expect(maintenance.blockers.first?.hasPrefix("watched (cross)") == true)
    }
}

/// A trim lands on the lot count nearest the target; rounding never fails a correction.
@Suite struct TrimRoundingTests {
    func input(_ position: Position, _ instrument: Instrument, policy: Policy = .houseDefault) -> PlanInput {
        PlanInput(
            key: PositionKey(account: "s", position: position), position: position, instrument: instrument,
            maintenanceCount: 0, availableBalance: 500, policy: policy, accountManaged: true)
    }

    @Test func aCoarseLotTrimsToTheNearestAndSaysWhyTheBandIsMissed() {
        // BCH-like: one lot is 0.1 × 600 = 60 USDT of notional; of 3 lots (180) the nearest to 100 is 2 lots (120),
        // outside 95–105.
        let coarse = Instrument(
            instId: "BCH-USDT-SWAP", ctVal: dec("0.1"), lotSz: 1, minSz: 1, tickSz: dec("0.01"), maxLever: 50)
        let position = Build.isolated(coarse, contracts: 3, avgPx: 600, markPx: 600, lever: 10, margin: 18)
        let plan = Planner.correction(input(position, coarse))
        guard case .trim(let contracts, let after, _) = plan.steps.first else {
            Issue.record("expected a trim: \(plan.steps)")
            return
        }
        #expect(contracts == 1)
        #expect(after == 120)
        #expect(plan.blockers.isEmpty)
        #expect(plan.notes.contains { $0.contains("trimmed to the nearest") }, "\(plan.notes)")
    }

    @Test func aSizeAlreadyNearestTheTargetIsNotTrimmedAndTheCorrectionGoesOnToTheMargin() {
        // Two lots at 52 = 104 > 100 × 1.05? No: take a lot of 53 USDT: 2 lots = 106 > 105, 1 lot = 53: 106 is nearer.
        let coarse = Instrument(
            instId: "BCH-USDT-SWAP", ctVal: dec("0.1"), lotSz: 1, minSz: 1, tickSz: dec("0.01"), maxLever: 50)
        let position = Build.isolated(coarse, contracts: 2, avgPx: 530, markPx: 530, lever: 5, margin: dec("21.2"))
        let plan = Planner.correction(input(position, coarse))
        #expect(!plan.steps.contains { if case .trim = $0 { true } else { false } })
        #expect(plan.blockers.isEmpty)
        #expect(plan.notes.contains { $0.contains("not trimmed") }, "\(plan.notes)")
        // Leverage to 10x first, then the margin steps: the correction is not failed for rounding.
        #expect(plan.steps.first == .setLeverage(from: 5, to: 10, topUp: 0))
    }

    @Test func overRandomSizesATrimIsAlwaysTheNearestLotCountAndNeverBlocksThePlan() {
        var rng = SeededGenerator(seed: 2026_12_04)
        let policy = Policy.houseDefault
        for _ in 0..<3000 {
            let lot = [dec("0.01"), dec("0.1"), 1, 10].randomElement(using: &rng)!
            let ctVal = [dec("0.01"), dec("0.1"), 1, 10, 100].randomElement(using: &rng)!
            let price = Decimal(Double.random(in: 0.05...5000, using: &rng)).rounded(scale: 4)
            let instrument = Instrument(
                instId: "X-USDT-SWAP", ctVal: ctVal, lotSz: lot, minSz: lot, tickSz: dec("0.0001"), maxLever: 100)
            let perContract = ctVal * price
            let lots = Int.random(in: 1...4000, using: &rng)
            let contracts = lot * Decimal(lots)
            let notional = contracts * perContract
            let position = Build.isolated(
                instrument, posSide: Bool.random(using: &rng) ? .long : .short, contracts: contracts, avgPx: price,
                markPx: price, lever: 10, margin: (notional / 10).roundedUp(toMultipleOf: .cent))
            let plan = Planner.correction(input(position, instrument, policy: policy))
            #expect(plan.blockers.isEmpty, "\(plan.blockers)")
            let trimmed = plan.steps.compactMap { if case .trim(let c, _, _) = $0 { c } else { nil } }.reduce(0, +)
            guard notional > policy.targetNotional * (1 + policy.marginTolerance) else {
                #expect(trimmed == 0)
                continue
            }
            let kept = contracts - trimmed
            #expect(kept >= lot, "never the whole position")
            // No other lot count is nearer the target than the one kept.
            let distance = (kept * perContract - policy.targetNotional).absoluteValue
            for other in [kept - lot, kept + lot] where other >= lot && other <= contracts {
                #expect(distance <= (other * perContract - policy.targetNotional).absoluteValue + perContract / 1000)
            }
        }
    }
}
