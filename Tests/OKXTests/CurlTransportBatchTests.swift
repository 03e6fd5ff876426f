import OKX
import TestSupport
import Testing

/// `sendAll` on the libcurl transport: every request goes out together, each outcome comes back in its place,
/// and cancellation and shutdown end every request still running.
@Suite(.serialized) struct CurlTransportBatchTests {
    @Test func everyRequestGoesOutAtOnceAndEachOutcomeComesBackInItsPlace() async throws {
        let server = try LoopbackHTTPServer { request in
            request.path == "/fail" ? .text("busy", status: 503) : .text(request.target).delayed(by: .milliseconds(300))
        }
        defer { server.stop() }
        let dead = try LoopbackDeadPort.refusing()
        defer { dead.close() }
        let transport = CurlTransport()
        var requests = (0..<20).map { HTTPRequest(method: .get, url: server.url("/n/\($0)")) }
        requests[5] = HTTPRequest(method: .get, url: dead.baseURL + "/refused")
        requests[9] = HTTPRequest(method: .get, url: server.url("/fail"))
        let outcomes = await transport.sendAll(requests)
        #expect(outcomes.count == 20)
        for (index, outcome) in outcomes.enumerated() {
            switch (index, outcome) {
            case (5, .failure(let error)): #expect(error.kind == .couldNotConnect)
            case (9, .success(let response)): #expect(response.status == 503)
            case (_, .success(let response)):
                #expect(String(decoding: response.body, as: UTF8.self) == "/n/\(index)")
            default: Issue.record("request \(index): \(outcome)")
            }
        }
        // Each waits 300 ms on the server: together, not one after another.
        #expect(server.peakRequestsInFlight >= 10)
        #expect(transport.statistics.requestsInFlight == 0)
        #expect(transport.statistics.requestsCompleted == 19)
        #expect(transport.statistics.requestsFailed == 1)
        #expect(await transport.sendAll([]).isEmpty)
    }

    @Test func cancellingTheCallerEndsEveryRequestStillRunning() async throws {
        let server = try LoopbackHTTPServer { request in request.path == "/stall" ? .stall : .text("ok") }
        defer { server.stop() }
        let transport = CurlTransport()
        let requests = [
            HTTPRequest(method: .get, url: server.url("/quick")),
            HTTPRequest(method: .get, url: server.url("/stall"), timeout: .seconds(60)),
            HTTPRequest(method: .get, url: server.url("/stall"), timeout: .seconds(60)),
        ]
        let task = Task { await transport.sendAll(requests) }
        #expect(await server.waitUntil { $0.requests.count == 3 })
        task.cancel()
        let outcomes = await task.value
        if case .success(let response) = outcomes[0] { #expect(response.status == 200) }
        for outcome in outcomes.dropFirst() {
            guard case .failure(let error) = outcome else {
                Issue.record("a stalled request ended with \(outcome)")
                continue
            }
            #expect(error.kind == .cancelled)
        }
        #expect(await server.waitUntil { $0.openConnections <= 1 })
        #expect(transport.statistics.requestsInFlight == 0)
        // The transport carries on.
        let after = await transport.sendAll([HTTPRequest(method: .get, url: server.url("/after"))])
        guard case .success(let response)? = after.first else {
            Issue.record("\(after)")
            return
        }
        #expect(response.status == 200)
    }

    @Test func aCallerCancelledBeforeSendingReachesNoServer() async throws {
        let server = try LoopbackHTTPServer { _ in .text("ok") }
        defer { server.stop() }
        let transport = CurlTransport()
        let task = Task {
            try? await Task.sleep(for: .seconds(60))
            return await transport.sendAll([
                HTTPRequest(method: .get, url: server.url("/a")), HTTPRequest(method: .get, url: server.url("/b")),
            ])
        }
        task.cancel()
        let outcomes = await task.value
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            guard case .failure(let error) = outcome else {
                Issue.record("\(outcome)")
                continue
            }
            #expect(error.kind == .cancelled)
        }
        #expect(server.connectionsAccepted == 0)
        #expect(transport.statistics.requestsInFlight == 0)
    }

    @Test func shutdownEndsABatchAndRefusesTheNext() async throws {
        let server = try LoopbackHTTPServer { _ in .stall }
        defer { server.stop() }
        let doomed = CurlTransport()
        let task = Task {
            await doomed.sendAll((0..<3).map { HTTPRequest(method: .get, url: server.url("/pending/\($0)")) })
        }
        #expect(await server.waitUntil { $0.requests.count == 3 })
        doomed.shutdown()
        let outcomes = await task.value
        let late = await doomed.sendAll([HTTPRequest(method: .get, url: server.url("/late"))])
        for outcome in outcomes + late {
            guard case .failure(let error) = outcome else {
                Issue.record("\(outcome)")
                continue
            }
            #expect(error.kind == .cancelled)
        }
        #expect(doomed.statistics.requestsInFlight == 0)
        #expect(doomed.statistics.requestsFailed == 4)
    }
}
