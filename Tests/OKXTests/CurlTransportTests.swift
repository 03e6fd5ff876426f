import OKX
import TestSupport
import Testing

/// The libcurl transport against a real socket: the loopback server, answering or misbehaving as each test says.
@Suite(.serialized) struct CurlTransportTests {
    let transport = CurlTransport(options: TransportOptions(connectTimeout: .seconds(10), totalTimeout: .seconds(30)))

    // MARK: - Connections

    @Test func sequentialRequestsToOneHostShareOneConnection() async throws {
        let server = try LoopbackHTTPServer { _ in .text("ok") }
        defer { server.stop() }
        for index in 1...20 {
            let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/ping/\(index)")))
            #expect(response.status == 200)
        }
        #expect(server.requests.count == 20)
        #expect(server.connectionsAccepted == 1)
        #expect(Set(server.requests.map(\.connectionID)) == [1])
        #expect(transport.statistics.connectionsOpened == 1)
    }

    @Test func hundredConcurrentRequestsAreInFlightTogether() async throws {
        let server = try LoopbackHTTPServer { request in
            .text(request.target).delayed(by: .milliseconds(1500))
        }
        defer { server.stop() }
        let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<100 {
                group.addTask {
                    let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/n/\(index)")))
                    return (index, String(decoding: response.body, as: UTF8.self))
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(bodies.count == 100)
        #expect(bodies.allSatisfy { $0.value == "/n/\($0.key)" })
        #expect(server.requests.count == 100)
        // Served one after another, the peak would be 1; each waits 1.5 s on the server, so nearly all overlap.
        #expect(server.peakRequestsInFlight >= 50)
        #expect(transport.statistics.requestsCompleted == 100)
        #expect(transport.statistics.requestsInFlight == 0)
    }

    // MARK: - The request on the wire

    @Test func requestTargetHeadersAndBodyArriveByteForByte() async throws {
        let server = try LoopbackHTTPServer { _ in .json(#"{"code":"0","data":[]}"#) }
        defer { server.stop() }
        let target = "/api/v5/./public/../public/instruments?instType=SWAP&instId=BTC-USDT-SWAP%2CETH-USDT-SWAP&x=%20"
        let body = Array("{\"instId\":  \"BTC-USDT-SWAP\" ,\"sz\":\"2\",\t\"px\" : \"0.10\", \"tag\":\"备注\"}\n".utf8)
        let headers = [
            HTTPHeader("OK-ACCESS-KEY", "key-123"),
            HTTPHeader("OK-ACCESS-SIGN", "d3Np9tl2aOq1d5N/liWc+VSXLLOjLSYRaqlbJwJ4/v0="),
            HTTPHeader("OK-ACCESS-TIMESTAMP", "2024-05-06T07:08:09.123Z"),
            HTTPHeader("OK-ACCESS-PASSPHRASE", "pass phrase"),
            HTTPHeader("x-simulated-trading", "1"),
            HTTPHeader("Content-Type", "application/json"),
        ]
        _ = try await transport.send(HTTPRequest(method: .get, url: server.url(target), headers: headers))
        _ = try await transport.send(HTTPRequest(method: .post, url: server.url(target), headers: headers, body: body))

        let requests = server.requests
        try #require(requests.count == 2)
        #expect(requests[0].method == "GET")
        #expect(requests[1].method == "POST")
        for request in requests {
            #expect(request.target == target)
            let sentNames = Set(headers.map { $0.name.lowercased() })
            #expect(request.headers.filter { sentNames.contains($0.name.lowercased()) } == headers)
            #expect(request.header("Expect") == nil)
            #expect(request.header("Accept-Encoding") == nil)
            #expect(request.header("Transfer-Encoding") == nil)
        }
        #expect(requests[0].body.isEmpty)
        #expect(requests[1].body == body)
        #expect(requests[1].header("Content-Length") == String(body.count))
    }

    @Test func largePostBodyGoesOutWholeWithoutExpectContinue() async throws {
        let server = try LoopbackHTTPServer { _ in .text("ok") }
        defer { server.stop() }
        let body = (0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let response = try await transport.send(HTTPRequest(method: .post, url: server.url("/big"), body: body))
        #expect(response.status == 200)
        let request = try #require(server.requests.first)
        #expect(request.header("Expect") == nil)
        #expect(request.body == body)
    }

    @Test func emptyPostBodyGoesOutAsZeroLengthWithNoAddedContentType() async throws {
        let server = try LoopbackHTTPServer { _ in .text("ok") }
        defer { server.stop() }
        _ = try await transport.send(HTTPRequest(method: .post, url: server.url("/empty")))
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.header("Content-Length") == "0")
        #expect(request.header("Content-Type") == nil)
        #expect(request.body.isEmpty)
    }

    @Test(arguments: [
        "ftp://127.0.0.1/file", "file:///etc/passwd", "http://127.0.0.1:99999/", "http://127.0.0.1/with space",
    ])
    func malformedOrForeignURLsAreRefusedBeforeSending(url: String) async throws {
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: url)))
        #expect(error.kind == .invalidRequest)
        #expect(!error.mayHaveReachedServer)
    }

    @Test func headersThatWouldSplitTheRequestAreRefused() async throws {
        let server = try LoopbackHTTPServer { _ in .text("ok") }
        defer { server.stop() }
        for header in [HTTPHeader("X-Evil", "a\r\nInjected: 1"), HTTPHeader("Bad Name", "v"), HTTPHeader("", "v")] {
            let error = try #require(
                await failure(of: HTTPRequest(method: .get, url: server.url("/"), headers: [header])))
            #expect(error.kind == .invalidRequest)
        }
        #expect(server.requests.isEmpty)
    }

