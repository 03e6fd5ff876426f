import Foundation
import OKX
import TestSupport
import Testing

@Suite struct DecodingTests {
    /// A client whose every reply comes from one fixture, whatever was asked.
    func client(replying text: String) -> OKXClient {
        makeClient { request in
            if path(of: request) == "/api/v5/public/time" {
                return .json(#"{"code":"0","msg":"","data":[{"ts":"\#(Int64(Date().timeIntervalSince1970 * 1000))"}]}"#)
            }
            return .json(text)
        }.0
    }

    @Test func serverTimeIsMilliseconds() async throws {
        let (client, _) = makeClient { _ in .json(Fixtures.time) }
        #expect(try await client.serverTime() == 1_715_000_000_123)
    }

    @Test func instrumentsKeepDecimalsAndIgnoreUnknownFields() async throws {
        let instruments = try await client(replying: Fixtures.instruments).swapInstruments()
        #expect(instruments.count == 2)
        let btc = try #require(instruments.first)
        #expect(btc.instId == "BTC-USDT-SWAP")
        #expect(btc.ctVal == Decimal(string: "0.01"))
        #expect(btc.lotSz == Decimal(string: "0.01"))
        #expect(btc.tickSz == Decimal(string: "0.1"))
        #expect(btc.maxLever == 100)
        #expect(btc.maxMktSz == 12000)
        let cro = instruments[1]
        #expect(cro.tickSz == Decimal(string: "0.00001"))
        #expect(cro.contractValue == 10)
        #expect(cro.maxLmtSz == nil)
    }

    @Test func positionsDecodeEveryFieldTheEngineUses() async throws {
        let positions = try await client(replying: Fixtures.positions).positions()
        let btc = try #require(positions.first)
        #expect(btc.posId == "1752810569801498626")
        #expect(btc.posSide == .long)
        #expect(btc.pos == 2)
        #expect(btc.avgPx == 60000)
        #expect(btc.margin == 120)
        #expect(btc.mmr == Decimal(string: "4.824"))
        #expect(btc.upl == 6)
        #expect(btc.uplRatio == Decimal(string: "0.05"))
        #expect(btc.liqPx == Decimal(string: "54244.1984429934"))
        #expect(btc.mgnRatio == Decimal(string: "23.2172470978441"))
        #expect(btc.lever == 10)
        #expect(btc.cTime == 1_715_000_000_000)
        #expect(btc.isOpen)
    }

    @Test func emptyStringsMeanAbsentNotZero() async throws {
        let positions = try await client(replying: Fixtures.positions).positions()
        let closed = positions[1]
        #expect(!closed.isOpen)
        #expect(closed.avgPx == nil)
        #expect(closed.margin == nil)
        #expect(closed.uplRatio == nil)
        #expect(closed.markPx == Decimal(string: "0.0926"))
    }

    @Test func balanceReadsTheUsdtRow() async throws {
        let balance = try await client(replying: Fixtures.balance).balance()
        #expect(balance.totalEq == Decimal(string: "1005.1"))
        let usdt = try #require(balance.usdt)
        #expect(usdt.availBal == Decimal(string: "879.4"))
        #expect(usdt.frozenBal == 126)
        #expect(usdt.eq == Decimal(string: "1005.4"))
    }

    @Test func accountConfigurationTellsMainFromSub() async throws {
        let config = try await client(replying: Fixtures.accountConfig).accountConfiguration()
        #expect(config.posMode == "long_short_mode")
        #expect(config.acctLv == "2")
        #expect(!config.isSubAccount)
    }

    @Test func leverageRowsPerSide() async throws {
        let rows = try await client(replying: Fixtures.leverageInfo).leverageInfo(instIds: ["CRO-USDT-SWAP"])
        #expect(rows.map(\.posSide) == [.long, .short])
        #expect(rows.map(\.lever) == [10, 5])
    }

    @Test func setLeverageEchoesTheSetting() async throws {
        let result = try await client(replying: Fixtures.setLeverage).setLeverage(
            instId: "CRO-USDT-SWAP", leverage: 10, posSide: .long)
        #expect(result.lever == 10)
        #expect(result.posSide == .long)
    }

    @Test func marginAdjustmentReply() async throws {
        let result = try await client(replying: Fixtures.marginBalance).adjustMargin(
            instId: "CRO-USDT-SWAP", posSide: .long, type: .reduce, amount: 5)
        #expect(result.type == .reduce)
        #expect(result.amt == 5)
        #expect(result.leverage == Decimal(string: "6.6"))
    }

    @Test func placeOrderAcknowledgement() async throws {
        let ack = try await client(replying: Fixtures.placeOrderOK).placeOrder(
            OrderRequest(instId: "CRO-USDT-SWAP", side: .buy, posSide: .long, size: 108, clientOrderId: "a1s1t1"))
        #expect(ack.ordId == "312269865356374016")
        #expect(ack.sCode == "0")
    }

    @Test func orderDetailsWithStringBooleans() async throws {
        let order = try #require(
            try await client(replying: Fixtures.order).order(instId: "CRO-USDT-SWAP", clientOrderId: "a1s1t1"))
        #expect(order.state == .filled)
        #expect(order.accFillSz == 108)
        #expect(order.reduceOnly == false)
        #expect(order.fee == Decimal(string: "-0.05"))
        #expect(order.category == "normal")
    }

