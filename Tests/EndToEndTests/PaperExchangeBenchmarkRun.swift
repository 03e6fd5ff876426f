import AnchorBench
import Foundation
import PaperExchange
import Testing

/// The benchmark entry point: runs only with `PAPER_BENCH` set (it prints figures and asserts no speed).
///
///     PAPER_BENCH=1000000 swift test -c release -Xswiftc -enable-testing --filter PaperExchangeBenchmarkRun
///
/// (`-enable-testing` only because another test target uses `@testable import`.)
///
/// `PAPER_BENCH` is the number of requests (default 200,000); `PAPER_BENCH_CONNECTIONS` the keep-alive
/// connections (default 4); `PAPER_BENCH_ACCOUNT` the demo account polled (default `main`, 22 positions;
/// `Wu666666` holds 2). Latency, faults and rate limits are off; marks move as in the demo.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["PAPER_BENCH"] != nil))
struct PaperExchangeBenchmarkRun {
    @Test func signedPositionsThroughput() async throws {
        let environment = ProcessInfo.processInfo.environment
        let requests = Int(environment["PAPER_BENCH"] ?? "") ?? 200_000
        let connections = Int(environment["PAPER_BENCH_CONNECTIONS"] ?? "") ?? 4
        var options = PaperExchangeOptions()
        options.rateLimits = false
        options.volatility = 0.0002
        let server = try await PaperExchangeServer.start(scenario: BuiltInScenarios.demo, options: options)
        let name = environment["PAPER_BENCH_ACCOUNT"] ?? "main"
        let account = try #require(server.account(named: name))
        let positions = server.state().account(name)?.positions.count ?? 0
        let warmup = PaperExchangeBenchmark.run(
            port: server.port, account: account, connections: connections, requests: 5_000, clock: { server.now })
        print("warm-up: \(warmup)")
        let result = await Task.detached {
            PaperExchangeBenchmark.run(
                port: server.port, account: account, connections: connections, requests: requests,
                clock: { server.now })
        }.value
        print("GET /api/v5/account/positions (\(name), \(positions) positions), \(connections) connections: \(result)")
        await server.stop()
        #expect(result.failures == 0)
    }
}
