import Foundation
import Testing

@testable import OKX

@Suite struct SigningTests {
    let secret = "TEST-SECRET-0123456789abcdef"
    let timestamp = "2024-05-06T07:08:09.123Z"

    @Test func vectorACompactPostBody() {
        let body = #"""
            {"instId":"BTC-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market",\#
            "sz":"2","clOrdId":"dash20240506a"}
            """#
        let signature = RequestSigner.signature(
            timestamp: timestamp, method: "POST", requestPath: "/api/v5/trade/order", body: body, secret: secret)
        #expect(signature == "d3Np9tl2aOq1d5N/liWc+VSXLLOjLSYRaqlbJwJ4/v0=")
    }

    @Test func vectorAPrimePythonOkxSpacing() {
        let body = #"""
            {"instId": "BTC-USDT-SWAP", "tdMode": "isolated", "side": "buy", "posSide": "long", \#
            "ordType": "market", "sz": "2", "clOrdId": "dash20240506a"}
            """#
        let signature = RequestSigner.signature(
            timestamp: timestamp, method: "POST", requestPath: "/api/v5/trade/order", body: body, secret: secret)
        #expect(signature == "o39OicQRklvK9/YxbKuUPzdshQCyTmjFNl7L1y5rIsc=")
    }

    @Test func vectorBGetWithQueryAndEmptyBody() {
        let signature = RequestSigner.signature(
            timestamp: timestamp, method: "GET",
            requestPath: "/api/v5/account/positions?instType=SWAP&instId=BTC-USDT-SWAP", body: "", secret: secret)
        #expect(signature == "QcBHLXw5ABbMyO9A9DkYXMXvWjY6dYCT0c71az1W4HU=")
    }

    @Test func methodIsUppercasedInThePrehash() {
        #expect(RequestSigner.prehash(timestamp: "t", method: "get", requestPath: "/p", body: "") == "tGET/p")
    }

    @Test func timestampHasMillisecondsAndZ() {
        #expect(OKXTimestamp.string(epochMilliseconds: 1_714_979_289_123) == "2024-05-06T07:08:09.123Z")
        #expect(OKXTimestamp.string(epochMilliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(OKXTimestamp.string(epochMilliseconds: 951_782_400_005) == "2000-02-29T00:00:00.005Z")
    }

    @Test(arguments: [Int64(0), 1_714_979_289_123, 951_782_400_005, 4_102_444_799_999, 1_000])
    func timestampRoundTrips(ms: Int64) {
        #expect(OKXTimestamp.epochMilliseconds(from: OKXTimestamp.string(epochMilliseconds: ms)) == ms)
    }

    @Test func timestampParserRejectsOtherShapes() {
        #expect(OKXTimestamp.epochMilliseconds(from: "2024-05-06T07:08:09Z") == nil)
        #expect(OKXTimestamp.epochMilliseconds(from: "2024-05-06T07:08:09.123+00:00") == nil)
        #expect(OKXTimestamp.epochMilliseconds(from: "2024-13-06T07:08:09.123Z") == nil)
    }

    @Test func constantTimeComparison() {
        #expect(RequestSigner.constantTimeEquals("abc", "abc"))
        #expect(!RequestSigner.constantTimeEquals("abc", "abd"))
        #expect(!RequestSigner.constantTimeEquals("abc", "abcd"))
    }
}
