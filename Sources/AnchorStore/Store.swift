import Foundation
import GRDB
import Synchronization

/// Why the store refused something.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// Another action holds this position (running or interrupted), maybe in another process.
        case positionBusy(actionId: String, state: ActionState)
        /// No action with that id.
        case unknownAction(String)
        /// The database could not be opened or written.
        case database(String)
        /// A journal row holds a value this version does not know (written by another version of okx-anchor):
        /// reported with where it was found, never guessed.
        case unknownJournalValue(table: String, column: String, value: String, actionId: String)
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
        case .unknownJournalValue(let table, let column, let value, let actionId):
            "the journal holds \(table).\(column) = \"\(value)\" for action \(actionId), a value this version of "
                + "okx-anchor does not know (written by another version?): nothing was guessed; use the version "
                + "that wrote it to resume or abandon the action"
        }
    }
}

/// SQLite storage (WAL) for maintenance counts, the action journal and the event history.
///
/// Several processes (the dashboard, a daemon, a headless command) may share one file: the rule "one action per
/// position" and "one count per maintenance" are enforced by unique indexes inside SQLite, not only in memory.
public final class Store: Sendable {
    let writer: any DatabaseWriter
    /// The file, or nil in memory.
    public let path: String?
    /// A connection of its own that only asks SQLite whether another connection has committed (see ``version()``).
    private let probe: DatabaseQueue?
    /// Writes through this store that have ended, committed or not.
    private let writesEnded = Atomic<UInt64>(0)

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
            var readOnly = Self.configuration()
            readOnly.readonly = true
            probe = try DatabaseQueue(path: path, configuration: readOnly)
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
            probe = nil
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
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(reason: .database("\(error)"))
        }
    }

    deinit {
        // The probe is read-only, and a read-only connection cannot checkpoint: closed last, it would leave the
        // -wal file behind after an orderly shutdown. Closed first, the writer is the last connection and removes it.
        try? probe?.close()
    }

    /// What has been committed so far, as a token: two calls give the same token only if nothing was committed to
    /// the database between them, by this store or by any other connection or process. Nil when SQLite cannot say.
    ///
    /// Readers that run every second (the poller's counts, the dashboard's log) take the token *before* they read
    /// and read again only when it has changed. The probe is SQLite's `PRAGMA data_version` on a connection of its
    /// own, which changes whenever any other connection commits: a few microseconds, against a pooled read
    /// transaction with its queries.
    public func version() -> StoreVersion? {
        let local = writesEnded.load(ordering: .acquiring)
        guard let probe else { return StoreVersion(local: local, shared: 0) }
        do {
            let shared = try probe.inDatabase { db in
                try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            }
            return StoreVersion(local: local, shared: shared)
        } catch {
            return nil
        }
    }

    /// Runs a write in one transaction.
    func write<T>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        // Counted once the write has ended, so a reader that took its token before this write's commit sees a new
        // token afterwards (the probe sees the commit too; this also covers the in-memory store, which has none).
        defer { writesEnded.add(1, ordering: .releasing) }
        do {
            return try writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(reason: .database("\(error)"))
        }
    }
}

/// A token for everything committed to a store so far (see ``Store/version()``).
public struct StoreVersion: Sendable, Hashable {
    /// Writes through this store that had ended.
    let local: UInt64
    /// SQLite's data version on the store's probe connection (0 in memory).
    let shared: Int64
}
