import Foundation
import LoopbackClient
import PaperExchange

/// A reply parsed loosely with JSONSerialization (the tests read OKX's JSON the way a client would).
struct Reply {
    var status: Int
    var text: String
    var closedWithoutReply = false

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    var code: String { json["code"] as? String ?? "" }

    var msg: String { json["msg"] as? String ?? "" }

    var data: [[String: Any]] { json["data"] as? [[String: Any]] ?? [] }

    /// A string field of the first data row.
    func first(_ field: String) -> String? { data.first?[field] as? String }
}

/// A tiny signing OKX client over the loopback client, built on the OKX module's `RequestSigner`.
struct TestClient {
    let server: PaperExchangeServer
    let http: LoopbackHTTPClient

    init(_ server: PaperExchangeServer, timeoutMs: Int = 10_000) {
        self.server = server
        http = LoopbackHTTPClient(port: server.port, timeoutMs: timeoutMs)
    }

    func account(_ name: String) -> SimAccount {
        guard let account = server.account(named: name) else { fatalError("no account \(name)") }
        return account
    }

    /// The current exchange timestamp, shifted by `skewMs`.
    func timestamp(skewMs: Int64 = 0) -> String {
        SignedRequest.timestamp(epochMilliseconds: server.now + skewMs)
    }

    /// A raw request with the given headers; a closed connection becomes `closedWithoutReply`.
    func raw(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: String = ""
    ) async throws -> Reply {
        do {
            let response = try await http.send(method: method, target: target, headers: headers, body: Array(body.utf8))
            return Reply(status: response.status, text: response.text)
        } catch let failure as LoopbackHTTPClient.Failure where failure.isClosedWithoutReply {
            return Reply(status: 0, text: "", closedWithoutReply: true)
        }
    }

    /// A signed GET of `target` (signed exactly as sent) for an account.
    func get(_ target: String, as name: String = "main") async throws -> Reply {
        let headers = SignedRequest.headers(
            account: account(name), method: "GET", target: target, timestamp: timestamp())
        return try await raw("GET", target, headers: headers)
    }

    /// A signed POST of a JSON body for an account.
    func post(_ path: String, _ body: String, as name: String = "main") async throws -> Reply {
        let headers = SignedRequest.headers(
            account: account(name), method: "POST", target: path, body: body, timestamp: timestamp())
        return try await raw("POST", path, headers: headers, body: body)
    }
}

/// Runs `body` against a fresh exchange on an ephemeral loopback port, then stops it.
func withExchange(
    _ scenario: Scenario = BuiltInScenarios.demo, options: PaperExchangeOptions = testOptions(),
    _ body: (PaperExchangeServer, TestClient) async throws -> Void
) async throws {
    let server = try await PaperExchangeServer.start(scenario: scenario, options: options)
    do {
        try await body(server, TestClient(server))
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

/// Still marks, no rate limits unless asked: tests decide what they exercise.
func testOptions(rateLimits: Bool = false, admin: Bool = false) -> PaperExchangeOptions {
    var options = PaperExchangeOptions()
    options.rateLimits = rateLimits
    options.admin = admin
    return options
}

/// An order body.
func orderBody(
    _ instId: String, side: String, posSide: String?, sz: String, clOrdId: String? = nil, ordType: String = "market"
) -> String {
    var fields = ["\"instId\":\"\(instId)\"", "\"tdMode\":\"isolated\"", "\"side\":\"\(side)\""]
    if let posSide { fields.append("\"posSide\":\"\(posSide)\"") }
    fields.append("\"ordType\":\"\(ordType)\"")
    fields.append("\"sz\":\"\(sz)\"")
    if let clOrdId { fields.append("\"clOrdId\":\"\(clOrdId)\"") }
    return "{" + fields.joined(separator: ",") + "}"
}
