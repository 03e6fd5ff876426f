import AnchorCore
import AnchorStore
import Foundation
import OKX
import TestSupport
import Testing

/// Replies recorded from the real OKX, served over loopback HTTP to the real client: the shapes the paper exchange
/// did not make at first (cross beside isolated on one instrument and side, a coin-margined swap) are read, shown
/// with their currency, kept apart and never planned.
@Suite(.serialized) struct RecordedShapesTests {
    /// The data items of a recorded reply.
    static func items(_ reply: String) -> [String] {
        guard let data = reply.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let items = object["data"] as? [[String: Any]]
        else { return [] }
        return items.compactMap { item in
            (try? JSONSerialization.data(withJSONObject: item)).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The recorded BTC-USD-SWAP cross long and isolated long, in one reply: the same instrument and side twice.
    static let bothModes =
        #"{"code":"0","msg":"","data":["#
        + (items(RecordedReplies.inverseCross) + items(RecordedReplies.inverseIsolated)
        + items(RecordedReplies.linearCross)).joined(separator: ",") + "]}"

    func positionsOverHTTP() async throws -> [Position] {
        let server = try LoopbackHTTPServer { request in
            if request.path == "/api/v5/public/time" {
                return .json(#"{"code":"0","msg":"","data":[{"ts":"\#(Int64(Date().timeIntervalSince1970 * 1000))"}]}"#)
            }
            return .json(Self.bothModes)
        }
        defer { server.stop() }
        let transport = CurlTransport()
        defer { transport.shutdown() }
        let client = OKXClient(
            baseURL: server.baseURL, credentials: Credentials(apiKey: "k", secretKey: "s", passphrase: "p"),
            transport: transport)
        return try await client.positions()
    }

    @Test func theRealShapesAreReadWithTheirModeCurrencyAndDirection() async throws {
        let positions = try await positionsOverHTTP()
        #expect(positions.count == 3)
        let cross = try #require(positions.first { $0.instId == "BTC-USD-SWAP" && $0.mgnMode == "cross" })
        let isolated = try #require(positions.first { $0.instId == "BTC-USD-SWAP" && $0.mgnMode == "isolated" })
        #expect(cross.margin == nil, "OKX sends margin \"\" in cross")
        #expect(cross.imr == dec("0.000054313938912"))
        #expect(isolated.imr == nil, "and imr \"\" in isolated")
        #expect(isolated.margin == dec("0.0003611412062116"))
        #expect(isolated.ccy == "BTC")
        #expect(isolated.direction == .long)
        #expect(cross.posId != isolated.posId)
    }

    @Test func crossBesideIsolatedAreTwoRowsAndACoinIsNeverCountedAsUSDT() async throws {
        let positions = try await positionsOverHTTP()
        let snapshot = SnapshotBuilder.build(
            generation: 1, now: Date(),
            readings: [
                AccountReading(name: "Hedge01", role: .sub, managed: true, positions: positions, fetchedAt: Date())
            ], instruments: ["BTC-USD-SWAP": Build.btcInverse], counts: [:], holds: [:], policy: .houseDefault,
            staleAfter: 10)
        #expect(snapshot.positions.count == 3)
        #expect(Set(snapshot.positions.map(\.key)).count == 3, "cross and isolated on one side are two keys")
        let inverse = try #require(
            snapshot.positions.first { $0.key.instId == "BTC-USD-SWAP" && $0.key.mgnMode == .isolated })
        #expect(inverse.status == .watched(.coinMargined("BTC")))
        #expect(inverse.band == nil, "no USDT band for a coin-margined position")
        #expect(inverse.notional == 100, "an inverse contract is 100 USD: pos × ctVal, not pos × ctVal × mark")
        #expect(inverse.notionalCurrency == "USD")
        #expect(inverse.currency == "BTC")
        let crossInverse = try #require(
            snapshot.positions.first { $0.key.instId == "BTC-USD-SWAP" && $0.key.mgnMode == .cross })
        #expect(crossInverse.status == .watched(.cross))
        let ltc = try #require(snapshot.positions.first { $0.key.instId == "LTC-USDT-SWAP" })
        #expect(ltc.status == .watched(.cross))
        // PnL by currency: the two BTC amounts add up in BTC, the USDT card has only LTC's 0.
        let btc = positions.filter { $0.ccy == "BTC" }.compactMap(\.upl).reduce(0, +)
        #expect(snapshot.totals.subPnL["BTC"] == btc)
        #expect(snapshot.totals.subPnL.usdt == 0)
        #expect(snapshot.totals.combinedPnL.ordered.map(\.currency) == ["USDT", "BTC"])
    }
}