    // MARK: - Responses of any status

    @Test(arguments: [429, 500, 502, 503])
    func errorStatusesComeBackAsResponses(status: Int) async throws {
        let body = #"{"code":"50011","msg":"Too Many Requests","data":[]}"#
        let server = try LoopbackHTTPServer { _ in
            var reply = LoopbackReply.json(body, status: status)
            reply.headers.append(HTTPHeader("Retry-After", "1"))
            return reply
        }
        defer { server.stop() }
        let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/api/v5/account/balance")))
        #expect(response.status == status)
        #expect(response.body == Array(body.utf8))
        #expect(response.header("retry-after") == "1")
        #expect(response.header("Content-Type") == "application/json")
    }

    @Test func htmlErrorPageComesBackIntact() async throws {
        let page =
            "<!DOCTYPE html>\r\n<html><head><title>502 Bad Gateway</title></head>\r\n<body>\n"
            + String(repeating: "<p>upstream 网关 unavailable</p>\n", count: 400) + "</body></html>\r\n"
        let server = try LoopbackHTTPServer { _ in .text(page, status: 502, contentType: "text/html") }
        defer { server.stop() }
        let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/")))
        #expect(response.status == 502)
        #expect(response.body == Array(page.utf8))
        #expect(response.header("Content-Type") == "text/html")
    }

