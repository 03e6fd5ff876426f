public import AnchorCore
import AnchorStore
import Foundation
import OKX

#if canImport(Glibc)
    import Glibc
#endif

/// The poll cycle of any config's accounts, against whatever exchange the config names (e.g. a paper exchange
/// started apart with `okx-anchor sim --accounts 1000 --latency-ms 50 --write-config FILE`), so another client can
/// be measured against ours on the same exchange.
public enum FleetPollBenchmark {
    /// What a run measured, beside the figure.
    public struct Result: Sendable {
        /// The figure: one full cycle (every balance and every position), in ms.
        public var figure: Figure
        /// One round trip: a public GET on a warm connection, median, in ms.
        public var roundTripMs: Double
        /// The first cycle from a cold transport (connections, the instrument list and the clock learnt), in ms.
        public var coldMs: Double
        /// Accounts polled.
        public var accounts: Int
    }

    /// Polls the config's accounts once cold, then `cycles` warm cycles, each a full one (every balance and every
    /// position, as the dashboard's first poll is). The engine is the one the commands build, over an in-memory
    /// store. `connectionsPerHost` overrides the transport's cap (to compare caps).
    public static func run(config: AppConfig, cycles: Int, connectionsPerHost: Int? = nil) async throws -> Result {
        var options = TransportOptions(connectTimeout: config.connectTimeout, totalTimeout: config.requestTimeout)
        if let connectionsPerHost { options.maxConnectionsPerHost = connectionsPerHost }
        let transport = CurlTransport(options: options)
        defer { transport.shutdown() }
        let engine = Engine(config: config, transport: transport, store: try Store())
        let clock = ContinuousClock()
        let coldStart = clock.now
        let cold = await engine.poller.pollOnce(allBalances: true)
        let coldMs = (clock.now - coldStart).milliseconds
        let unread = cold.accounts.filter { $0.lastError != nil }
        if unread.count == cold.accounts.count, let first = unread.first {
            throw BenchError("no account could be read: \(first.name): \(first.lastError ?? "")")
        }
        // One round trip: a public GET on a warm connection, the time it takes the exchange to answer anything.
        let publicClient = OKXClient(
            baseURL: config.baseURL, credentials: nil, simulatedTrading: config.simulatedTrading, transport: transport)
        let roundTrips = try await roundTrips(publicClient, count: max(3, min(cycles, 7)))
        let before = transport.statistics
        let (samples, failed) = try await fullCycles(engine.poller, count: cycles)
        let after = transport.statistics
        let roundTrip = Figure(name: "", unit: "", samples: roundTrips).median
        let median = Figure(name: "", unit: "", samples: samples).median
        let accounts = config.accounts.count
        let requests =
            (after.requestsCompleted + after.requestsFailed) - (before.requestsCompleted + before.requestsFailed)
        let opened = after.connectionsOpened - before.connectionsOpened
        let figure = Figure(
            name: "poll cycle \(accounts) accounts", unit: "ms", samples: samples,
            note: "= \(Figure.format(median / roundTrip, digits: 2)) round trips of \(Figure.format(roundTrip)) ms; "
                + "\(requests / max(1, cycles)) requests a cycle, \(opened) connections "
                + "opened over \(cycles) warm cycles; cold first cycle \(Figure.format(coldMs)) ms; "
                + "failed reads \(failed); at most \(options.maxConnectionsPerHost) connections to the host")
        return Result(figure: figure, roundTripMs: roundTrip, coldMs: coldMs, accounts: accounts)
    }

    /// `count` public GETs on a warm connection, each in ms: the time the exchange takes to answer anything.
    static func roundTrips(_ client: OKXClient, count: Int) async throws -> [Double] {
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<count {
            let start = clock.now
            _ = try await client.serverTime()
            samples.append((clock.now - start).milliseconds)
        }
        return samples
    }

    /// `count` full poll cycles (every balance as well as every position; the dashboard reads balances less
    /// often), each in ms, and the account reads that failed over all of them.
    static func fullCycles(_ poller: Poller, count: Int) async throws -> (samples: [Double], failed: Int) {
        let clock = ContinuousClock()
        var samples: [Double] = []
        var failed = 0
        for _ in 0..<count {
            // Each account may read positions and balance 10 times per 2 s: a pause keeps every cycle within it.
            try await Task.sleep(for: .milliseconds(250))
            let start = clock.now
            let snapshot = await poller.pollOnce(allBalances: true)
            samples.append((clock.now - start).milliseconds)
            failed += snapshot.accounts.filter { $0.lastError != nil }.count
        }
        return (samples, failed)
    }
}
