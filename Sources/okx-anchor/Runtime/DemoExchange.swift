import AnchorCore
import Foundation

/// The paper exchange started in-process for `--demo`. (Filled in when the paper exchange lands.)
final class DemoExchange: Sendable {
    struct NotBuilt: Error, CustomStringConvertible {
        var description: String { "the paper exchange is not built yet" }
    }

    static func start() async throws -> DemoExchange { throw NotBuilt() }

    static func defaultDatabasePath() -> String {
        ConfigPaths(environment: ProcessInfo.processInfo.environment).stateDirectory + "/demo.sqlite"
    }

    static func resetDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func config(databasePath: String) -> AppConfig { AppConfig(databasePath: databasePath) }

    func stop() async {}
}
