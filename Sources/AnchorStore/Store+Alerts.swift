public import Foundation
import GRDB

/// An alert about to be written: what it says and how it is recognised as the same alert again.
public struct AlertDraft: Sendable, Hashable {
    /// Unique per event across every process sharing the database, e.g. `action:ID:completed`: a second insert with
    /// the same key is ignored, so an event seen by the dashboard and by the daemon is sent once.
    public var dedupKey: String
    /// The kind of event, e.g. `maintenance_due`.
    public var kind: String
    /// Alerts with the same signature are "identical" for coalescing (kind, account, instrument, side).
    public var signature: String
    public var createdAt: Date
    /// The message as the channels show it, in the configured language.
    public var text: String
    /// The webhook JSON object (`okx-anchor.alert.v1`).
    public var payload: String

    public init(dedupKey: String, kind: String, signature: String, createdAt: Date, text: String, payload: String) {
        self.dedupKey = dedupKey
        self.kind = kind
        self.signature = signature
        self.createdAt = createdAt
        self.text = text
        self.payload = payload
    }
}

/// An alert as stored, with its id.
public struct StoredAlert: Sendable, Hashable {
    public var id: Int64
    public var draft: AlertDraft
}

/// Per channel: alerts waiting to be delivered and alerts given up on.
public struct AlertChannelStatus: Sendable, Hashable {
    public var channel: String
    public var pending: Int
    public var failed: Int
    /// The reason of the newest failure, if any.
    public var lastError: String?
    /// Whether the newest delivery that ended, ended given up.
    public var failing: Bool

    public init(channel: String, pending: Int, failed: Int, lastError: String?, failing: Bool) {
        self.channel = channel
        self.pending = pending
        self.failed = failed
        self.lastError = lastError
        self.failing = failing
    }
}

extension Store {
    static func createAlertTables(_ db: Database) throws {
        // A condition (a position due for maintenance, an account down) is alerted once per crossing: the row says
        // whether it is active now, whoever saw it first.
        try db.create(table: "alertCondition") { t in
            t.primaryKey("key", .text)
            t.column("active", .boolean).notNull()
            t.column("changedAt", .datetime).notNull()
        }
        try db.create(table: "alert") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("dedupKey", .text).notNull().unique()
            t.column("kind", .text).notNull()
            t.column("signature", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("text", .text).notNull()
            t.column("payload", .text).notNull()
        }
        // One row per alert and channel: the outbox. `claimedBy`/`claimedUntil` say which process is delivering
        // it, so two processes never send it twice and a restart picks up what was not delivered.
        try db.create(table: "alertDelivery") { t in
            t.column("alertId", .integer).notNull().references("alert", onDelete: .cascade)
            t.column("channel", .text).notNull()
            t.column("state", .text).notNull()
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("claimedBy", .integer)
            t.column("claimToken", .text)
            t.column("claimedUntil", .datetime)
            t.column("lastError", .text)
            t.column("finishedAt", .datetime)
            t.primaryKey(["alertId", "channel"])
        }
        try db.create(index: "alertDeliveryByState", on: "alertDelivery", columns: ["channel", "state", "alertId"])
    }

    /// Writes an alert and its deliveries to `channels`, unless an alert with the same `dedupKey` exists. Returns
    /// the new alert's id, or nil when it was already there.
    @discardableResult
    public func insertAlert(_ draft: AlertDraft, channels: [String]) throws(StoreError) -> Int64? {
        try write { db in try Self.insertAlert(db, draft, channels: channels) }
    }

    /// Moves a condition to `active`. Only the process that changes it writes `alert` (when given): a condition
    /// already in that state writes nothing and returns nil, so one crossing is alerted once across processes.
    @discardableResult
    public func setAlertCondition(
        _ key: String, active: Bool, at time: Date, alert: AlertDraft?, channels: [String]
    ) throws(StoreError) -> Int64? {
        try write { db in
            let current = try Bool.fetchOne(
                db, sql: "SELECT active FROM alertCondition WHERE key = ?", arguments: [key])
            guard (current ?? false) != active else { return nil }
            try db.execute(
                sql: "INSERT OR REPLACE INTO alertCondition(key, active, changedAt) VALUES (?, ?, ?)",
                arguments: [key, active, time])
            guard let alert else { return nil }
            return try Self.insertAlert(db, alert, channels: channels)
        }
    }

