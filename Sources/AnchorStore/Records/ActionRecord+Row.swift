public import GRDB
import OKX

// Reading journal rows. Their enumerated columns hold text (the raw values); a value this version does not know was
// written by another version of okx-anchor, and is reported with where it was found rather than guessed: resume
// decides from the phase and the step kinds what it may send, and a misread could send the wrong order.

extension ActionRecord {
    /// Reads a row of the `action` table, refusing any value of its enumerated columns this version does not know.
    public init(row: Row) throws {
        let actionId = row["id"] as? String ?? "?"
        try row.requireKnown(ActionKind.self, table: Self.databaseTableName, column: "kind", actionId: actionId)
        try row.requireKnown(ActionOrigin.self, table: Self.databaseTableName, column: "origin", actionId: actionId)
        try row.requireKnown(PositionSide.self, table: Self.databaseTableName, column: "posSide", actionId: actionId)
        try row.requireKnown(ActionState.self, table: Self.databaseTableName, column: "state", actionId: actionId)
        try row.requireKnown(ActionPhase.self, table: Self.databaseTableName, column: "phase", actionId: actionId)
        self = try FetchableRecordDecoder().decode(Self.self, from: row)
    }
}

extension StepRecord {
    /// Reads a row of the `step` table, refusing a step kind or state this version does not know.
    public init(row: Row) throws {
        let actionId = row["actionId"] as? String ?? "?"
        try row.requireKnown(StepKind.self, table: Self.databaseTableName, column: "kind", actionId: actionId)
        try row.requireKnown(StepState.self, table: Self.databaseTableName, column: "state", actionId: actionId)
        self = try FetchableRecordDecoder().decode(Self.self, from: row)
    }
}

extension Row {
    /// Throws ``StoreError/Reason/unknownJournalValue(table:column:value:actionId:)`` unless `column` holds the raw
    /// value of a `Value`.
    func requireKnown<Value: RawRepresentable<String>>(
        _: Value.Type, table: String, column: String, actionId: String
    ) throws {
        let stored = self[column]
        if let text = stored as? String, Value(rawValue: text) != nil { return }
        throw StoreError(
            reason: .unknownJournalValue(
                table: table, column: column, value: stored.map { "\($0)" } ?? "NULL", actionId: actionId))
    }
}
