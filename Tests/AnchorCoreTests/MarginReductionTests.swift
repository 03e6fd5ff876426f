import AnchorCore
import AnchorStore
import Foundation
import OKX
import TestSupport
import Testing

/// OKX's reduce limit and the house floor: one rule, for the row's `reducible` and the planner's reductions.
@Suite struct MarginReductionTests {
    /// A random amount in [-bound, bound] (or [0, bound]) with up to `places` decimals.
    static func amount(_ rng: inout SeededGenerator, bound: Int, places: Int, signed: Bool = false) -> Decimal {
        let scale = (0..<places).reduce(1) { value, _ in value * 10 }
        let units = Int.random(in: (signed ? -bound * scale : 0)...(bound * scale), using: &rng)
        return Decimal(units) / Decimal(scale)
    }

    @Test func theRuleIsOKXsLimitAndTheFloorInExactArithmetic() {
        var rng = SeededGenerator(seed: 2026)
        for _ in 0..<5000 {
            let margin = Self.amount(&rng, bound: 100, places: 4)
            let opening = Self.amount(&rng, bound: 100, places: 6)
            let upl = Self.amount(&rng, bound: 20, places: 6, signed: true)
            let mmr = Self.amount(&rng, bound: 5, places: 6)
            let buffer = Self.amount(&rng, bound: 3, places: 2)
            let maxReduce = MarginReduction.maxReduce(margin: margin, openingMargin: opening, upl: upl)
            #expect(maxReduce == max(0, margin - opening + min(0, upl)))
            let floor = MarginReduction.floor(maintenanceMargin: mmr, upl: upl, safetyBuffer: buffer)
            #expect(floor == mmr + min(0, upl).absoluteValue + buffer)
            let reducible = MarginReduction.reducible(margin: margin, maxReduce: maxReduce, floor: floor)
            #expect(reducible == max(0, min(maxReduce, margin - floor)).roundedDown(toMultipleOf: .cent))
            #expect(reducible >= 0 && reducible <= maxReduce)
            #expect(reducible == 0 || margin - reducible >= floor, "never below the floor")
            #expect(reducible.roundedDown(toMultipleOf: .cent) == reducible, "whole cents")
        }
    }

    @Test func theRowsFiguresAreTheRule() throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            let sample = PlannerPropertyTests.randomCase(&rng, atPolicy: Bool.random(using: &rng))
            let position = sample.input.position
            let metrics = sample.metrics
            let margin = try #require(position.margin)
            let maxReduce = MarginReduction.maxReduce(
                margin: margin, openingMargin: metrics.openingMargin, upl: position.upl ?? 0)
            let floor = MarginReduction.floor(
                maintenanceMargin: position.mmr ?? 0, upl: position.upl ?? 0,
                safetyBuffer: Policy.houseDefault.safetyBuffer)
            #expect(metrics.maxReduce == maxReduce)
            #expect(metrics.floor == floor)
            #expect(metrics.reducible == MarginReduction.reducible(margin: margin, maxReduce: maxReduce, floor: floor))
        }
    }

    /// Where a correction only reduces margin, it takes what the row says is reducible, or what the band wants if
    /// less: the screen and the plan never disagree.
    @Test func aCorrectionReducesWhatTheRowShowsAsReducible() throws {
        var rng = SeededGenerator(seed: 99)
        var limited = 0
        for _ in 0..<4000 {
            let sample = PlannerPropertyTests.randomCase(&rng, atPolicy: true)
            let plan = Planner.correction(sample.input)
            let reductions = PlannerPropertyTests.reductions(plan)
            guard !reductions.isEmpty, reductions.count == plan.steps.count else { continue }
            let margin = sample.input.position.margin ?? 0
            let band = Policy.houseDefault.marginBand(forCount: sample.input.maintenanceCount)
            let wanted = (margin - band.target).roundedDown(toMultipleOf: .cent)
            let reducible = try #require(sample.metrics.reducible)
            #expect(reductions.reduce(0, +) == min(wanted, reducible), "\(sample.input.position)")
            if reducible < wanted { limited += 1 }
        }
        #expect(limited > 50, "the generator must produce positions the limits hold back")
    }

    @Test func onlyAnIsolatedPositionHasALimitAndOnlyAUSDTLinearOneAFloor() {
        let buffer = Policy.houseDefault.safetyBuffer
        let cross = Build.position(
            instId: "CRO-USDT-SWAP", pos: 1000, avgPx: dec("0.09"), markPx: dec("0.09"), lever: 10, margin: 0,
            mmr: dec("0.5"), mgnMode: "cross")
        let crossFigures = PositionMetrics(position: cross, instrument: Build.cro, safetyBuffer: buffer)
        #expect(crossFigures.maxReduce == nil && crossFigures.floor == nil && crossFigures.reducible == nil)

        let usdc = Build.isolated(
            Build.btcUSDC, contracts: 10, avgPx: 60000, markPx: 60000, lever: 10, margin: 20)
        let usdcFigures = PositionMetrics(position: usdc, instrument: Build.btcUSDC, safetyBuffer: buffer)
        #expect(usdcFigures.maxReduce != nil)
        #expect(usdcFigures.floor == nil && usdcFigures.reducible == nil, "the buffer is USDT")

        let inverse = Build.position(
            instId: "BTC-USD-SWAP", pos: 10, avgPx: 60000, markPx: 60000, lever: 10, margin: dec("0.002"),
            mmr: dec("0.0001"), ccy: "BTC")
        let inverseFigures = PositionMetrics(position: inverse, instrument: Build.btcInverse, safetyBuffer: buffer)
        #expect(inverseFigures.maxReduce != nil)
        #expect(inverseFigures.floor == nil && inverseFigures.reducible == nil)
    }
}
