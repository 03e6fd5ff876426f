import Foundation

/// Every figure of the performance goals, in one run against the paper exchange on loopback.
public enum Benchmarks {
    /// - Parameters:
    ///   - quick: fewer repetitions and shorter windows (CI's smoke run: every figure, under a minute).
    ///   - binary: the okx-anchor executable, for the figures measured on the real process (idle CPU and memory).
    ///   - emit: called with each figure's line as soon as it is measured.
    public static func run(quick: Bool, binary: String, emit: @escaping @Sendable (String) -> Void) async throws
        -> [Figure]
    {
        let latency = 50
        let repetitions = quick ? 3 : 7
        var figures: [Figure] = []
        func add(_ new: [Figure]) {
            for figure in new { emit(figure.line) }
            figures += new
        }
        for accounts in [1, 10, 100] {
            add([try await EngineBenchmarks.pollCycle(subAccounts: accounts, latencyMs: latency, repetitions: repetitions)])
        }
        add(try await EngineBenchmarks.correction(latencyMs: latency, repetitions: repetitions))
        add(try await EngineBenchmarks.maintenance(latencyMs: latency, repetitions: repetitions))
        add(try await ScreenBenchmarks.run(quick: quick))
        add(try await IdleBenchmark.run(binary: binary, seconds: quick ? 6 : 30))
        add(
            try await EngineBenchmarks.paperExchangeThroughput(
                requests: quick ? 20_000 : 200_000, repetitions: quick ? 1 : 3))
        return figures
    }
}
