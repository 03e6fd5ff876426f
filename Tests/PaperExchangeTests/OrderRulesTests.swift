import Foundation
import PaperExchange
import Testing

/// Order placement, closing and clOrdId rules of okx/API.md §3 on the pure state.
@Suite struct OrderRulesTests {
    private func market(
        _ instId: String, _ side: OrderSide, _ posSide: PositionSide, _ sz: String, clOrdId: String = ""
    )
        -> OrderRequest
    {
        OrderRequest(instId: instId, side: side, posSide: posSide, sz: d(sz), clOrdId: clOrdId)
    }

    @Test func aMarketOpenFillsAtTheMarkWithMarginAndTakerFeeFromCash() throws {
        var state = engine(cash: "1000", marks: ["SOL-USDT-SWAP": "102.43"])
        let order = try state.placeOrder(book: 0, market("SOL-USDT-SWAP", .buy, .long, "10"), now: t0)
        #expect(order.state == .filled)
        #expect(order.fillPx == d("102.43"))
        #expect(order.fee == d("-0.51215"))
        let position = try #require(state.position("SOL-USDT-SWAP", .long))
        #expect(position.margin == d("102.43"))
        #expect(position.lever == 10)
        #expect(state.books[0].cashBal == d("1000") - d("102.43") - d("0.51215"))
        #expect(state.books[0].bills.last?.type == .trade)
        #expect(state.books[0].bills.last?.subType == 3)
    }

    @Test func addingToAPositionKeepsItsIdAndWeightsTheAveragePrice() throws {
        var state = engine(cash: "5000", marks: ["SOL-USDT-SWAP": "100"])
        _ = try state.placeOrder(book: 0, market("SOL-USDT-SWAP", .buy, .long, "1"), now: t0)
        let posId = try #require(state.position("SOL-USDT-SWAP", .long)?.posId)
        try state.setMark("SOL-USDT-SWAP", d("110"), now: t0)
        _ = try state.placeOrder(book: 0, market("SOL-USDT-SWAP", .buy, .long, "3"), now: t0)
        let position = try #require(state.position("SOL-USDT-SWAP", .long))
        #expect(position.posId == posId)
        #expect(position.pos == 4)
        #expect(position.avgPx == d("107.5"))
        #expect(position.margin == d("43"))
    }

    @Test func aPartialCloseReleasesMarginProRata() throws {
        var state = engine(
            cash: "100",
            positions: [
                ScenarioPosition(instId: "SOL-USDT-SWAP", posSide: .long, pos: 4, avgPx: 100, margin: 60, lever: 10)
            ], marks: ["SOL-USDT-SWAP": "110"])
        let order = try state.placeOrder(book: 0, market("SOL-USDT-SWAP", .sell, .long, "1"), now: t0)
        #expect(order.pnl == 10)
        #expect(order.fee == d("-0.055"))
        let position = try #require(state.position("SOL-USDT-SWAP", .long))
        #expect(position.pos == 3)
        #expect(position.margin == 45)
        #expect(position.avgPx == 100)
        #expect(state.books[0].cashBal == d("100") + 15 + 10 - d("0.055"))
        #expect(state.books[0].history.last?.type == 1)
    }

    @Test func aFullCloseReturnsMarginAndPnlLessFeeAndAReopenGetsANewPositionId() throws {
        var state = engine(
            cash: "100",
            positions: [
                ScenarioPosition(instId: "ETH-USDT-SWAP", posSide: .short, pos: 1, avgPx: 3000, margin: 30, lever: 10)
            ], marks: ["ETH-USDT-SWAP": "2900"])
        let oldId = try #require(state.position("ETH-USDT-SWAP", .short)?.posId)
        let order = try state.closePosition(
            book: 0, instId: "ETH-USDT-SWAP", posSide: .short, autoCxl: false, clOrdId: "close1", tag: "", now: t0)
        #expect(order.side == .buy)
        #expect(order.pnl == 10)
        #expect(state.position("ETH-USDT-SWAP", .short) == nil)
        #expect(state.books[0].cashBal == d("100") + 30 + 10 - d("0.145"))
        #expect(state.books[0].history.last?.type == 2)
        #expect(state.books[0].history.last?.closeAvgPx == 2900)
        _ = try state.placeOrder(book: 0, market("ETH-USDT-SWAP", .sell, .short, "1"), now: t0)
        let newId = try #require(state.position("ETH-USDT-SWAP", .short)?.posId)
        #expect(newId != oldId)
    }

