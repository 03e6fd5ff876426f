import AnchorCore
import AnchorStore
import Foundation
import OKX
import PaperExchange

/// The engine's figures against the paper exchange with injected latency.
enum EngineBenchmarks {
    /// Wall time of one full snapshot of `subAccounts` sub-accounts (plus the main account), and its ratio to one
    /// round trip at the same latency. The old scripts read accounts one after another: N round trips.
    static func pollCycle(subAccounts: Int, latencyMs: Int, repetitions: Int) async throws -> Figure {
        var options = PaperExchangeOptions()
        options.latencyMs = latencyMs
        let bench = try await BenchExchange(
            scenario: BuiltInScenarios.generated(subAccounts: subAccounts), options: options)
        let engine = bench.engine(runner: RunnerOptions())
        // One round trip: a public GET on a warm connection.
        let publicClient = engine.clients["main"]!
        _ = try await publicClient.serverTime()
        let roundTrips = try await FleetPollBenchmark.roundTrips(publicClient, count: repetitions)
        await engine.poller.pollOnce()  // opens the connections and loads instruments
        let (samples, stale) = try await FleetPollBenchmark.fullCycles(engine.poller, count: repetitions)
        await bench.stop()
        let roundTrip = Figure(name: "", unit: "", samples: roundTrips).median
        let median = Figure(name: "", unit: "", samples: samples).median
        return Figure(
            name: "poll cycle \(subAccounts) sub-accounts", unit: "ms", samples: samples, judged: median / roundTrip,
            goal: .init(atMost: 1.5, "≤ 1.5 round trips"),
            note: "= \(Figure.format(median / roundTrip, digits: 2)) round trips of \(Figure.format(roundTrip)) ms "
                + "(sequential: \(subAccounts + 1)); failed reads \(stale)")
    }

    /// The demo's CRO (20.29 USDT of margin) brought into its band, with latency on every reply.
    static func correction(latencyMs: Int, repetitions: Int) async throws -> [Figure] {
        let (times, requests) = try await timeDemoAction(
            .correction, instId: "CRO-USDT-SWAP", latencyMs: latencyMs, repetitions: repetitions,
            prepare: { bench, engine, key in
                let client = engine.clients[key.account]!
                if let average = try await client.positions(instIds: [key.instId]).first?.avgPx {
                    try bench.server.setMark(key.instId, average)
                }
            },
            accept: { $0.state == .completed })
        let wall = Figure(name: "", unit: "", samples: times).median
        return [
            Figure(
                name: "correction CRO 20.29→band", unit: "ms", samples: times,
                goal: .init(atMost: 1000, "< 1 s (the old daemon: 13 min)"),
                note: "≈ \(Figure.format(wall / Double(latencyMs), digits: 1)) round trips at \(latencyMs) ms"),
            Figure(name: "correction CRO requests", unit: "req", samples: requests),
        ]
    }

    /// The demo's APT maintained, from confirmation to counted (without the correction that follows).
    static func maintenance(latencyMs: Int, repetitions: Int) async throws -> [Figure] {
        var policy = Policy.houseDefault
        policy.correctAfterMaintenance = false
        let (times, requests) = try await timeDemoAction(
            .maintenance, instId: "APT-USDT-SWAP", latencyMs: latencyMs, repetitions: repetitions, policy: policy,
            accept: { $0.state == .completed && $0.countAfter == 1 })
        let wall = Figure(name: "", unit: "", samples: times).median
        let roundTrips = wall / Double(latencyMs)
        return [
            Figure(
                name: "super maintenance APT", unit: "ms", samples: times, judged: roundTrips,
                goal: .init(atMost: 8, "< 8 round trips + the close's confirmation"),
                note: "≈ \(Figure.format(roundTrips, digits: 1)) round trips at \(latencyMs) ms, "
                    + "close confirmation included"),
            Figure(name: "super maintenance requests", unit: "req", samples: requests),
        ]
    }

    /// Runs one action on Wu666666's long `instId` of the demo scenario `repetitions` times, each on a fresh
    /// exchange with `latencyMs` on every reply, timed from the confirmed plan to the result.
    /// - Returns: wall times in ms and the requests each run sent.
    private static func timeDemoAction(
        _ kind: ActionKind, instId: String, latencyMs: Int, repetitions: Int, policy: Policy = .houseDefault,
        prepare: (BenchExchange, Engine, AnchorStore.PositionKey) async throws -> Void = { _, _, _ in },
        accept: (ActionResult) -> Bool
    ) async throws -> (times: [Double], requests: [Double]) {
        var times: [Double] = []
        var requests: [Double] = []
        for _ in 0..<repetitions {
            var options = PaperExchangeOptions()
            options.latencyMs = latencyMs
            let bench = try await BenchExchange(scenario: BuiltInScenarios.demo, options: options, policy: policy)
            let engine = bench.engine(runner: RunnerOptions())
            let key = AnchorStore.PositionKey(account: "Wu666666", instId: instId, posSide: .long)
            try await prepare(bench, engine, key)
            let plan = try await engine.runner.plan(kind, for: key)
            let before = bench.transport.statistics.requestsCompleted
            let clock = ContinuousClock()
            let start = clock.now
            let result = await engine.runner.run(plan, origin: .manual)
            times.append((clock.now - start).milliseconds)
            requests.append(Double(bench.transport.statistics.requestsCompleted - before))
            await bench.stop()
            guard accept(result) else {
                throw BenchError("the \(instId) \(kind.rawValue) ended \(result.state): \(result.summary)")
            }
        }
        return (times, requests)
    }

    /// Signed GET /account/positions per second on keep-alive connections, latency off.
    static func paperExchangeThroughput(requests: Int, repetitions: Int) async throws -> [Figure] {
        var rates: [Double] = []
        var growth: [Double] = []
        for _ in 0..<repetitions {
            let server = try await PaperExchangeServer.start(
                scenario: BuiltInScenarios.demo,
                options: {
                    var options = PaperExchangeOptions()
                    options.rateLimits = false
                    return options
                }())
            let account = server.accounts[0]
            let result = await Task.detached {
                PaperExchangeBenchmark.run(
                    port: server.port, account: account, connections: 4, requests: requests, clock: { server.now })
            }.value
            await server.stop()
            guard result.failures == 0 else { throw BenchError("paper exchange: \(result.failures) failed requests") }
            rates.append(result.requestsPerSecond)
            growth.append(Double(result.residentAfterKiB - result.residentBeforeKiB) / 1024)
        }
        return [
            Figure(
                name: "paper exchange throughput", unit: "req/s", samples: rates,
                note: "signed GET positions, 4 keep-alive connections, \(requests) requests each run"),
            Figure(name: "paper exchange memory growth", unit: "MiB", samples: growth, note: "resident, over each run"),
        ]
    }
}

/// A benchmark that could not produce its figure.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
