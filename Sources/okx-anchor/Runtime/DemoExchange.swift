import AnchorCore
import AnchorDemo
import Foundation
import PaperExchange

/// The paper exchange started in-process for `--demo`: the demo scenario on a free loopback port, marks alive.
final class DemoExchange: Sendable {
    let server: PaperExchangeServer

    private init(server: PaperExchangeServer) {
        self.server = server
    }

    /// Starts the demo scenario with gently moving marks (seeded, so two demos move alike).
    static func start(seed: UInt64 = 1) async throws -> DemoExchange {
        var options = PaperExchangeOptions()
        options.seed = seed
        options.volatility = 0.0004
        return DemoExchange(
            server: try await PaperExchangeServer.start(scenario: BuiltInScenarios.demo, options: options))
    }

    /// The demo's database: reset at each `--demo` start, kept after it ends so `log --demo` can read it.
    static func defaultDatabasePath() -> String {
        ConfigPaths(environment: ProcessInfo.processInfo.environment).stateDirectory + "/demo.sqlite"
    }

    /// Deletes a demo database and its WAL files.
    static func resetDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A config pointing at this exchange with the scenario's keys and the house policy.
    func config(databasePath: String) -> AppConfig {
        AppConfig(
            baseURL: server.baseURL, simulatedTrading: false, refreshSeconds: 2, databasePath: databasePath,
            accounts: AccountConfig.paper(server))
    }

    func stop() async {
        await server.stop()
    }
}
