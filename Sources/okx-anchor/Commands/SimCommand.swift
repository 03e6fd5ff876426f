import AnchorCore
import AnchorDemo
import ArgumentParser
import Dispatch
import Foundation
import PaperExchange

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `okx-anchor sim`: the paper exchange alone, until SIGINT or SIGTERM.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim", abstract: "The paper exchange alone, on loopback.",
        discussion: """
            Serves an OKX v5-compatible exchange on 127.0.0.1 and prints its base URL and the accounts' API keys. \
            Runs until interrupted. Scenarios: demo (default), empty, sol-check, shapes, or a JSON file.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(name: .long, help: "Scenario: demo, empty, sol-check, shapes, or a JSON file.")
    var scenario: String = "demo"

    @Option(name: .long, help: "Generate a fleet of this many sub-accounts with a few positions each.")
    var accounts: Int?

    @Option(name: .long, help: "Positions on each generated sub-account (with --accounts; default 3).")
    var positions: Int?

    @Option(name: .customLong("latency-ms"), help: "Latency added to every reply, in ms.")
    var latencyMs: Int = 0

    @Option(name: .customLong("fault-rate"), help: "Share of requests (0…1) that fail at random.")
    var faultRate: Double = 0

    @Option(name: .long, help: "Seed of the mark walk and the faults.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Relative size of one mark step per second (0 keeps marks still).")
    var volatility: Double = 0.0002

    @Flag(name: .long, help: "Serve the unsigned admin API under /__sim/.")
    var admin = false

    @Option(name: .customLong("write-config"), help: "Write a ready okx-anchor config pointing at this exchange.")
    var writeConfig: String?

    @Flag(name: .long, help: "Print one JSON line with the base URL and the accounts' keys, for scripts.")
    var json = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1") }
        guard latencyMs >= 0 else { throw ValidationError("--latency-ms must not be negative") }
        guard volatility >= 0 else { throw ValidationError("--volatility must not be negative") }
        if let accounts, accounts < 0 { throw ValidationError("--accounts must not be negative") }
        if let positions {
            guard accounts != nil else { throw ValidationError("--positions needs --accounts") }
            guard positions >= 0 else { throw ValidationError("--positions must not be negative") }
        }
    }

    func run() async throws {
        let chosen: Scenario
        do {
            chosen = try loadScenario()
        } catch {
            printError("okx-anchor sim: \(error)")
            throw ExitCode(2)
        }
        var options = PaperExchangeOptions()
        options.port = port
        options.seed = seed
        options.volatility = volatility
        options.latencyMs = latencyMs
        options.faultRate = faultRate
        options.admin = admin
        let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
        let server: PaperExchangeServer
        do {
            server = try await PaperExchangeServer.start(scenario: chosen, options: options)
        } catch {
            printError("okx-anchor sim: cannot start: \(error)")
            throw ExitCode(1)
        }
        if let writeConfig {
            do {
                try writeConfigFile(writeConfig, server: server)
            } catch {
                printError("okx-anchor sim: \(error)")
                await server.stop()
                throw ExitCode(2)
            }
        }
        if json {
            writeLine(SimCommand.jsonLine(server: server, scenario: chosen.name))
        } else {
            writeLine("paper exchange \(server.baseURL) (scenario \(chosen.name), \(server.accounts.count) accounts)")
            for account in server.accounts {
                writeLine("  \(account.name)  \(account.role.rawValue)  uid \(account.uid)  key \(account.apiKey)")
            }
            writeLine("Ctrl-C stops it.")
        }
        await signals.wait()
        await server.stop()
    }

    /// A ready okx-anchor config (mode 0600) with this exchange's URL and every account's keys.
    private func writeConfigFile(_ path: String, server: PaperExchangeServer) throws {
        let paths = ConfigPaths(environment: ProcessInfo.processInfo.environment)
        let file = paths.resolve(path, relativeTo: FileManager.default.currentDirectoryPath)
        let folder = (file as NSString).deletingLastPathComponent
        let config = AppConfig(
            baseURL: server.baseURL, refreshSeconds: 2, databasePath: folder + "/okx-anchor-sim.sqlite",
            accounts: AccountConfig.paper(server))
        try ConfigWriter.write(config, to: file, overwrite: true)
        if !json { writeLine("config written to \(file) (mode 0600)") }
    }

    private func loadScenario() throws -> Scenario {
        if let builtIn = BuiltInScenarios.named(scenario, accounts: accounts, positionsPerAccount: positions ?? 3) {
            return builtIn
        }
        guard !BuiltInScenarios.names.contains(scenario) else { throw ValidationError("unknown scenario \(scenario)") }
        return try ScenarioFile.load(path: scenario)
    }

    /// `{"baseURL":…,"port":…,"scenario":…,"accounts":[{name, role, uid, apiKey, secretKey, passphrase}]}`.
    static func jsonLine(server: PaperExchangeServer, scenario: String) -> String {
        let accounts = server.accounts.map { account -> [String: String] in
            [
                "name": account.name, "role": account.role.rawValue, "uid": account.uid, "apiKey": account.apiKey,
                "secretKey": account.secretKey, "passphrase": account.passphrase,
            ]
        }
        let object: [String: Any] = [
            "baseURL": server.baseURL, "port": server.port, "scenario": scenario, "accounts": accounts,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Writes one line to standard output in one write, so scripts reading a pipe see it at once.
private func writeLine(_ text: String) {
    var line = text
    line.append("\n")
    line.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { break }
            offset += written
        }
    }
}

/// Waits for the first of some signals, which are ignored by default handling meanwhile.
private final class SignalWaiter {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Void>

    init(signals: [Int32]) {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        self.stream = stream
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
    }

    func wait() async {
        for await _ in stream { return }
    }
}
