import Foundation
import PaperExchange
import Testing

/// okx/API.md §5's worked SOL check and the demo's CRO reduce limit.
@Suite struct IsolatedMarginTests {
    @Test func solCheckAtLeverTenPostsTheOpeningMarginAndLiquidatesNearNinetyTwoPointSeven() throws {
        let state = ExchangeState(scenario: BuiltInScenarios.solCheck, startMs: t0)
        let position = try #require(state.position("SOL-USDT-SWAP", .long))
        let figures = try #require(state.figures("SOL-USDT-SWAP", .long))
        #expect(position.margin == d("102.43"))
        #expect(figures.upl == 0)
        #expect(figures.maxReduce == 0)
        let liqPx = try #require(figures.liqPx)
        #expect(liqPx.rounded(scale: 5) == d("92.70683"))
        #expect(figures.mmr == d("5.1215"))
    }

    @Test func solCheckRaisingLeverageToTwentyKeepsMarginAndDoublesTheProfitRate() throws {
        var state = ExchangeState(scenario: BuiltInScenarios.solCheck, startMs: t0)
        try state.setMark("SOL-USDT-SWAP", d("102.40"), now: t0)
        let before = try #require(state.figures("SOL-USDT-SWAP", .long))
        let cash = state.books[0].cashBal
        try state.setLeverage(book: 0, instId: "SOL-USDT-SWAP", posSide: .long, lever: 20, now: t0)
        let after = try #require(state.figures("SOL-USDT-SWAP", .long))
        #expect(state.position("SOL-USDT-SWAP", .long)?.margin == d("102.43"))
        #expect(state.books[0].cashBal == cash)
        #expect(after.upl == d("-0.3"))
        #expect(after.uplRatio == before.uplRatio * 2)
        #expect(after.maxReduce == d("50.915"))
    }

    @Test func solCheckLoweringLeverageToEightTopsMarginUpFromCash() throws {
        var state = ExchangeState(scenario: BuiltInScenarios.solCheck, startMs: t0)
        try state.setLeverage(book: 0, instId: "SOL-USDT-SWAP", posSide: .long, lever: 20, now: t0)
        try state.setMark("SOL-USDT-SWAP", d("102.35"), now: t0)
        let cash = state.books[0].cashBal
        try state.setLeverage(book: 0, instId: "SOL-USDT-SWAP", posSide: .long, lever: 8, now: t0)
        let position = try #require(state.position("SOL-USDT-SWAP", .long))
        #expect(position.margin == d("128.8375"))
        #expect(state.books[0].cashBal == cash - d("26.4075"))
        let liqPx = try #require(state.figures("SOL-USDT-SWAP", .long)?.liqPx)
        #expect(liqPx.rounded(scale: 5) == d("90.05148"))
        try state.setMark("SOL-USDT-SWAP", d("102.37"), now: t0)
        #expect(state.figures("SOL-USDT-SWAP", .long)?.maxReduce == d("0.2"))
        #expect(state.books[0].bills.last?.subType == 162)
    }

    @Test func loweringLeverageIsRefusedWhenCashCannotTopUpTheMargin() throws {
        var state = engine(
            cash: "5",
            positions: [
                ScenarioPosition(
                    instId: "SOL-USDT-SWAP", posSide: .long, pos: 10, avgPx: d("102.43"), margin: d("102.43"), lever: 10
                )
            ], marks: ["SOL-USDT-SWAP": "102.43"])
        let code = state.code {
            try $0.setLeverage(book: 0, instId: "SOL-USDT-SWAP", posSide: .long, lever: 5, now: t0)
        }
        #expect(code == "59103")
        #expect(state.position("SOL-USDT-SWAP", .long)?.lever == 10)
        #expect(state.books[0].cashBal == 5)
    }

