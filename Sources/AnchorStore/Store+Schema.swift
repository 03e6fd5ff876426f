import GRDB

extension Store {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "maintenanceCount") { t in
                t.column("account", .text).notNull()
                t.column("instId", .text).notNull()
                t.column("posSide", .text).notNull()
                t.column("count", .integer).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.primaryKey(["account", "instId", "posSide"])
            }
            try db.create(table: "action") { t in
                t.primaryKey("id", .text)
                t.column("kind", .text).notNull()
                t.column("origin", .text).notNull()
                t.column("account", .text).notNull()
                t.column("instId", .text).notNull()
                t.column("posSide", .text).notNull()
                t.column("posId", .text).notNull()
                t.column("state", .text).notNull()
                t.column("phase", .text).notNull()
                t.column("plan", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.column("ownerPid", .integer).notNull()
                t.column("summary", .text)
                t.column("errorCode", .text)
                t.column("errorMessage", .text)
                t.column("parentId", .text)
            }
            // One running or interrupted action per position, across every process sharing the file.
            try db.execute(
                sql: """
                    CREATE UNIQUE INDEX actionHoldsPosition ON action(account, instId, posSide)
                    WHERE state IN ('running', 'interrupted')
                    """)
            try db.create(table: "step") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("actionId", .text).notNull().references("action", onDelete: .cascade)
                t.column("stepIndex", .integer).notNull()
                t.column("attempt", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("state", .text).notNull()
                t.column("clientOrderId", .text)
                t.column("amount", .text)
                t.column("sentAt", .datetime).notNull()
                t.column("finishedAt", .datetime)
                t.column("detail", .text)
                t.column("errorCode", .text)
                t.column("errorMessage", .text)
            }
            try db.create(index: "stepByAction", on: "step", columns: ["actionId", "id"])
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .datetime).notNull()
                t.column("account", .text).notNull()
                t.column("instId", .text).notNull()
                t.column("posSide", .text).notNull()
                t.column("origin", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("actionId", .text)
                t.column("outcome", .text).notNull()
                t.column("marginBefore", .text)
                t.column("marginAfter", .text)
                t.column("sizeBefore", .text)
                t.column("sizeAfter", .text)
                t.column("leverBefore", .text)
                t.column("leverAfter", .text)
                t.column("amount", .text)
                t.column("countAfter", .integer)
                t.column("errorCode", .text)
                t.column("errorMessage", .text)
                t.column("message", .text).notNull()
            }
            // A maintenance is counted once: at most one `maintenance` event per action.
            try db.execute(
                sql: "CREATE UNIQUE INDEX maintenanceCountedOnce ON event(actionId) WHERE kind = 'maintenance'")
            try db.create(index: "eventByPosition", on: "event", columns: ["account", "instId", "posSide", "id"])
        }
        // Events name the position they were about by OKX's posId too (an account may hold two positions on one
        // instrument and side: cross and isolated). Counts and actions are kept for isolated positions only, the
        // ones actions work on, so their keys need no margin mode.
        migrator.registerMigration("v2") { db in
            try db.alter(table: "event") { t in t.add(column: "posId", .text) }
        }
        // Alerts to the trader's channels (issue 15): see Store+Alerts.swift.
        migrator.registerMigration("v3-alerts") { db in try Self.createAlertTables(db) }
        return migrator
    }
}