    /// Whether a condition is active now (false when never seen).
    public func alertConditionActive(_ key: String) throws(StoreError) -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT active FROM alertCondition WHERE key = ?", arguments: [key]) ?? false
        }
    }

    private static func insertAlert(_ db: Database, _ draft: AlertDraft, channels: [String]) throws -> Int64? {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO alert(dedupKey, kind, signature, createdAt, text, payload)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [draft.dedupKey, draft.kind, draft.signature, draft.createdAt, draft.text, draft.payload])
        guard db.changesCount == 1 else { return nil }
        let id = db.lastInsertedRowID
        for channel in channels {
            try db.execute(
                sql: "INSERT INTO alertDelivery(alertId, channel, state) VALUES (?, ?, 'pending')",
                arguments: [id, channel])
        }
        return id
    }

    /// Claims up to `limit` pending deliveries of `channel`, oldest first, for `token` (a deliverer of process
    /// `owner`) until `now + lease`: those nobody holds, those this deliverer holds, and those whose holder's lease
    /// ran out or whose process is gone.
    /// Beyond `keep` pending ones the oldest are given up ("queue full"): the queue is bounded.
    public func claimDeliveries(
        channel: String, owner: Int32, token: String, now: Date, lease: TimeInterval, limit: Int, keep: Int = 1000,
        isAlive: @Sendable (Int32) -> Bool
    ) throws(StoreError) -> [StoredAlert] {
        try write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.alertId, d.claimedBy, d.claimToken, d.claimedUntil, a.dedupKey, a.kind, a.signature,
                        a.createdAt, a.text, a.payload
                    FROM alertDelivery d JOIN alert a ON a.id = d.alertId
                    WHERE d.channel = ? AND d.state = 'pending' ORDER BY d.alertId
                    """,
                arguments: [channel])
            let overflow = max(0, rows.count - keep)
            for row in rows.prefix(overflow) {
                try db.execute(
                    sql: """
                        UPDATE alertDelivery SET state = 'failed', lastError = 'queue full', finishedAt = ?
                        WHERE alertId = ? AND channel = ?
                        """,
                    arguments: [now, row["alertId"] as Int64, channel])
            }
            var claimed: [StoredAlert] = []
            for row in rows.dropFirst(overflow) where claimed.count < limit {
                let holder: Int32? = row["claimedBy"]
                let holderToken: String? = row["claimToken"]
                let until: Date? = row["claimedUntil"]
                let free =
                    holder == nil || holderToken == token || (until.map { $0 < now } ?? true)
                    || (holder != owner && !isAlive(holder ?? 0))
                guard free else { continue }
                let id: Int64 = row["alertId"]
                try db.execute(
                    sql: """
                        UPDATE alertDelivery SET claimedBy = ?, claimToken = ?, claimedUntil = ?
                        WHERE alertId = ? AND channel = ?
                        """,
                    arguments: [owner, token, now.addingTimeInterval(lease), id, channel])
                let draft = AlertDraft(
                    dedupKey: row["dedupKey"], kind: row["kind"], signature: row["signature"],
                    createdAt: row["createdAt"], text: row["text"], payload: row["payload"])
                claimed.append(StoredAlert(id: id, draft: draft))
            }
            return claimed
        }
    }

    /// Ends deliveries: delivered, or given up with `error` (a reason with no secret in it).
    public func finishDeliveries(
        _ alertIds: [Int64], channel: String, delivered: Bool, attempts: Int, error: String?, at time: Date
    ) throws(StoreError) {
        try write { db in
            for id in alertIds {
                try db.execute(
                    sql: """
                        UPDATE alertDelivery SET state = ?, attempts = attempts + ?, lastError = ?, finishedAt = ?
                        WHERE alertId = ? AND channel = ?
                        """,
                    arguments: [delivered ? "sent" : "failed", attempts, error, time, id, channel])
            }
        }
    }

    /// Pending and failed deliveries per channel, failures counted since `since`.
    public func alertChannelStatus(since: Date) throws(StoreError) -> [AlertChannelStatus] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT channel,
                        SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,
                        SUM(CASE WHEN state = 'failed' AND finishedAt >= ? THEN 1 ELSE 0 END) AS failed,
                        (SELECT lastError FROM alertDelivery f WHERE f.channel = d.channel AND f.state = 'failed'
                            ORDER BY f.finishedAt DESC LIMIT 1) AS lastError,
                        (SELECT state FROM alertDelivery e WHERE e.channel = d.channel AND e.finishedAt IS NOT NULL
                            ORDER BY e.finishedAt DESC, e.alertId DESC LIMIT 1) AS lastState
                    FROM alertDelivery d GROUP BY channel ORDER BY channel
                    """,
                arguments: [since])
            return rows.map { row in
                AlertChannelStatus(
                    channel: row["channel"], pending: row["pending"] ?? 0, failed: row["failed"] ?? 0,
                    lastError: row["lastError"], failing: (row["lastState"] as String?) == "failed")
            }
        }
    }

    /// How each delivery of an alert ended: channel → state (`pending`, `sent`, `failed`).
    public func deliveryStates(alertId: Int64) throws(StoreError) -> [String: String] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT channel, state FROM alertDelivery WHERE alertId = ?", arguments: [alertId])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["channel"], $0["state"]) })
        }
    }

    /// Every alert, oldest first (tests and `doctor`).
    public func alerts(limit: Int = 1000) throws(StoreError) -> [StoredAlert] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM alert ORDER BY id LIMIT ?", arguments: [limit]
            ).map { row in
                StoredAlert(
                    id: row["id"],
                    draft: AlertDraft(
                        dedupKey: row["dedupKey"], kind: row["kind"], signature: row["signature"],
                        createdAt: row["createdAt"], text: row["text"], payload: row["payload"]))
            }
        }
    }
}
