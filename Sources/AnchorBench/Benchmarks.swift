import Foundation

/// Every figure of the performance goals, in one run against the paper exchange on loopback.
public enum Benchmarks {
    /// - Parameters:
    ///   - quick: fewer repetitions and shorter windows (CI's smoke run: every figure, under a minute).
    ///   - binary: the okx-anchor executable, for the figures measured on the real process (idle CPU and memory).
    ///   - only: measure only the groups whose name contains this (e.g. `poll`, `idle`).
    ///   - emit: called with each figure's line as soon as it is measured.
    public static func run(
        quick: Bool, binary: String, only: String? = nil, emit: @escaping @Sendable (String) -> Void
    ) async throws
        -> [Figure]
    {
        let latency = 50
        let repetitions = quick ? 3 : 7
        var figures: [Figure] = []
        /// Measures a group; a group that fails prints why and the run goes on, so one broken figure never hides
        /// the others (the smoke run then sees it missing).
        func add(_ name: String, _ measure: () async throws -> [Figure]) async {
            if let only, !name.contains(only) { return }
            do {
                let new = try await measure()
                for figure in new { emit(figure.line) }
                figures += new
            } catch {
                emit("\(name): not measured: \(error)")
            }
        }
        for accounts in [1, 10, 100] {
            await add("poll cycle \(accounts)") {
                [
                    try await EngineBenchmarks.pollCycle(
                        subAccounts: accounts, latencyMs: latency, repetitions: repetitions)
                ]
            }
        }
        await add("fleet") {
            // A separate paper exchange process, as a desk's fleet meets OKX; the smoke run's fleet is smaller.
            try await FleetBenchmark.run(
                binary: binary, subAccounts: quick ? 100 : 1000, latencyMs: latency, cycles: repetitions)
        }
        await add("correction") { try await EngineBenchmarks.correction(latencyMs: latency, repetitions: repetitions) }
        await add("super maintenance") {
            try await EngineBenchmarks.maintenance(latencyMs: latency, repetitions: repetitions)
        }
        await add("screen") { try await ScreenBenchmarks.run(quick: quick) }
        await add("screen 3000") { try await FleetScreenBenchmark.run(quick: quick, binary: binary) }
        await add("idle") { try await IdleBenchmark.run(binary: binary, seconds: quick ? 6 : 30) }
        await add("start-up") { try StartupBenchmark.run(binary: binary, repetitions: quick ? 3 : 9) }
        await add("alerts") { [try await NotifyBenchmark.eventToDelivery(repetitions: quick ? 20 : 200)] }
        await add("paper exchange") {
            try await EngineBenchmarks.paperExchangeThroughput(
                requests: quick ? 20_000 : 200_000, repetitions: quick ? 1 : 3)
        }
        return figures
    }
}