    @Test func closePositionHasNoOrderId() async throws {
        let ack = try await client(replying: Fixtures.closePosition).closePosition(
            instId: "APT-USDT-SWAP", posSide: .long, clientOrderId: "a1s0t1")
        #expect(ack.clOrdId == "a1s0t1")
        #expect(ack.posSide == .long)
    }

    @Test func markTickerTiersAndBills() async throws {
        #expect(
            try await client(replying: Fixtures.markPrice).markPrice(instId: "CRO-USDT-SWAP").markPx
                == Decimal(string: "0.0926"))
        #expect(
            try await client(replying: Fixtures.ticker).ticker(instId: "CRO-USDT-SWAP").bidPx
                == Decimal(string: "0.0926"))
        let tiers = try await client(replying: Fixtures.positionTiers).positionTiers(instFamily: "BTC-USDT")
        #expect(tiers.map(\.tier) == [1, 2])
        #expect(tiers[0].mmr == Decimal(string: "0.004"))
        let bills = try await client(replying: Fixtures.bills).bills(instId: "CRO-USDT-SWAP", type: "6")
        #expect(bills.first?.subType == "161")
        #expect(bills.first?.posBalChg == -5)
    }

    @Test func aMissingRequiredFieldIsAnUnreadableReply() async throws {
        let reply = #"{"code":"0","msg":"","data":[{"instId":"BTC-USDT-SWAP","ctVal":"0.01"}]}"#
        let error = await #expect(throws: OKXError.self) { try await client(replying: reply).swapInstruments() }
        #expect(error?.malformedReply == true)
        #expect(error?.description.contains("lotSz") == true)
    }

    @Test func aNumberWithTrailingGarbageIsRefusedNotTruncated() async throws {
        let reply = #"{"code":"0","msg":"","data":[{"instId":"X-USDT-SWAP","markPx":"12abc"}]}"#
        let error = await #expect(throws: OKXError.self) {
            try await client(replying: reply).markPrice(instId: "X-USDT-SWAP")
        }
        #expect(error?.description.contains("markPx") == true)
    }

    @Test func itemErrorsOfAllFailedOrdersCarrySCode() async throws {
        let error = await #expect(throws: OKXError.self) {
            try await client(replying: Fixtures.placeOrderInsufficient).placeOrder(
                OrderRequest(instId: "APT-USDT-SWAP", side: .buy, posSide: .long, size: 181, clientOrderId: "a1s2t1"))
        }
        #expect(error?.code == "1")
        #expect(error?.itemCode == "51008")
        #expect(error?.okxCode == "51008")
        #expect(error?.classification == .final)
        #expect(error?.description.hasPrefix("51008 insufficient balance or margin") == true)
    }

    @Test func partlyFailedRepliesReportTheFailedItem() async throws {
        let error = await #expect(throws: OKXError.self) {
            try await client(replying: Fixtures.batchPartly).placeOrder(
                OrderRequest(instId: "APT-USDT-SWAP", side: .buy, posSide: .long, size: 1, clientOrderId: "b1"))
        }
        #expect(error?.code == "2")
        #expect(error?.itemCode == "51121")
    }

    @Test func unknownOrderByClientIdIsNil() async throws {
        let reply = #"{"code":"51603","msg":"Order does not exist","data":[]}"#
        #expect(try await client(replying: reply).order(instId: "APT-USDT-SWAP", clientOrderId: "zz") == nil)
    }
}
