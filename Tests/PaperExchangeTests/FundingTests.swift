import Foundation
import PaperExchange
import Testing

/// Funding every 8 hours of exchange time: from isolated margin, from cross cash, in bills and in realizedPnl.
@Suite struct FundingTests {
    /// t0 is 1_750_000_000_000 ms; the next 00:00/08:00/16:00 UTC boundary is 3_200_000 ms later.
    private let boundary = t0 + 3_200_000

    private func fundedState() -> ExchangeState {
        shapesState([
            holder(
                positions: [
                    seeded("BTC-USDT-SWAP", .long, "1", at: "96000", margin: "96"),
                    seeded("ETH-USDT-SWAP", .short, "1", at: "3150", mgnMode: .cross),
                ])
        ])
    }

    @Test func theSettlementTimesAreEightHourBoundariesOfUTC() {
        #expect(ExchangeState.fundingBoundary(after: t0) == boundary)
        #expect(boundary % 28_800_000 == 0)
        #expect(ExchangeState.fundingBoundary(after: boundary) == boundary + 28_800_000)
        #expect(fundedState().nextFundingMs == boundary)
    }

    @Test func nothingIsChargedBeforeTheBoundaryAndEveryPositionSettlesAtIt() throws {
        var state = fundedState()
        state.advance(to: boundary - 1)
        #expect(state.books[0].bills.isEmpty)
        state.advance(to: boundary)
        let btc = try #require(state.position("BTC-USDT-SWAP", .isolated, .long))
        #expect(btc.margin == d("95.904"))  // 960 × 0.0001 paid from the margin
        #expect(btc.fundingFee == d("-0.096"))
        #expect(btc.realizedPnl == d("-0.096"))
        let eth = try #require(state.position("ETH-USDT-SWAP", .cross, .short))
        #expect(eth.fundingFee == d("0.0315"))  // 315 × 0.0001 received, into cash
        #expect(state.books[0].cashBal == d("1000.0315"))
        let bills = state.books[0].bills
        #expect(bills.map(\.type) == [.fundingFee, .fundingFee])
        let expense = try #require(bills.first { $0.instId == "BTC-USDT-SWAP" })
        #expect(expense.subType == 173)
        #expect(expense.posBalChg == d("-0.096"))
        #expect(expense.balChg == 0)
        #expect(expense.ts == boundary)
        let income = try #require(bills.first { $0.instId == "ETH-USDT-SWAP" })
        #expect(income.subType == 174)
        #expect(income.balChg == d("0.0315"))
        #expect(income.mgnMode == .cross)
        state.advance(to: boundary + 16 * 3_600_000)
        #expect(state.books[0].bills.count == 6)
        #expect(state.position("BTC-USDT-SWAP", .isolated, .long)?.fundingFee == d("-0.288"))
    }

    @Test func aNegativeRatePaysTheLongs() throws {
        var state = fundedState()
        try state.setFundingRate("BTC-USDT-SWAP", d("-0.0002"))
        state.advance(to: boundary)
        #expect(state.position("BTC-USDT-SWAP", .isolated, .long)?.fundingFee == d("0.192"))
        #expect(state.books[0].bills.first { $0.instId == "BTC-USDT-SWAP" }?.subType == 174)
    }

    @Test func overHTTPTheFundingRateEndpointAndTheAdvancedClockAgree() async throws {
        try await withExchange(BuiltInScenarios.shapes, options: testOptions(admin: true)) { server, client in
            let rate = try await client.raw("GET", "/api/v5/public/funding-rate?instId=BTC-USDT-SWAP")
            #expect(rate.first("fundingRate") == "0.0001")
            #expect(rate.first("instType") == "SWAP")
            let fundingTime = try #require(rate.first("fundingTime").flatMap { Int64($0) })
            #expect(fundingTime % 28_800_000 == 0)
            #expect(fundingTime > server.now)
            #expect(rate.first("nextFundingTime") == String(fundingTime + 28_800_000))
            let missing = try await client.raw("GET", "/api/v5/public/funding-rate")
            #expect(missing.code == "50014")
            let set = try await client.raw(
                "POST", "/__sim/funding-rate", body: "{\"instId\":\"BTC-USDT-SWAP\",\"fundingRate\":\"0.0003\"}")
            #expect(set.code == "0")
            server.advanceTime(milliseconds: fundingTime - server.now + 1)
            let positions = try await client.get("/api/v5/account/positions?instId=BTC-USDT-SWAP", as: "Hedge01")
            #expect(positions.data.allSatisfy { ($0["fundingFee"] as? String)?.hasPrefix("-") == true })
            let bills = try await client.get("/api/v5/account/bills?type=8", as: "Hedge01")
            #expect(bills.data.count == 2)
            #expect(Set(bills.data.compactMap { $0["subType"] as? String }) == ["173"])
        }
    }
}