    @Test func croReducingAllOfTheSurplusAtOnceIsRefusedWhileUnrealisedPnlIsNegative() throws {
        var state = ExchangeState(scenario: BuiltInScenarios.demo, startMs: t0)
        let wu = try #require(state.book(named: "Wu666666"))
        let figures = try #require(state.figures("CRO-USDT-SWAP", .long, book: wu))
        #expect(figures.upl < 0)
        #expect(figures.openingMargin == d("9.99972"))
        #expect(figures.maxReduce == d("10.19308"))
        let refused = state.code {
            try $0.adjustMargin(
                book: wu, instId: "CRO-USDT-SWAP", posSide: .long, type: .reduce, amount: d("10.29"), now: t0)
        }
        #expect(refused == "59301")
        for _ in 0..<2 {
            try state.adjustMargin(book: wu, instId: "CRO-USDT-SWAP", posSide: .long, type: .reduce, amount: 5, now: t0)
        }
        #expect(state.position("CRO-USDT-SWAP", .long, book: wu)?.margin == d("10.29"))
        #expect(state.books[wu].cashBal == 310)
        #expect(state.books[wu].bills.suffix(2).map(\.subType) == [161, 161])
    }

    @Test func croWholeSurplusIsReducibleOnceTheMarkIsBackAtEntry() throws {
        var state = ExchangeState(scenario: BuiltInScenarios.demo, startMs: t0)
        let wu = try #require(state.book(named: "Wu666666"))
        try state.setMark("CRO-USDT-SWAP", d("0.09259"), now: t0)
        #expect(state.figures("CRO-USDT-SWAP", .long, book: wu)?.maxReduce == d("10.29028"))
        try state.adjustMargin(
            book: wu, instId: "CRO-USDT-SWAP", posSide: .long, type: .reduce, amount: d("10.29"), now: t0)
        #expect(state.position("CRO-USDT-SWAP", .long, book: wu)?.margin == d("10"))
    }

    @Test func aFreshTenXPositionHasNothingToReduce() throws {
        var state = engine()
        _ = try state.placeOrder(
            book: 0, OrderRequest(instId: "ETH-USDT-SWAP", side: .buy, posSide: .long, sz: 1), now: t0)
        let figures = try #require(state.figures("ETH-USDT-SWAP", .long))
        #expect(figures.maxReduce == 0)
        let code = state.code {
            try $0.adjustMargin(
                book: 0, instId: "ETH-USDT-SWAP", posSide: .long, type: .reduce, amount: d("0.01"), now: t0)
        }
        #expect(code == "59301")
    }

    @Test func addingMarginNeedsAvailableBalance() throws {
        var state = engine(
            cash: "3",
            positions: [
                ScenarioPosition(
                    instId: "SOL-USDT-SWAP", posSide: .short, pos: 1, avgPx: d("138.5"), margin: d("13.85"), lever: 10)
            ])
        let refused = state.code {
            try $0.adjustMargin(
                book: 0, instId: "SOL-USDT-SWAP", posSide: .short, type: .add, amount: d("3.01"), now: t0)
        }
        #expect(refused == "59200")
        try state.adjustMargin(book: 0, instId: "SOL-USDT-SWAP", posSide: .short, type: .add, amount: 3, now: t0)
        #expect(state.position("SOL-USDT-SWAP", .short)?.margin == d("16.85"))
        #expect(state.books[0].cashBal == 0)
        #expect(state.books[0].bills.last?.subType == 160)
    }

    @Test func marginOnAMissingPositionIsRefusedWith59300() {
        var state = engine()
        let code = state.code {
            try $0.adjustMargin(book: 0, instId: "SOL-USDT-SWAP", posSide: .long, type: .add, amount: 1, now: t0)
        }
        #expect(code == "59300")
    }

    @Test func leverageOutsideOneToTheMaximumIsRefused() {
        var state = engine()
        let sol = "SOL-USDT-SWAP"
        #expect(state.code { try $0.setLeverage(book: 0, instId: sol, posSide: .long, lever: 51, now: t0) } == "59102")
        #expect(
            state.code { try $0.setLeverage(book: 0, instId: sol, posSide: .long, lever: d("0.5"), now: t0) } == "59105"
        )
        #expect(
            state.code { try $0.setLeverage(book: 0, instId: "NOPE-USDT-SWAP", posSide: .long, lever: 5, now: t0) }
                == "51001")
        #expect(state.code { try $0.setLeverage(book: 0, instId: sol, posSide: .long, lever: 5, now: t0) } == "0")
        #expect(state.leverage(book: 0, PositionKey(instId: sol, posSide: .long)) == 5)
        #expect(state.leverage(book: 0, PositionKey(instId: sol, posSide: .short)) == 10)
    }
}
