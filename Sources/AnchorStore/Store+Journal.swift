public import Foundation
import GRDB
import OKX

extension Store {
    /// Writes a new running action. Refused when another action holds the position, in this process or another.
    public func begin(_ action: ActionRecord) throws(StoreError) {
        try write { db in
            if let holder = try ActionRecord.filter(
                Column("account") == action.account && Column("instId") == action.instId
                    && Column("posSide") == action.posSide.rawValue
                    && [ActionState.running.rawValue, ActionState.interrupted.rawValue].contains(Column("state"))
            ).fetchOne(db) {
                throw StoreError(reason: .positionBusy(actionId: holder.id, state: holder.state))
            }
            do {
                try action.insert(db)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw StoreError(reason: .positionBusy(actionId: "?", state: .running))
            }
        }
    }

    /// Records a step before its request is sent. Returns the step with its id.
    public func recordStep(_ step: StepRecord) throws(StoreError) -> StepRecord {
        try write { db in
            var step = step
            try step.insert(db)
            return step
        }
    }

    /// Records how a step ended.
    public func finishStep(
        id: Int64, state: StepState, at time: Date, detail: String? = nil, errorCode: String? = nil,
        errorMessage: String? = nil
    ) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE step SET state = ?, finishedAt = ?, detail = ?, errorCode = ?, errorMessage = ?
                    WHERE id = ?
                    """, arguments: [state.rawValue, time, detail, errorCode, errorMessage, id])
        }
    }

    /// Moves an action to another phase and/or state; an event may be written in the same transaction.
    public func update(
        actionId: String, state: ActionState? = nil, phase: ActionPhase? = nil, summary: String? = nil,
        errorCode: String? = nil, errorMessage: String? = nil, ownerPid: Int32? = nil, event: EventRecord? = nil,
        at time: Date
    ) throws(StoreError) {
        try write { db in
            guard var action = try ActionRecord.fetchOne(db, key: actionId) else {
                throw StoreError(reason: .unknownAction(actionId))
            }
            if let state { action.state = state }
            if let phase { action.phase = phase }
            if let summary { action.summary = summary }
            if let errorCode { action.errorCode = errorCode }
            if let errorMessage { action.errorMessage = errorMessage }
            if let ownerPid { action.ownerPid = ownerPid }
            action.updatedAt = time
            try action.update(db)
            if var event { try event.insert(db) }
        }
    }

    /// Counts a confirmed maintenance open, in one transaction with its event and the action's phase.
    ///
    /// Idempotent per action: a second call for the same action (after a crash and resume) changes nothing and
    /// returns the count already recorded.
    public func recordMaintenanceCounted(
        actionId: String, event: EventRecord, phase: ActionPhase
    ) throws(StoreError)
        -> Int
    {
        try write { db in
            if let existing = try EventRecord.filter(
                Column("actionId") == actionId && Column("kind") == EventKind.maintenance.rawValue
            ).fetchOne(db) {
                return existing.countAfter ?? 0
            }
            let key = event.key
            let current =
                try Int.fetchOne(
                    db, sql: "SELECT count FROM maintenanceCount WHERE account = ? AND instId = ? AND posSide = ?",
                    arguments: [key.account, key.instId, key.posSide.rawValue]) ?? 0
            let next = current + 1
            try db.execute(
                sql: """
                    INSERT INTO maintenanceCount(account, instId, posSide, count, updatedAt) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(account, instId, posSide) DO UPDATE SET count = excluded.count,
                    updatedAt = excluded.updatedAt
                    """, arguments: [key.account, key.instId, key.posSide.rawValue, next, event.time])
            var event = event
            event.kind = .maintenance
            event.actionId = actionId
            event.countAfter = next
            try event.insert(db)
            try db.execute(
                sql: "UPDATE action SET phase = ?, updatedAt = ? WHERE id = ?",
                arguments: [phase.rawValue, event.time, actionId])
            return next
        }
    }

    /// Writes one history event.
    @discardableResult
    public func record(_ event: EventRecord) throws(StoreError) -> EventRecord {
        try write { db in
            var event = event
            try event.insert(db)
            return event
        }
    }

    /// One action by id.
    public func action(id: String) throws(StoreError) -> ActionRecord? {
        try read { db in try ActionRecord.fetchOne(db, key: id) }
    }

    /// Every step of an action, in the order written.
    public func steps(actionId: String) throws(StoreError) -> [StepRecord] {
        try read { db in
            try StepRecord.filter(Column("actionId") == actionId).order(Column("id")).fetchAll(db)
        }
    }

    /// Actions that hold their position (running or interrupted), oldest first.
    public func unfinishedActions() throws(StoreError) -> [ActionRecord] {
        try read { db in try Self.unfinishedActions(db) }
    }

    static func unfinishedActions(_ db: Database) throws -> [ActionRecord] {
        try ActionRecord.filter(
            [ActionState.running.rawValue, ActionState.interrupted.rawValue].contains(Column("state"))
        ).order(Column("createdAt")).fetchAll(db)
    }

    /// The most recent actions, newest first.
    public func recentActions(limit: Int) throws(StoreError) -> [ActionRecord] {
        try read { db in
            try ActionRecord.order(Column("createdAt").desc).limit(limit).fetchAll(db)
        }
    }

    /// Marks `running` actions whose process is gone as interrupted, so they are shown and can be resumed.
    /// `isAlive` answers whether a pid still runs (injected for tests).
    @discardableResult
    public func interruptOrphans(
        at time: Date, isAlive: @Sendable (Int32) -> Bool
    ) throws(StoreError)
        -> [ActionRecord]
    {
        try write { db in
            let running = try ActionRecord.filter(Column("state") == ActionState.running.rawValue).fetchAll(db)
            var orphans: [ActionRecord] = []
            for var action in running where !isAlive(action.ownerPid) {
                action.state = .interrupted
                action.updatedAt = time
                action.errorMessage =
                    action.errorMessage ?? "the process carrying it out stopped (phase \(action.phase.rawValue))"
                try action.update(db)
                var event = EventRecord(
                    time: time, key: action.key, origin: action.origin, kind: .interrupted, actionId: action.id,
                    outcome: .interrupted,
                    message: "\(action.kind.rawValue) interrupted at \(action.phase.rawValue): its process stopped")
                try event.insert(db)
                orphans.append(action)
            }
            return orphans
        }
    }
}