    @Test func anOversizeMarketCloseIsTrimmedToThePosition() throws {
        var state = engine(
            positions: [
                ScenarioPosition(instId: "SOL-USDT-SWAP", posSide: .long, pos: 2, avgPx: 100, margin: 20, lever: 10)
            ],
            marks: ["SOL-USDT-SWAP": "100"])
        let order = try state.placeOrder(book: 0, market("SOL-USDT-SWAP", .sell, .long, "5"), now: t0)
        #expect(order.sz == 2)
        #expect(order.accFillSz == 2)
        #expect(state.position("SOL-USDT-SWAP", .long) == nil)
    }

    @Test(arguments: [
        ("BTC-USDT-SWAP", "0.001", "51020"), ("BTC-USDT-SWAP", "0.015", "51121"), ("CRO-USDT-SWAP", "1.5", "51121"),
        ("BTC-USDT-SWAP", "12000.01", "51202"), ("XYZ-USDT-SWAP", "1", "51001"), ("SOL-USDT-SWAP", "1000", "51008"),
    ])
    func sizeAndBalanceRulesRefuseWithOKXCodes(instId: String, sz: String, code: String) {
        var state = engine(cash: "1000")
        let before = state.books[0].cashBal
        let result = state.code { _ = try $0.placeOrder(book: 0, market(instId, .buy, .long, sz), now: t0) }
        #expect(result == code)
        #expect(state.books[0].cashBal == before)
        #expect(state.books[0].positions.isEmpty)
    }

