import Foundation
import GRDB
import OKX

extension Store {
    /// The maintenance count of one position (0 when never maintained). Counts are kept for isolated positions, the
    /// only ones actions work on: any other has 0.
    public func maintenanceCount(_ key: PositionKey) throws(StoreError) -> Int {
        guard key.mgnMode == .isolated else { return 0 }
        return try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count FROM maintenanceCount WHERE account = ? AND instId = ? AND posSide = ?",
                arguments: [key.account, key.instId, key.posSide.rawValue]) ?? 0
        }
    }

    /// Every recorded maintenance count.
    public func maintenanceCounts() throws(StoreError) -> [PositionKey: Int] {
        try read { db in try Self.maintenanceCounts(db) }
    }

    /// The maintenance counts and the unfinished actions in one read: every snapshot needs both, and each read is
    /// a trip through the pool's queue and a transaction of its own.
    public func countsAndUnfinishedActions() throws(StoreError) -> (
        counts: [PositionKey: Int], unfinished: [ActionRecord]
    ) {
        try read { db in (try Self.maintenanceCounts(db), try Self.unfinishedActions(db)) }
    }

    static func maintenanceCounts(_ db: Database) throws -> [PositionKey: Int] {
        var counts: [PositionKey: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT account, instId, posSide, count FROM maintenanceCount")
        while let row = try rows.next() {
            guard let side = PositionSide(rawValue: row["posSide"]) else { continue }
            counts[PositionKey(account: row["account"], instId: row["instId"], posSide: side)] = row["count"]
        }
        return counts
    }

    /// The newest `limit` events, returned oldest first (the log pane shows the newest at the bottom).
    /// With `beforeId`, the page just older than that event.
    public func events(limit: Int, beforeId: Int64? = nil) throws(StoreError) -> [EventRecord] {
        try read { db in
            var request = EventRecord.order(Column("id").desc).limit(limit)
            if let beforeId { request = request.filter(Column("id") < beforeId) }
            return try request.fetchAll(db).reversed()
        }
    }

    /// Events newer than `afterId`, oldest first.
    public func events(afterId: Int64, limit: Int = 1000) throws(StoreError) -> [EventRecord] {
        try read { db in
            try EventRecord.filter(Column("id") > afterId).order(Column("id")).limit(limit).fetchAll(db)
        }
    }

    /// Every event of one action, oldest first.
    public func events(actionId: String) throws(StoreError) -> [EventRecord] {
        try read { db in
            try EventRecord.filter(Column("actionId") == actionId).order(Column("id")).fetchAll(db)
        }
    }

    /// The number of events stored.
    public func eventCount() throws(StoreError) -> Int {
        try read { db in try EventRecord.fetchCount(db) }
    }

    /// How many `maintenance` events each position has (an audit against the counts).
    public func countedMaintenances() throws(StoreError) -> [PositionKey: Int] {
        try read { db in
            var result: [PositionKey: Int] = [:]
            for event in try EventRecord.filter(Column("kind") == EventKind.maintenance.rawValue).fetchAll(db) {
                result[event.key, default: 0] += 1
            }
            return result
        }
    }
}