    @Test func malformedJSONIsPassedThroughUntouched() async throws {
        let body = Array(#"{"code":"0","data":[{"instId":"BTC-USDT-SWAP","last":"6"#.utf8) + [0xFF, 0xFE, 0x00, 0x7B]
        let server = try LoopbackHTTPServer { _ in
            LoopbackReply(headers: [HTTPHeader("Content-Type", "application/json")], body: body)
        }
        defer { server.stop() }
        let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/api/v5/market/ticker")))
        #expect(response.status == 200)
        #expect(response.body == body)
    }

    @Test func redirectsComeBackUnfollowed() async throws {
        let server = try LoopbackHTTPServer { _ in
            LoopbackReply(status: 302, headers: [HTTPHeader("Location", "/elsewhere")])
        }
        defer { server.stop() }
        let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/here")))
        #expect(response.status == 302)
        #expect(response.header("Location") == "/elsewhere")
        #expect(server.requests.map(\.target) == ["/here"])
    }

    @Test func onlyTheFinalResponsesHeadersAreKept() async throws {
        let wire =
            "HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nX-Final: yes\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 2\r\n\r\nok"
        let server = try LoopbackHTTPServer { _ in .raw(Array(wire.utf8), thenClose: false) }
        defer { server.stop() }
        let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/")))
        #expect(response.status == 200)
        #expect(response.body == Array("ok".utf8))
        #expect(response.header("X-Interim") == nil)
        #expect(response.header("X-Final") == "yes")
        #expect(response.headers.filter { $0.name == "Set-Cookie" }.map(\.value) == ["a=1", "b=2"])
    }

    // MARK: - Failures

    @Test func truncatedBodyIsADroppedConnection() async throws {
        let server = try LoopbackHTTPServer { _ in
            .truncated(Array(repeating: 0x41, count: 100), declaredLength: 1000)
        }
        defer { server.stop() }
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: server.url("/"))))
        #expect(error.kind == .connectionDropped)
        #expect(error.mayHaveReachedServer)
    }

    @Test func closeWithoutReplyIsADroppedConnection() async throws {
        let server = try LoopbackHTTPServer { _ in .drop }
        defer { server.stop() }
        let error = try #require(await failure(of: HTTPRequest(method: .post, url: server.url("/api/v5/trade/order"))))
        #expect(error.kind == .connectionDropped)
        #expect(error.mayHaveReachedServer)
        #expect(server.requests.count == 1)
    }

    @Test func aPostIsNeverResentWhenItsReusedConnectionDies() async throws {
        // A reused connection dies under the request, as when a server has just closed it for idling: every
        // request is dropped unless it is the very first or asks for an answer.
        let server = try LoopbackHTTPServer { request in
            request.sequence == 1 || request.header("X-Answer") != nil ? .text("ok") : .drop
        }
        defer { server.stop() }
        _ = try await transport.send(HTTPRequest(method: .get, url: server.url("/warm")))
        let error = try #require(
            await failure(
                of: HTTPRequest(method: .post, url: server.url("/api/v5/trade/order"), body: Array("{}".utf8))))
        #expect(error.kind == .connectionDropped)
        #expect(server.requests.filter { $0.method == "POST" }.count == 1)

        // The same death under a GET makes curl resend it on a fresh connection: the case the POST is kept from.
        _ = try await transport.send(
            HTTPRequest(method: .get, url: server.url("/warm"), headers: [HTTPHeader("X-Answer", "1")]))
        _ = await failure(of: HTTPRequest(method: .get, url: server.url("/read")))
        #expect(server.requests.filter { $0.target == "/read" }.count == 2)
    }

    @Test(arguments: [LoopbackReply.Behaviour.respond, .respondWithoutLengthThenClose])
    func bodyOverTheCapIsRefused(behaviour: LoopbackReply.Behaviour) async throws {
        let small = CurlTransport(options: TransportOptions(maxResponseBytes: 1024))
        let server = try LoopbackHTTPServer { request in
            LoopbackReply(
                body: Array(repeating: 0x7A, count: request.target == "/fits" ? 1024 : 4096), behaviour: behaviour)
        }
        defer { server.stop() }
        let fitting = try await small.send(HTTPRequest(method: .get, url: server.url("/fits")))
        #expect(fitting.body.count == 1024)
        let error = try #require(await failure(of: HTTPRequest(method: .get, url: server.url("/big")), on: small))
        #expect(error.kind == .responseTooLarge)
    }

    @Test func stallingServerTimesOut() async throws {
        let server = try LoopbackHTTPServer { _ in .stall }
        defer { server.stop() }
        let error = try #require(
            await failure(of: HTTPRequest(method: .get, url: server.url("/slow"), timeout: .milliseconds(300))))
        #expect(error.kind == .timedOut)
        #expect(error.mayHaveReachedServer)
    }

    @Test func refusedConnectionCouldNotConnect() async throws {
        let port = try LoopbackDeadPort.refusing()
        defer { port.close() }
        let error = try #require(
            await failure(of: HTTPRequest(method: .post, url: port.baseURL + "/api/v5/trade/order")))
        #expect(error.kind == .couldNotConnect)
        #expect(!error.mayHaveReachedServer)
        #expect(error.curlCode != nil)
    }

    @Test func unansweredConnectIsAConnectTimeout() async throws {
        let port = try LoopbackDeadPort.unresponsive()
        defer { port.close() }
        let impatient = CurlTransport(options: TransportOptions(connectTimeout: .milliseconds(300)))
        let error = try #require(await failure(of: HTTPRequest(method: .post, url: port.baseURL + "/"), on: impatient))
        #expect(error.kind == .connectTimeout)
        #expect(!error.mayHaveReachedServer)
    }

    // MARK: - Cancellation and shutdown

    @Test func cancellingAWaitingRequestThrowsCancelledAndTheTransportCarriesOn() async throws {
        let server = try LoopbackHTTPServer { request in request.path == "/stall" ? .stall : .text("ok") }
        defer { server.stop() }
        let transport = self.transport
        // A minute of timeout: had cancellation not worked, the error would be .timedOut, not .cancelled.
        let waiting = Task {
            try await transport.send(HTTPRequest(method: .get, url: server.url("/stall"), timeout: .seconds(60)))
        }
        #expect(await server.waitUntil { $0.requests.count == 1 })
        waiting.cancel()
        let error = try #require(await outcome(of: waiting))
        #expect(error.kind == .cancelled)
        // The transfer was taken out of curl: its connection is closed, not left stalled.
        #expect(await server.waitUntil { $0.openConnections == 0 })
        #expect(transport.statistics.requestsInFlight == 0)

        let response = try await transport.send(HTTPRequest(method: .get, url: server.url("/after")))
        #expect(response.status == 200)
    }

    @Test func aTaskCancelledBeforeSendingNeverReachesTheServer() async throws {
        let server = try LoopbackHTTPServer { _ in .text("ok") }
        defer { server.stop() }
        let transport = self.transport
        let task = Task {
            // Cancelled while asleep; the send then starts in a task that is already cancelled.
            try? await Task.sleep(for: .seconds(60))
            return try await transport.send(HTTPRequest(method: .get, url: server.url("/never")))
        }
        task.cancel()
        let error = try #require(await outcome(of: task))
        #expect(error.kind == .cancelled)
        #expect(server.connectionsAccepted == 0)
        #expect(transport.statistics.requestsInFlight == 0)
    }

    @Test func shutdownFailsPendingRequestsAndRefusesNewOnes() async throws {
        let server = try LoopbackHTTPServer { _ in .stall }
        defer { server.stop() }
        let doomed = CurlTransport()
        let tasks = (0..<3).map { index in
            Task { try await doomed.send(HTTPRequest(method: .get, url: server.url("/pending/\(index)"))) }
        }
        #expect(await server.waitUntil { $0.requests.count == 3 })
        doomed.shutdown()
        for task in tasks {
            let error = try #require(await outcome(of: task))
            #expect(error.kind == .cancelled)
        }
        let late = try #require(await failure(of: HTTPRequest(method: .get, url: server.url("/late")), on: doomed))
        #expect(late.kind == .cancelled)
        doomed.shutdown()
        #expect(doomed.statistics.requestsInFlight == 0)
        #expect(doomed.statistics.requestsFailed == 4)
        #expect(await server.waitUntil { $0.openConnections == 0 })
    }

    @Test func statisticsCountRequestsConnectionsAndBytes() async throws {
        let server = try LoopbackHTTPServer { _ in .text("hello") }
        defer { server.stop() }
        let counted = CurlTransport()
        for _ in 0..<5 {
            _ = try await counted.send(HTTPRequest(method: .get, url: server.url("/")))
        }
        let dead = try LoopbackDeadPort.refusing()
        defer { dead.close() }
        _ = await failure(of: HTTPRequest(method: .get, url: dead.baseURL), on: counted)

        let statistics = counted.statistics
        #expect(statistics.requestsCompleted == 5)
        #expect(statistics.requestsFailed == 1)
        #expect(statistics.connectionsOpened == 1)
        #expect(statistics.requestsInFlight == 0)
        // Five bodies of five bytes, plus status lines and headers.
        #expect(statistics.bytesReceived > 25)
    }

    // MARK: - Helpers

    /// The `TransportError` a request ends in, or nil if it got a response.
    private func failure(of request: HTTPRequest, on transport: CurlTransport? = nil) async -> TransportError? {
        do {
            _ = try await (transport ?? self.transport).send(request)
            return nil
        } catch {
            return error as? TransportError
        }
    }

    /// The `TransportError` a task ended in, or nil if it got a response.
    private func outcome(of task: Task<HTTPResponse, any Error>) async -> TransportError? {
        do {
            _ = try await task.value
            return nil
        } catch {
            return error as? TransportError
        }
    }
}
