import OKX
import TestSupport
import Testing

/// The transport's cap on connections to one host: requests beyond it wait for a free connection, and the same
/// warm connections carry the next batch.
@Suite(.serialized) struct CurlTransportConnectionCapTests {
    @Test func requestsBeyondTheCapWaitForAConnectionAndTheNextBatchReusesThem() async throws {
        let server = try LoopbackHTTPServer { request in .text(request.target).delayed(by: .milliseconds(50)) }
        defer { server.stop() }
        let transport = CurlTransport(options: TransportOptions(maxCachedConnections: 2, maxConnectionsPerHost: 4))
        defer { transport.shutdown() }
        let requests = (0..<24).map { HTTPRequest(method: .get, url: server.url("/n/\($0)")) }
        let first = await transport.sendAll(requests)
        for (index, outcome) in first.enumerated() {
            guard case .success(let response) = outcome else {
                Issue.record("request \(index): \(outcome)")
                continue
            }
            #expect(String(decoding: response.body, as: UTF8.self) == "/n/\(index)")
        }
        #expect(server.connectionsAccepted <= 4, "never more connections than the cap")
        #expect(server.peakRequestsInFlight <= 4)
        #expect(server.peakRequestsInFlight >= 2, "still concurrent up to the cap")
        // The cache keeps at least the cap's worth of connections (asked for 2): the next batch opens none.
        let accepted = server.connectionsAccepted
        let second = await transport.sendAll(requests)
        #expect(second.allSatisfy { if case .success = $0 { true } else { false } })
        #expect(server.connectionsAccepted == accepted, "the second batch reused the warm connections")
        #expect(transport.statistics.requestsCompleted == 48)
    }
}