    @Test func balanceCoversMarginAndFeeExactlyOrRefusesWith51008() throws {
        // 1 SOL at 100, 10x: margin 10, fee 0.05.
        var refused = engine(cash: "10.04", marks: ["SOL-USDT-SWAP": "100"])
        #expect(
            refused.code { _ = try $0.placeOrder(book: 0, market("SOL-USDT-SWAP", .buy, .long, "1"), now: t0) }
                == "51008")
        var accepted = engine(cash: "10.05", marks: ["SOL-USDT-SWAP": "100"])
        #expect(
            accepted.code { _ = try $0.placeOrder(book: 0, market("SOL-USDT-SWAP", .buy, .long, "1"), now: t0) } == "0")
        #expect(accepted.books[0].cashBal == 0)
    }

    @Test func closingWithNoPositionIsRefused() {
        var state = engine()
        #expect(
            state.code { _ = try $0.placeOrder(book: 0, market("SOL-USDT-SWAP", .sell, .long, "1"), now: t0) }
                == "51169")
        let closeCode = state.code {
            _ = try $0.closePosition(
                book: 0, instId: "SOL-USDT-SWAP", posSide: .long, autoCxl: false, clOrdId: "", tag: "", now: t0)
        }
        #expect(closeCode == "51023")
    }

    @Test func aFilledMarketOrdersClientIdIsAcceptedAgainAndLookupFindsTheLatest() throws {
        var state = engine(cash: "1000")
        let first = try state.placeOrder(book: 0, market("SOL-USDT-SWAP", .buy, .long, "1", clOrdId: "same1"), now: t0)
        let second = try state.placeOrder(
            book: 0, market("SOL-USDT-SWAP", .buy, .long, "1", clOrdId: "same1"), now: t0 + 1)
        #expect(first.ordId != second.ordId)
        #expect(state.position("SOL-USDT-SWAP", .long)?.pos == 2)
        let found = state.findOrder(book: 0, instId: "SOL-USDT-SWAP", ordId: nil, clOrdId: "same1")
        #expect(found?.ordId == second.ordId)
        #expect(
            state.findOrder(book: 0, instId: "SOL-USDT-SWAP", ordId: first.ordId, clOrdId: "same1")?.ordId
                == first.ordId)
        #expect(state.findOrder(book: 0, instId: "SOL-USDT-SWAP", ordId: nil, clOrdId: "other") == nil)
        #expect(state.findOrder(book: 0, instId: "ETH-USDT-SWAP", ordId: nil, clOrdId: "same1") == nil)
    }

    @Test func aPendingOrdersClientIdIsRefusedUntilItIsCancelled() throws {
        var state = engine(cash: "1000", marks: ["SOL-USDT-SWAP": "100"])
        let resting = OrderRequest(
            instId: "SOL-USDT-SWAP", side: .buy, posSide: .long, ordType: .limit, sz: 1, px: 90, clOrdId: "rest1")
        let live = try state.placeOrder(book: 0, resting, now: t0)
        #expect(live.state == .live)
        #expect(state.books[0].availBal == d("1000") - d("9") - d("0.045"))
        #expect(
            state.code {
                _ = try $0.placeOrder(book: 0, market("SOL-USDT-SWAP", .buy, .long, "1", clOrdId: "rest1"), now: t0)
            } == "51016")
        _ = try state.cancelOrder(book: 0, instId: "SOL-USDT-SWAP", ordId: nil, clOrdId: "rest1", now: t0)
        #expect(state.books[0].availBal == 1000)
        #expect(
            state.code {
                _ = try $0.placeOrder(book: 0, market("SOL-USDT-SWAP", .buy, .long, "1", clOrdId: "rest1"), now: t0)
            } == "0")
        #expect(
            state.code {
                _ = try $0.cancelOrder(book: 0, instId: "SOL-USDT-SWAP", ordId: live.ordId, clOrdId: nil, now: t0)
            } == "51401")
    }

    @Test func pendingOrdersBlockALeverageChangeOnThatSide() throws {
        var state = engine(cash: "1000", marks: ["SOL-USDT-SWAP": "100"])
        _ = try state.placeOrder(
            book: 0, OrderRequest(instId: "SOL-USDT-SWAP", side: .buy, posSide: .long, ordType: .limit, sz: 1, px: 90),
            now: t0)
        #expect(
            state.code { try $0.setLeverage(book: 0, instId: "SOL-USDT-SWAP", posSide: .long, lever: 5, now: t0) }
                == "59101")
        #expect(
            state.code { try $0.setLeverage(book: 0, instId: "SOL-USDT-SWAP", posSide: .short, lever: 5, now: t0) }
                == "0")
    }

    @Test func aRestingLimitOrderFillsAtItsPriceWhenTheMarkReachesIt() throws {
        var state = engine(cash: "1000", marks: ["SOL-USDT-SWAP": "100"])
        let placed = try state.placeOrder(
            book: 0, OrderRequest(instId: "SOL-USDT-SWAP", side: .buy, posSide: .long, ordType: .limit, sz: 1, px: 95),
            now: t0)
        try state.setMark("SOL-USDT-SWAP", d("96"), now: t0 + 1)
        #expect(state.position("SOL-USDT-SWAP", .long) == nil)
        try state.setMark("SOL-USDT-SWAP", d("94.5"), now: t0 + 2)
        let filled = try #require(state.findOrder(book: 0, instId: "SOL-USDT-SWAP", ordId: placed.ordId, clOrdId: nil))
        #expect(filled.state == .filled)
        #expect(filled.fillPx == 95)
        #expect(filled.fee == d("-0.019"))
        #expect(state.position("SOL-USDT-SWAP", .long)?.avgPx == 95)
        #expect(state.books[0].cashBal == d("1000") - d("9.5") - d("0.019"))
        #expect(state.books[0].ordFrozen == 0)
    }

    @Test func anOrderBeyondTheTierCapForTheLeverageIsRefusedWith51004() {
        // At 100x only tier 1 (up to 4,000 contracts) allows the leverage.
        var state = engine(cash: "100000000", marks: ["BTC-USDT-SWAP": "100"])
        #expect(
            state.code { try $0.setLeverage(book: 0, instId: "BTC-USDT-SWAP", posSide: .long, lever: 100, now: t0) }
                == "0")
        let order = { (sz: String) in
            OrderRequest(instId: "BTC-USDT-SWAP", side: .buy, posSide: .long, ordType: .limit, sz: d(sz), px: 90)
        }
        #expect(state.code { _ = try $0.placeOrder(book: 0, order("4000.01"), now: t0) } == "51004")
        #expect(state.code { _ = try $0.placeOrder(book: 0, order("4000"), now: t0) } == "0")
    }

    @Test func closePositionNeedsAutoCancelWhenClosingOrdersArePending() throws {
        var state = engine(
            positions: [
                ScenarioPosition(instId: "SOL-USDT-SWAP", posSide: .long, pos: 2, avgPx: 100, margin: 20, lever: 10)
            ], marks: ["SOL-USDT-SWAP": "100"])
        let resting = try state.placeOrder(
            book: 0,
            OrderRequest(instId: "SOL-USDT-SWAP", side: .sell, posSide: .long, ordType: .limit, sz: 1, px: 120),
            now: t0)
        #expect(resting.state == .live)
        #expect(state.books[0].ordFrozen == 0)
        let blocked = state.code {
            _ = try $0.closePosition(
                book: 0, instId: "SOL-USDT-SWAP", posSide: .long, autoCxl: false, clOrdId: "", tag: "", now: t0)
        }
        #expect(blocked == "51115")
        _ = try state.closePosition(
            book: 0, instId: "SOL-USDT-SWAP", posSide: .long, autoCxl: true, clOrdId: "", tag: "", now: t0)
        #expect(state.position("SOL-USDT-SWAP", .long) == nil)
        let cancelled = state.findOrder(book: 0, instId: "SOL-USDT-SWAP", ordId: resting.ordId, clOrdId: nil)
        #expect(cancelled?.state == .canceled)
    }

    @Test func aFilledOrderCannotBeCancelled() throws {
        var state = engine()
        let order = try state.placeOrder(
            book: 0, OrderRequest(instId: "SOL-USDT-SWAP", side: .buy, posSide: .long, sz: 1), now: t0)
        let code = state.code {
            _ = try $0.cancelOrder(book: 0, instId: "SOL-USDT-SWAP", ordId: order.ordId, clOrdId: nil, now: t0)
        }
        #expect(code == "51402")
        let unknown = state.code {
            _ = try $0.cancelOrder(book: 0, instId: "SOL-USDT-SWAP", ordId: "42", clOrdId: nil, now: t0)
        }
        #expect(unknown == "51400")
    }

    @Test func raisingLeverageBeyondWhatTheOpenSizeAllowsIsRefusedWith59247() throws {
        var state = engine(
            cash: "100000000",
            positions: [
                ScenarioPosition(
                    instId: "BTC-USDT-SWAP", posSide: .long, pos: 5_000, avgPx: 100, margin: 50_000, lever: 10)
            ], marks: ["BTC-USDT-SWAP": "100"])
        let code = state.code {
            try $0.setLeverage(book: 0, instId: "BTC-USDT-SWAP", posSide: .long, lever: 100, now: t0)
        }
        #expect(code == "59247")
        #expect(state.position("BTC-USDT-SWAP", .long)?.lever == 10)
    }
}
