import AnchorStore
import Foundation
import GRDB
import OKX
import Testing

/// The journal's phases and step kinds are stored as the text earlier versions wrote, and a value this version does
/// not know (written by another version) is reported with where it was found, never guessed.
@Suite struct JournalValueTests {
    let key = PositionKey(account: "Wu666666", instId: "APT-USDT-SWAP", posSide: .long)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func temporaryPath() -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("anchor-journal-\(UUID().uuidString)")
        return folder.appendingPathComponent("anchor.sqlite").path
    }

    func action(_ id: String, phase: ActionPhase = .begun) -> ActionRecord {
        ActionRecord(
            id: id, kind: .maintenance, origin: .manual, key: key, posId: "p1", phase: phase, plan: "{}",
            createdAt: now, ownerPid: 4242)
    }

    /// Writes SQL straight into the file, as another version of okx-anchor sharing it would.
    func execute(_ sql: String, at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    /// The text SQLite holds in one column of one row.
    func storedText(_ sql: String, at path: String) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchOne(db, sql: sql) }
    }

    @Test(arguments: ActionPhase.allCases)
    func everyPhaseRoundTripsAsTheTextEarlierVersionsWrote(phase: ActionPhase) throws {
        let path = temporaryPath()
        let store = try Store(path: path)
        try store.begin(action("a1"))
        try store.update(actionId: "a1", phase: phase, at: now)
        #expect(try store.action(id: "a1")?.phase == phase)
        #expect(try storedText("SELECT phase FROM action WHERE id = 'a1'", at: path) == phase.rawValue)
        // Today's strings, so a database written before the enum reads unchanged.
        #expect(["begun", "correcting", "closing", "closed", "opening", "opened"].contains(phase.rawValue))
    }

    @Test(arguments: StepKind.allCases)
    func everyStepKindRoundTripsAsTheTextEarlierVersionsWrote(kind: StepKind) throws {
        let path = temporaryPath()
        let store = try Store(path: path)
        try store.begin(action("a1"))
        _ = try store.recordStep(
            StepRecord(
                actionId: "a1", stepIndex: 1, attempt: 1, kind: kind, clientOrderId: nil, amount: 1, sentAt: now))
        #expect(try store.steps(actionId: "a1").map(\.kind) == [kind])
        #expect(try storedText("SELECT kind FROM step WHERE actionId = 'a1'", at: path) == kind.rawValue)
        #expect(["setLeverage", "trim", "reduceMargin", "addMargin", "close", "open"].contains(kind.rawValue))
    }

    @Test func aPhaseWrittenByAnotherVersionIsReportedWithWhereItWasFound() throws {
        let path = temporaryPath()
        let store = try Store(path: path)
        try store.begin(action("a1", phase: .closing))
        try execute("UPDATE action SET phase = 'reopening' WHERE id = 'a1'", at: path)

        let expected = StoreError.Reason.unknownJournalValue(
            table: "action", column: "phase", value: "reopening", actionId: "a1")
        for read in [
            { _ = try store.action(id: "a1") }, { _ = try store.unfinishedActions() },
            { _ = try store.recentActions(limit: 10) }, { _ = try store.countsAndUnfinishedActions() },
        ] as [() throws -> Void] {
            let error = #expect(throws: StoreError.self) { try read() }
            #expect(error?.reason == expected)
        }
        let error = #expect(throws: StoreError.self) { _ = try store.action(id: "a1") }
        let text = try #require(error?.description)
        #expect(text.contains("action.phase"), "\(text)")
        #expect(text.contains("\"reopening\""), "\(text)")
        #expect(text.contains("action a1"), "\(text)")
        #expect(text.contains("nothing was guessed"), "\(text)")
        // The process that finds it running does not take it for an orphan at some guessed phase either.
        #expect(throws: StoreError.self) { try store.interruptOrphans(at: now) { _ in false } }
        // Nor does a new action start on the position as if the row were not there.
        let busy = #expect(throws: StoreError.self) { try store.begin(action("a2")) }
        #expect(busy?.reason == expected)
    }

    @Test func aStepKindWrittenByAnotherVersionIsReportedWithWhereItWasFound() throws {
        let path = temporaryPath()
        let store = try Store(path: path)
        try store.begin(action("a1", phase: .closing))
        _ = try store.recordStep(
            StepRecord(
                actionId: "a1", stepIndex: 1, attempt: 1, kind: .close, clientOrderId: "aa1s1t1", amount: 18,
                sentAt: now))
        try execute("UPDATE step SET kind = 'closeAll' WHERE actionId = 'a1'", at: path)

        let error = #expect(throws: StoreError.self) { _ = try store.steps(actionId: "a1") }
        #expect(
            error?.reason
                == .unknownJournalValue(table: "step", column: "kind", value: "closeAll", actionId: "a1"))
        let text = try #require(error?.description)
        #expect(text.contains("step.kind = \"closeAll\" for action a1"), "\(text)")
        // The action itself still reads: only the step is refused.
        #expect(try store.action(id: "a1")?.phase == .closing)
    }
}
