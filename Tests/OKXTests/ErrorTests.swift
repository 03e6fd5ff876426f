import Foundation
import OKX
import TestSupport
import Testing

@Suite struct ErrorClassificationTests {
    static let post = "POST /api/v5/trade/order"
    static let get = "GET /api/v5/account/positions"

    @Test(arguments: [
        (
            OKXError(endpoint: get, method: .get, transport: TransportError(.timedOut)),
            OKXError.Classification.retryableRead
        ),
        (OKXError(endpoint: post, method: .post, transport: TransportError(.timedOut)), .unknownOutcome),
        (OKXError(endpoint: post, method: .post, transport: TransportError(.connectionDropped)), .unknownOutcome),
        (OKXError(endpoint: post, method: .post, transport: TransportError(.couldNotConnect)), .final),
        (OKXError(endpoint: post, method: .post, transport: TransportError(.connectTimeout)), .final),
        (OKXError(endpoint: get, method: .get, transport: TransportError(.cancelled)), .final),
        (OKXError(endpoint: post, method: .post, httpStatus: 400, code: "50004"), .unknownOutcome),
        (OKXError(endpoint: post, method: .post, httpStatus: 500, code: "51149"), .unknownOutcome),
        (OKXError(endpoint: get, method: .get, httpStatus: 400, code: "50004"), .retryableRead),
        (
            OKXError(endpoint: post, method: .post, httpStatus: 502, message: "bad gateway", malformedReply: true),
            .unknownOutcome
        ),
        (
            OKXError(endpoint: get, method: .get, httpStatus: 502, message: "bad gateway", malformedReply: true),
            .retryableRead
        ),
        (OKXError(endpoint: post, method: .post, httpStatus: 503, code: "50001"), .unknownOutcome),
        (OKXError(endpoint: get, method: .get, httpStatus: 503, code: "50001"), .retryableRead),
        (OKXError(endpoint: post, method: .post, httpStatus: 429, code: "50011"), .rateLimited),
        (OKXError(endpoint: get, method: .get, httpStatus: 200, code: "50011"), .rateLimited),
        (
            OKXError(endpoint: get, method: .get, httpStatus: 429, message: "Too Many Requests", malformedReply: true),
            .rateLimited
        ),
        (OKXError(endpoint: post, method: .post, httpStatus: 200, code: "1", itemCode: "51008"), .final),
        (OKXError(endpoint: post, method: .post, httpStatus: 200, code: "59301"), .final),
        (OKXError(endpoint: post, method: .post, httpStatus: 401, code: "50113"), .final),
    ])
    func classification(error: OKXError, expected: OKXError.Classification) {
        #expect(error.classification == expected, "\(error)")
    }

    @Test func descriptionIsOneLineATraderUnderstands() {
        let error = OKXError(
            endpoint: "POST /api/v5/account/position/margin-balance", method: .post, httpStatus: 200, code: "59301",
            message: "Margin adjustment exceeds the maximum")
        #expect(error.description == "59301 margin adjustment exceeds the maximum: reduce less")
        #expect(!error.description.contains("\n"))
    }

    @Test func subCodesKeepTheirBase() {
        let error = OKXError(endpoint: Self.post, method: .post, code: "1", itemCode: "51008_1001", itemMessage: "x")
        #expect(error.baseCode == "51008")
        #expect(error.description.hasPrefix("51008_1001 insufficient balance or margin"))
    }

    @Test func unknownCodesShowOKXsOwnMessageAndTheEndpoint() {
        let error = OKXError(endpoint: Self.get, method: .get, httpStatus: 200, code: "58999", message: "Something odd")
        #expect(error.description == "58999 Something odd (GET /api/v5/account/positions)")
    }

    @Test func transportFailuresSayWhatHappened() {
        let error = OKXError(endpoint: Self.post, method: .post, transport: TransportError(.timedOut, "after 10 s"))
        #expect(error.description == "request timed out: after 10 s (POST /api/v5/trade/order)")
    }

    func reading(_ body: String, status: Int = 200, method: HTTPMethod = .get) async -> OKXError? {
        let (client, _) = makeClient(retry: RetryPolicy(readAttempts: 1)) { request in
            if path(of: request) == "/api/v5/public/time" {
                return .json(#"{"code":"0","msg":"","data":[{"ts":"\#(Int64(Date().timeIntervalSince1970 * 1000))"}]}"#)
            }
            return HTTPResponse(status: status, body: Array(body.utf8))
        }
        do {
            if method == .get {
                _ = try await client.positions()
            } else {
                _ = try await client.adjustMargin(instId: "A-USDT-SWAP", posSide: .long, type: .add, amount: 1)
            }
            return nil
        } catch {
            return error
        }
    }

    @Test func anHTMLErrorPageIsAnUnreadableReplyWithItsStatus() async throws {
        let error = try #require(await reading("<html><body><h1>502 Bad Gateway</h1></body></html>", status: 502))
        #expect(error.malformedReply)
        #expect(error.httpStatus == 502)
        #expect(error.description.contains("<html>"))
        #expect(error.classification == .retryableRead)
    }

    @Test func truncatedJSONIsUnreadable() async throws {
        let error = try #require(await reading(#"{"code":"0","msg":"","data":[{"instId":"BTC-US"#))
        #expect(error.malformedReply)
    }

    @Test func anEmptyBodyIsUnreadable() async throws {
        let error = try #require(await reading("", status: 200, method: .post))
        #expect(error.malformedReply)
        #expect(error.classification == .unknownOutcome)
    }

    @Test func aReplyWithoutCodeIsUnreadable() async throws {
        let error = try #require(await reading(#"{"data":[]}"#))
        #expect(error.malformedReply)
    }

    @Test func dataThatIsNotAnArrayIsUnreadable() async throws {
        let error = try #require(await reading(#"{"code":"0","msg":"","data":{}}"#))
        #expect(error.malformedReply)
    }
}
