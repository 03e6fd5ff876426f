import Foundation
import GRDB

/// Why the store refused something.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// Another action holds this position (running or interrupted), maybe in another process.
        case positionBusy(actionId: String, state: ActionState)
        /// No action with that id.
        case unknownAction(String)
        /// The database could not be opened or written.
        case database(String)
    }

    public var reason: Reason

    public var description: String {
        switch reason {
        case .positionBusy(let id, let state):
            state == .interrupted
                ? "an interrupted action (\(id)) holds this position: resume or abandon it first"
                : "another action (\(id)) is already running on this position"
        case .unknownAction(let id): "no action \(id) in the journal"
        case .database(let message): "database: \(message)"
        }
    }
}

/// SQLite storage (WAL) for maintenance counts, the action journal and the event history.
///
/// Several processes (the dashboard, a daemon, a headless command) may share one file: the rule "one action per
/// position" and "one count per maintenance" are enforced by unique indexes inside SQLite, not only in memory.
public final class AnchorStore: Sendable {
    let writer: any DatabaseWriter
    /// The file, or nil in memory.
    public let path: String?

    /// Opens (creating folders and schema as needed) the database at `path`.
    public init(path: String) throws(StoreError) {
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            writer = try DatabasePool(path: path, configuration: Self.configuration())
            self.path = path
            try Self.migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(reason: .database("\(path): \(error)"))
        }
    }

    /// A private database in memory, for tests and `--demo`.
    public init() throws(StoreError) {
        do {
            writer = try DatabaseQueue(configuration: Self.configuration())
            path = nil
            try Self.migrator.migrate(writer)
        } catch {
            throw StoreError(reason: .database("\(error)"))
        }
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        // Another process may hold the write lock for a moment.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // A committed row must survive kill -9 and a power cut.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// Runs a read.
    func read<T>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StoreError(reason: .database("\(error)"))
        }
    }

    /// Runs a write in one transaction.
    func write<T>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(reason: .database("\(error)"))
        }
    }
}
