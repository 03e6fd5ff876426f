import AnchorCore
import AnchorStore
import Foundation
import OKX
import TestSupport
import Testing

/// The planner's promises, checked over thousands of random positions.
@Suite struct PlannerPropertyTests {
    static let instruments = [Build.cro, Build.apt, Build.btc, Build.sol, Build.doge]
    static let prices: [String: Decimal] = [
        "CRO-USDT-SWAP": dec("0.0926"), "APT-USDT-SWAP": dec("5.5"), "BTC-USDT-SWAP": dec("60000"),
        "SOL-USDT-SWAP": dec("102.43"), "DOGE-USDT-SWAP": dec("0.162"),
    ]

    struct Case {
        var input: PlanInput
        var metrics: PositionMetrics
    }

    /// A random isolated position; with `atPolicy` it is at the policy's leverage and notional (no trim, no
    /// leverage step), so that OKX's limit and the floor can be checked against the position as it is.
    static func randomCase(_ rng: inout SeededGenerator, atPolicy: Bool) -> Case {
        let policy = Policy.houseDefault
        let instrument = instruments.randomElement(using: &rng)!
        let base = prices[instrument.instId]!
        let lot = instrument.lotSz
        let lever: Decimal = atPolicy ? policy.leverage : [3, 5, 10, 20, 25].randomElement(using: &rng)!
        // Entry within ±20% of the base price, mark within ±15% of entry, in ticks.
        let entry = (base * Decimal(Double.random(in: 0.8...1.2, using: &rng))).roundedDown(
            toMultipleOf: instrument.tickSz)
        let mark = (entry * Decimal(Double.random(in: 0.85...1.15, using: &rng))).roundedDown(
            toMultipleOf: instrument.tickSz)
        let maxNotional: Double = atPolicy ? 104 : 3000
        let notional = Decimal(Double.random(in: 5...maxNotional, using: &rng))
        var contracts = (notional / (instrument.contractValue * max(entry, mark))).roundedDown(toMultipleOf: lot)
        if contracts < instrument.minSz { contracts = instrument.minSz }
        let opening = contracts * instrument.contractValue * entry / lever
        let margin = (opening * Decimal(Double.random(in: 0.6...4, using: &rng))).roundedDown(toMultipleOf: .cent)
        let mmrRate = [dec("0.004"), dec("0.005"), dec("0.01"), dec("0.02")].randomElement(using: &rng)!
        let position = Build.isolated(
            instrument, posSide: Bool.random(using: &rng) ? .long : .short, contracts: contracts, avgPx: entry,
            markPx: mark, lever: lever, margin: margin, mmrRate: mmrRate)
        let input = PlanInput(
            key: PositionKey(account: "p", instId: instrument.instId, posSide: position.posSide), position: position,
            instrument: instrument, maintenanceCount: Int.random(in: 0...4, using: &rng),
            availableBalance: Decimal(Double.random(in: 0...400, using: &rng)).roundedDown(toMultipleOf: .cent),
            policy: policy, accountManaged: true)
        return Case(
            input: input,
            metrics: PositionMetrics(position: position, instrument: instrument, safetyBuffer: policy.safetyBuffer))
    }

    static func reductions(_ plan: Plan) -> [Decimal] {
        plan.steps.compactMap { if case .reduceMargin(let amount) = $0 { amount } else { nil } }
    }

    static func additions(_ plan: Plan) -> [Decimal] {
        plan.steps.compactMap { if case .addMargin(let amount) = $0 { amount } else { nil } }
    }

    @Test func reductionsNeverExceedOKXsLimitNorGoBelowTheFloor() {
        var rng = SeededGenerator(seed: 20_261_122)
        var reducedCases = 0
        for _ in 0..<4000 {
            let sample = Self.randomCase(&rng, atPolicy: true)
            let plan = Planner.correction(sample.input)
            let total = Self.reductions(plan).reduce(0, +)
            guard total > 0 else { continue }
            reducedCases += 1
            #expect(total <= sample.metrics.maxReduce!, "\(sample.input.position)")
            #expect(total <= sample.metrics.reducible!)
            #expect(plan.expected.margin >= sample.metrics.floor!, "margin \(plan.expected.margin) below the floor")
        }
        #expect(reducedCases > 500, "the generator must produce positions to reduce")
    }

    @Test func everyAmountIsRoundedDownToTheCentAndCappedPerStep() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<4000 {
            let sample = Self.randomCase(&rng, atPolicy: Bool.random(using: &rng))
            let plan = Planner.correction(sample.input)
            for amount in Self.reductions(plan) + Self.additions(plan) {
                #expect(amount >= .cent)
                #expect(amount <= sample.input.policy.maxMarginStep)
                #expect(amount.isMultiple(of: .cent))
            }
            for step in plan.steps {
                if case .trim(let contracts, _, _) = step {
                    #expect(contracts.isMultiple(of: sample.input.instrument.lotSz))
                    #expect(contracts >= sample.input.instrument.minSz)
                    #expect(contracts < sample.input.position.pos.absoluteValue, "a trim never closes everything")
                }
            }
        }
    }

    @Test func noStepWhenInBandAtPolicy() {
        var rng = SeededGenerator(seed: 99)
        var inBand = 0
        for _ in 0..<4000 {
            let sample = Self.randomCase(&rng, atPolicy: true)
            let band = sample.input.policy.marginBand(forCount: sample.input.maintenanceCount)
            guard band.placement(of: sample.input.position.margin!) == .inside else { continue }
            inBand += 1
            #expect(Planner.correction(sample.input).steps.isEmpty)
        }
        // Margins are drawn widely; a few hundred land in a band.
        #expect(inBand > 20)
    }

    @Test func aRunnableCorrectionEndsInTheBandOrSaysWhyNot() {
        var rng = SeededGenerator(seed: 4242)
        for _ in 0..<4000 {
            let sample = Self.randomCase(&rng, atPolicy: Bool.random(using: &rng))
            let plan = Planner.correction(sample.input)
            guard plan.blockers.isEmpty else { continue }
            let placement = plan.band.placement(of: plan.expected.margin)
            #expect(placement == .inside || !plan.notes.isEmpty, "\(plan.expected.margin) vs \(plan.band)")
        }
    }

    @Test func maintenanceAlwaysClosesBeforeOpeningAndOpensWhatTheBalanceAfterTheCloseAllows() {
        var rng = SeededGenerator(seed: 31337)
        for _ in 0..<4000 {
            let sample = Self.randomCase(&rng, atPolicy: Bool.random(using: &rng))
            let plan = Planner.maintenance(sample.input)
            let kinds = plan.steps.map(\.kindName)
            guard let open = kinds.firstIndex(of: "open") else {
                #expect(!plan.blockers.isEmpty)
                continue
            }
            #expect(kinds.first == "close")
            #expect(kinds.firstIndex(of: "close")! < open)
            #expect(kinds.last == "count")
            guard case .open(let contracts, let leverage, let margin, _) = plan.steps[open] else { continue }
            #expect(contracts.isMultiple(of: sample.input.instrument.lotSz))
            #expect(leverage == sample.input.policy.leverage)
            #expect(margin <= sample.input.policy.maintenanceOpenMargin)
            if plan.blockers.isEmpty {
                #expect(contracts >= sample.input.instrument.minSz)
                let position = sample.input.position
                let cashAfterClose =
                    sample.input.availableBalance + position.margin! + position.upl!
                    - sample.metrics.notional * Planner.takerFeeRate
                #expect(cashAfterClose >= margin * (1 + leverage * Planner.takerFeeRate))
            }
        }
    }
}
