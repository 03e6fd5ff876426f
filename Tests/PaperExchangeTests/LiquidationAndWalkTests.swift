import Foundation
import PaperExchange
import Testing

/// Liquidation at `mgnRatio ≤ 1`, the seeded mark walk, and properties of the reduce limit over random positions.
@Suite struct LiquidationAndWalkTests {
    @Test func aLongIsLiquidatedAtItsLiquidationMarkLosingItsMarginButNoCash() throws {
        var state = engine(
            cash: "50",
            positions: [
                ScenarioPosition(
                    instId: "SOL-USDT-SWAP", posSide: .long, pos: 10, avgPx: d("102.43"), margin: d("102.43"), lever: 10
                )
            ],
            marks: ["SOL-USDT-SWAP": "102.43"])
        // liqPx 92.70683… includes one tick of buffer; the position survives there and falls a tick lower.
        try state.setMark("SOL-USDT-SWAP", d("92.70"), now: t0 + 1)
        let figures = try #require(state.figures("SOL-USDT-SWAP", .long))
        #expect(try #require(figures.mgnRatio) > 1)
        try state.setMark("SOL-USDT-SWAP", d("92.69"), now: t0 + 2)
        #expect(state.position("SOL-USDT-SWAP", .long) == nil)
        #expect(state.books[0].cashBal == 50)
        let order = try #require(state.books[0].orders.last)
        #expect(order.category == "full_liquidation")
        #expect(order.side == .sell)
        #expect(order.fillPx == d("92.69"))
        let bill = try #require(state.books[0].bills.last)
        #expect(bill.type == .liquidation)
        #expect(bill.subType == 104)
        #expect(bill.posBalChg == d("-102.43"))
        let row = try #require(state.books[0].history.last)
        #expect(row.type == 3)
        #expect(row.realizedPnl == d("-102.43"))
    }

    @Test func aShortIsLiquidatedWhenTheMarkRisesThroughItsLiquidationMark() throws {
        var state = engine(
            positions: [
                ScenarioPosition(instId: "ETH-USDT-SWAP", posSide: .short, pos: 1, avgPx: 3000, margin: 30, lever: 10)
            ],
            marks: ["ETH-USDT-SWAP": "3000"])
        let liqPx = try #require(state.figures("ETH-USDT-SWAP", .short)?.liqPx)
        try state.setMark("ETH-USDT-SWAP", liqPx.rounded(scale: 2, .down), now: t0 + 1)
        #expect(state.position("ETH-USDT-SWAP", .short) != nil)
        try state.setMark("ETH-USDT-SWAP", liqPx.rounded(scale: 2, .up) + d("0.01"), now: t0 + 2)
        #expect(state.position("ETH-USDT-SWAP", .short) == nil)
        #expect(state.books[0].bills.last?.subType == 105)
    }

    @Test func theWalkLiquidatesAPositionWhenTimeAdvancesPastTheCrossing() {
        let settings = ExchangeState.Settings(seed: 3, volatility: 0.02)
        var state = engine(
            positions: [
                ScenarioPosition(instId: "SOL-USDT-SWAP", posSide: .long, pos: 1, avgPx: 100, margin: 2, lever: 50)
            ],
            marks: ["SOL-USDT-SWAP": "100"], settings: settings)
        var liquidated = false
        for second in 1...600 where !liquidated {
            state.advance(to: t0 + Int64(second) * 1000)
            liquidated = state.position("SOL-USDT-SWAP", .long) == nil
        }
        #expect(liquidated)
        #expect(state.books[0].orders.last?.category == "full_liquidation")
    }

    @Test func theSameSeedGivesTheSameMarksAfterTheSameNumberOfTicks() {
        let settings = ExchangeState.Settings(seed: 42, volatility: 0.001)
        var first = engine(settings: settings)
        var second = engine(settings: settings)
        first.advance(to: t0 + 250_000)
        for step in stride(from: Int64(0), through: 250_000, by: 7_000) { second.advance(to: t0 + step) }
        second.advance(to: t0 + 250_000)
        let ids = InstrumentCatalog.all.map(\.instId)
        #expect(ids.map { first.markPx($0) } == ids.map { second.markPx($0) })
        #expect(ids.contains { first.markPx($0) != InstrumentCatalog.marks[$0] })
        var other = engine(settings: ExchangeState.Settings(seed: 43, volatility: 0.001))
        other.advance(to: t0 + 250_000)
        #expect(ids.map { first.markPx($0) } != ids.map { other.markPx($0) })
    }

    @Test func zeroVolatilityKeepsMarksStill() {
        var state = engine()
        state.advance(to: t0 + 3_600_000)
        #expect(state.markPx("BTC-USDT-SWAP") == InstrumentCatalog.marks["BTC-USDT-SWAP"])
    }

    /// Over many random positions and marks: the limit is never negative, reducing exactly it is accepted and
    /// leaves nothing more, and a cent more is refused.
    @Test(arguments: 1...8)
    func reducingExactlyTheLimitIsAcceptedAndACentMoreIsRefused(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<25 {
            let instrument = InstrumentCatalog.all[Int(random.next() % UInt64(InstrumentCatalog.all.count))]
            let mark = try #require(InstrumentCatalog.marks[instrument.instId])
            let lever = Decimal(Int(random.next() % 20) + 1)
            let contracts = instrument.minSz * Decimal(Int(random.next() % 50) + 1)
            let avgPx = (mark * (1 + Decimal(Int(random.next() % 81) - 40) / 1000)).rounded(
                toMultipleOf: instrument.tickSz)
            let opening = instrument.baseUnits(contracts) * avgPx / lever
            let margin = (opening * (1 + Decimal(Int(random.next() % 200)) / 100)).rounded(scale: 2, .up)
            let side: PositionSide = random.next() % 2 == 0 ? .long : .short
            var state = engine(
                positions: [
                    ScenarioPosition(
                        instId: instrument.instId, posSide: side, pos: contracts, avgPx: avgPx, margin: margin,
                        lever: lever)
                ])
            guard let figures = state.figures(instrument.instId, side) else { continue }  // liquidated at start
            #expect(figures.maxReduce >= 0)
            let limit = figures.maxReduce.rounded(scale: 2, .down)
            let over = state.code {
                try $0.adjustMargin(
                    book: 0, instId: instrument.instId, posSide: side, type: .reduce, amount: limit + d("0.01"), now: t0
                )
            }
            #expect(over == "59301")
            guard limit > 0 else { continue }
            try state.adjustMargin(
                book: 0, instId: instrument.instId, posSide: side, type: .reduce, amount: limit, now: t0)
            let after = try #require(state.figures(instrument.instId, side))
            #expect(after.maxReduce < d("0.01"))
            #expect(try #require(after.mgnRatio) > 1)
        }
    }
}
