import Foundation
import OKX
import Synchronization
import TestSupport
import Testing

/// `OKXClient.positions(of:)`: the accounts of a poll read in one batch give what each account's own
/// `positions()` gives, failures and retries included.
@Suite struct BatchPositionsTests {
    static let position =
        #"{"instId":"BTC-USDT-SWAP","posSide":"long","pos":"2","avgPx":"60000","markPx":"60300","#
        + #""upl":"60","uplRatio":"0.05","lever":"10","margin":"120","mgnMode":"isolated","posId":"1"}"#

    /// Four accounts on one transport: one answers at once, one is rate limited first, one fails for good, one
    /// has a server error first. Keys tell the accounts apart.
    static func fleet() -> (clients: [OKXClient], transport: InMemoryTransport) {
        let attempts = Mutex<[String: Int]>([:])
        let transport = InMemoryTransport { request in
            let key = request.headers.first { $0.name == "OK-ACCESS-KEY" }?.value ?? ""
            let attempt = attempts.withLock { counts in
                counts[key, default: 0] += 1
                return counts[key]!
            }
            if request.url.contains("/public/time") {
                return .json(#"{"code":"0","msg":"","data":[{"ts":"\#(Int(Date().timeIntervalSince1970 * 1000))"}]}"#)
            }
            switch (key, attempt) {
            case ("k1", 1): return .json(#"{"code":"50011","msg":"Too Many Requests","data":[]}"#)
            case ("k2", _): return .json(#"{"code":"50113","msg":"Invalid Sign","data":[]}"#)
            case ("k3", 1): return .json("<html>busy</html>", status: 503)
            default: return .json(#"{"code":"0","msg":"","data":[\#(position)]}"#)
            }
        }
        let retry = RetryPolicy(baseDelay: .milliseconds(1), rateLimitBackoff: .milliseconds(1))
        let clients = (0..<4).map { index in
            OKXClient(
                baseURL: "http://127.0.0.1:9",
                credentials: Credentials(apiKey: "k\(index)", secretKey: "s", passphrase: "p"),
                transport: transport, retry: retry)
        }
        return (clients, transport)
    }

    @Test func eachAccountGetsWhatItsOwnReadGives() async throws {
        let (clients, transport) = Self.fleet()
        let results = await OKXClient.positions(of: clients)
        #expect(results.count == 4)
        let expected = try Position(fields: OKXFields(try JSONValue.parse(Array(Self.position.utf8))))
        for index in [0, 1, 3] {
            guard case .success(let positions) = results[index] else {
                Issue.record("account \(index): \(results[index])")
                continue
            }
            #expect(positions == [expected])
        }
        guard case .failure(let error) = results[2] else {
            Issue.record("account 2 should fail: \(results[2])")
            return
        }
        #expect(error.code == "50113")
        // Each sent once in the batch; the rate-limited and the 503 once more; the refused one was not retried.
        let positionRequests = transport.requests.filter { $0.url.contains("/account/positions") }
        let perKey = Dictionary(grouping: positionRequests) { request in
            request.headers.first { $0.name == "OK-ACCESS-KEY" }?.value ?? ""
        }.mapValues(\.count)
        #expect(perKey == ["k0": 1, "k1": 2, "k2": 1, "k3": 2])
    }

    /// The batch sends the very request `positions()` sends: the same target, the same headers, signed.
    @Test func theBatchSendsWhatASingleReadSends() async throws {
        let (clients, transport) = Self.fleet()
        _ = await OKXClient.positions(of: [clients[0]])
        _ = try await clients[0].positions()
        let sent = transport.requests.filter { $0.url.contains("/account/positions") }
        #expect(sent.count == 2)
        #expect(sent[0].url == sent[1].url)
        #expect(sent[0].url.hasSuffix("/api/v5/account/positions?instType=SWAP"))
        let names = { (request: HTTPRequest) in request.headers.map(\.name) }
        #expect(names(sent[0]) == names(sent[1]))
        #expect(sent[0].headers.contains { $0.name == "OK-ACCESS-SIGN" && !$0.value.isEmpty })
    }

    /// Clients on different transports are read each through its own, with the same results.
    @Test func clientsOnDifferentTransportsAreReadEachOnItsOwn() async throws {
        let (first, one) = Self.fleet()
        let (second, two) = Self.fleet()
        let results = await OKXClient.positions(of: [first[0], second[0]])
        for result in results {
            guard case .success(let positions) = result else {
                Issue.record("\(result)")
                continue
            }
            #expect(positions.count == 1)
        }
        #expect(one.requests.filter { $0.url.contains("/account/positions") }.count == 1)
        #expect(two.requests.filter { $0.url.contains("/account/positions") }.count == 1)
        #expect(await OKXClient.positions(of: []).isEmpty)
    }
}
