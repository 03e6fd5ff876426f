import Foundation
import LoopbackClient
import PaperExchange
import Testing

/// OKX's signature check over the raw request target and raw body, and its auth error codes (all HTTP 401).
@Suite struct HTTPAuthTests {
    private let target = "/api/v5/account/balance"

    @Test func aCorrectlySignedRequestIsServed() async throws {
        try await withExchange { _, client in
            let reply = try await client.get(target)
            #expect(reply.status == 200)
            #expect(reply.code == "0")
        }
    }

    @Test func anUnknownKeyIsRefusedWith50111() async throws {
        try await withExchange { _, client in
            var stranger = client.account("main")
            stranger.apiKey = "00000000-0000-0000-0000-000000000000"
            let headers = SignedRequest.headers(
                account: stranger, method: "GET", target: target, timestamp: client.timestamp())
            let reply = try await client.raw("GET", target, headers: headers)
            #expect(reply.status == 401)
            #expect(reply.code == "50111")
        }
    }

    @Test func aWrongPassphraseIsRefusedWith50105() async throws {
        try await withExchange { _, client in
            var account = client.account("main")
            account.passphrase = "not-it"
            let headers = SignedRequest.headers(
                account: account, method: "GET", target: target, timestamp: client.timestamp())
            let reply = try await client.raw("GET", target, headers: headers)
            #expect(reply.status == 401)
            #expect(reply.code == "50105")
        }
    }

    @Test func aWrongSecretIsRefusedWith50113() async throws {
        try await withExchange { _, client in
            var account = client.account("main")
            account.secretKey = "0123456789ABCDEF0123456789ABCDEF"
            let headers = SignedRequest.headers(
                account: account, method: "GET", target: target, timestamp: client.timestamp())
            let reply = try await client.raw("GET", target, headers: headers)
            #expect(reply.status == 401)
            #expect(reply.code == "50113")
        }
    }

    /// 35 s off is refused and 25 s off accepted: five seconds either side of the 30 s window, so that a loaded
    /// machine's delay between signing and the server's check cannot move a case across it.
    @Test(arguments: [Int64(35_000), -35_000])
    func aTimestampMoreThanThirtySecondsOffIsRefusedWith50102(skewMs: Int64) async throws {
        try await withExchange { _, client in
            let stale = SignedRequest.headers(
                account: client.account("main"), method: "GET", target: target,
                timestamp: client.timestamp(skewMs: skewMs))
            let reply = try await client.raw("GET", target, headers: stale)
            #expect(reply.status == 401)
            #expect(reply.code == "50102")
            let close = SignedRequest.headers(
                account: client.account("main"), method: "GET", target: target,
                timestamp: client.timestamp(skewMs: skewMs > 0 ? 25_000 : -25_000))
            #expect(try await client.raw("GET", target, headers: close).code == "0")
        }
    }

    @Test func aMalformedTimestampIsRefusedWith50112() async throws {
        try await withExchange { _, client in
            let headers = SignedRequest.headers(
                account: client.account("main"), method: "GET", target: target, timestamp: "2024-05-06 07:08:09")
            let reply = try await client.raw("GET", target, headers: headers)
            #expect(reply.status == 401)
            #expect(reply.code == "50112")
        }
    }

    @Test(arguments: [
        ("OK-ACCESS-KEY", "50103"), ("OK-ACCESS-PASSPHRASE", "50104"), ("OK-ACCESS-SIGN", "50106"),
        ("OK-ACCESS-TIMESTAMP", "50107"),
    ])
    func aMissingHeaderIsRefusedWithItsCode(header: String, code: String) async throws {
        try await withExchange { _, client in
            let headers = SignedRequest.headers(
                account: client.account("main"), method: "GET", target: target, timestamp: client.timestamp()
            ).filter { $0.0 != header }
            let reply = try await client.raw("GET", target, headers: headers)
            #expect(reply.status == 401)
            #expect(reply.code == code)
        }
    }

    /// python-okx sends `x-simulated-trading: 0` on every live request: the default (`any`) key takes it like no
    /// header at all (it used to be refused with 50101, which no live OKX key does).
    @Test func theDemoHeaderMayBeOneZeroOrAbsentWithTheDefaultKey() async throws {
        try await withExchange { _, client in
            let account = client.account("main")
            for flag in [nil, "0", "1"] as [String?] {
                let headers = SignedRequest.headers(
                    account: account, method: "GET", target: target, timestamp: client.timestamp(), simulated: flag)
                let reply = try await client.raw("GET", target, headers: headers)
                #expect(reply.code == "0", "x-simulated-trading: \(flag ?? "absent")")
            }
        }
    }

    @Test func aPercentEncodedQueryVerifiesAsSentAndIsDecodedForFiltering() async throws {
        try await withExchange { _, client in
            let encoded = "/api/v5/account/positions?instType=SWAP&instId=BTC-USDT-SWAP%2CSOL-USDT-SWAP"
            let reply = try await client.get(encoded)
            #expect(reply.code == "0")
            let ids = Set(reply.data.compactMap { $0["instId"] as? String })
            #expect(ids == ["BTC-USDT-SWAP", "SOL-USDT-SWAP"])
            #expect(reply.data.count == 4)
            // Signing the decoded form while sending the encoded one does not verify.
            let decoded = "/api/v5/account/positions?instType=SWAP&instId=BTC-USDT-SWAP,SOL-USDT-SWAP"
            let headers = SignedRequest.headers(
                account: client.account("main"), method: "GET", target: decoded, timestamp: client.timestamp())
            #expect(try await client.raw("GET", encoded, headers: headers).code == "50113")
        }
    }

    @Test func theBodyIsVerifiedByteForByteIncludingItsSpacing() async throws {
        try await withExchange { _, client in
            let path = "/api/v5/account/set-leverage"
            let pythonStyle =
                "{\"instId\": \"SOL-USDT-SWAP\", \"lever\": \"5\", \"mgnMode\": \"isolated\", \"posSide\": \"long\"}"
            let accepted = try await client.post(path, pythonStyle)
            #expect(accepted.code == "0")
            let compact = "{\"instId\":\"SOL-USDT-SWAP\",\"lever\":\"6\",\"mgnMode\":\"isolated\",\"posSide\":\"long\"}"
            let headers = SignedRequest.headers(
                account: client.account("main"), method: "POST", target: path, body: compact,
                timestamp: client.timestamp())
            let tampered = compact.replacingOccurrences(of: "\"6\"", with: "\"7\"")
            #expect(try await client.raw("POST", path, headers: headers, body: tampered).code == "50113")
        }
    }

    @Test func publicEndpointsNeedNoSignatureButAcceptOne() async throws {
        try await withExchange { _, client in
            let target = "/api/v5/public/time"
            let unsigned = try await client.raw("GET", target)
            let signed = try await client.get(target)
            #expect(unsigned.code == "0")
            #expect(signed.code == "0")
            #expect(unsigned.first("ts") != nil)
        }
    }
}
