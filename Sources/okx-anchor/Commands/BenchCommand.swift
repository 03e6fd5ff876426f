import AnchorBench
import AnchorCore
import ArgumentParser
import Foundation
import Logging

/// `okx-anchor bench`: every performance figure, or the soak.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "The figures of the performance and soak goals.",
        discussion: """
            Runs everything against the paper exchange on loopback in this process (the idle figures on the real \
            dashboard process under tmux) and prints one line per figure: name, median, unit, min and max over the \
            repetitions, and the ratio to its goal. Build with -c release for figures worth quoting. --quick \
            finishes in under a minute (CI's smoke run); the full run in under ten. --soak N runs N random \
            corrections and maintenances under faults and kills instead, and exits 1 if any rule broke. \
            --only poll --config FILE polls that config's accounts instead (any exchange, e.g. `okx-anchor sim \
            --accounts 1000 --latency-ms 50 --write-config FILE` in another process): one cold cycle, then --cycles \
            warm ones.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Fewer repetitions and shorter windows.")
    var quick = false

    @Option(name: .long, help: "Run the soak with this many actions instead of the figures.")
    var soak: Int?

    @Option(name: .long, help: "Measure only the figures whose group name contains this (e.g. poll, idle, screen).")
    var only: String?

    @Option(name: .long, help: "Seed of the soak.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Warm poll cycles measured with --only poll --config FILE.")
    var cycles: Int = 7

    @Option(name: .long, help: "Connections to one host at most, with --config (default: the transport's).")
    var connections: Int?

    func validate() throws {
        if let soak, soak < 1 { throw ValidationError("--soak must be at least 1") }
        guard cycles >= 1 else { throw ValidationError("--cycles must be at least 1") }
        if let connections, connections < 1 { throw ValidationError("--connections must be at least 1") }
        if global.config != nil {
            guard soak == nil, only == "poll" else {
                throw ValidationError("--config polls that config's accounts: use it with --only poll")
            }
        }
    }

    func run() async throws {
        LogSetup.bootstrap(defaultLevel: .error)
        if let soak {
            let report = try await Soak.run(
                SoakOptions(actions: soak, seed: seed, progress: { line in printError(line) }))
            for line in report.lines { print(line) }
            if !report.passed { throw ExitCode(1) }
            return
        }
        if global.config != nil {
            let config = try Runtime.config(global)
            print("okx-anchor bench --only poll · \(config.accounts.count) accounts at \(config.baseURL)")
            do {
                let result = try await FleetPollBenchmark.run(
                    config: config, cycles: cycles, connectionsPerHost: connections)
                print(result.figure.line)
            } catch {
                printError("okx-anchor bench: \(error)")
                throw ExitCode(1)
            }
            return
        }
        let binary =
            CommandLine.arguments[0].hasPrefix("/")
            ? CommandLine.arguments[0]
            : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
        print("okx-anchor bench\(quick ? " --quick" : "") · \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let figures = try await Benchmarks.run(quick: quick, binary: binary, only: only) { line in print(line) }
        print("\(figures.count) figures")
    }
}
