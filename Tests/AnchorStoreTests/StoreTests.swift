import AnchorStore
import Foundation
import OKX
import Testing

@Suite struct StoreTests {
    let key = PositionKey(account: "Wu666666", instId: "APT-USDT-SWAP", posSide: .long)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func temporaryPath() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("anchor-store-\(UUID().uuidString)")
        return folder.appendingPathComponent("nested/anchor.sqlite").path
    }

    func action(_ id: String, key: PositionKey? = nil, pid: Int32 = 4242) -> ActionRecord {
        ActionRecord(
            id: id, kind: .maintenance, origin: .manual, key: key ?? self.key, posId: "p1", phase: .begun,
            plan: "{}", createdAt: now, ownerPid: pid)
    }

    func openedEvent() -> EventRecord {
        EventRecord(
            time: now, key: key, origin: .manual, kind: .maintenance, actionId: nil, outcome: .ok,
            message: "opened 181 contracts")
    }

    @Test func aSecondActionOnTheSamePositionIsRefusedEvenFromAnotherConnection() throws {
        let path = temporaryPath()
        let first = try Store(path: path)
        let second = try Store(path: path)  // as another process would open it
        try first.begin(action("a1"))
        #expect(throws: StoreError.self) { try second.begin(action("a2")) }
        // Another position is free.
        try second.begin(action("a3", key: PositionKey(account: "Wu666666", instId: "CRO-USDT-SWAP", posSide: .long)))
        // Once the first completes, the position is free again.
        try first.update(actionId: "a1", state: .completed, at: now)
        try second.begin(action("a4"))
    }

    /// The token the per-second readers use to skip a read: the same while nothing is committed, new after a commit
    /// through this store, through another connection to the file (as another process would), or in memory.
    @Test func theVersionChangesWithEveryCommitFromAnyConnectionAndOnlyThen() throws {
        let path = temporaryPath()
        let store = try Store(path: path)
        let other = try Store(path: path)
        let start = try #require(store.version())
        _ = try store.events(limit: 10)
        _ = try store.countsAndUnfinishedActions()
        #expect(store.version() == start, "reads commit nothing")
        _ = try store.record(openedEvent())
        let afterOwn = try #require(store.version())
        #expect(afterOwn != start)
        #expect(store.version() == afterOwn)
        _ = try other.record(openedEvent())
        let afterOther = try #require(store.version())
        #expect(afterOther != afterOwn, "a commit through another connection")
        try other.begin(action("v1"))
        #expect(store.version() != afterOther)

        let memory = try Store()
        let empty = try #require(memory.version())
        #expect(memory.version() == empty)
        _ = try memory.record(openedEvent())
        #expect(memory.version() != empty)
    }

    @Test func anInterruptedActionStillHoldsThePosition() throws {
        let store = try Store()
        try store.begin(action("a1"))
        try store.update(actionId: "a1", state: .interrupted, phase: .closed, at: now)
        let error = #expect(throws: StoreError.self) { try store.begin(action("a2")) }
        #expect(error?.description.contains("resume or abandon") == true)
        try store.update(actionId: "a1", state: .abandoned, at: now)
        try store.begin(action("a2"))
    }

    @Test func aMaintenanceIsCountedExactlyOnceEvenWhenRecordedTwice() throws {
        let store = try Store()
        try store.begin(action("a1"))
        #expect(try store.recordMaintenanceCounted(actionId: "a1", event: openedEvent(), phase: .opened) == 1)
        #expect(try store.recordMaintenanceCounted(actionId: "a1", event: openedEvent(), phase: .opened) == 1)
        #expect(try store.maintenanceCount(key) == 1)
        #expect(try store.events(actionId: "a1").filter { $0.kind == .maintenance }.count == 1)
        try store.update(actionId: "a1", state: .completed, at: now)
        try store.begin(action("a2"))
        #expect(try store.recordMaintenanceCounted(actionId: "a2", event: openedEvent(), phase: .opened) == 2)
        #expect(try store.maintenanceCounts() == [key: 2])
        #expect(try store.countedMaintenances() == [key: 2])
        #expect(try store.action(id: "a2")?.phase == .opened)
    }

    @Test func stepsKeepTheirClientOrderIdAndOutcome() throws {
        let store = try Store()
        try store.begin(action("a1"))
        let step = try store.recordStep(
            StepRecord(
                actionId: "a1", stepIndex: 1, attempt: 1, kind: .close, clientOrderId: "oaa1s1t1", amount: 18,
                sentAt: now))
        let id = try #require(step.id)
        #expect(try store.steps(actionId: "a1").first?.state == .pending)
        try store.finishStep(id: id, state: .unknown, at: now, errorCode: "50004", errorMessage: "timed out")
        let stored = try #require(try store.steps(actionId: "a1").first)
        #expect(stored.state == .unknown)
        #expect(stored.clientOrderId == "oaa1s1t1")
        #expect(stored.amountValue == 18)
        #expect(stored.errorCode == "50004")
    }

    @Test func orphanedRunningActionsBecomeInterruptedWithAnEvent() throws {
        let store = try Store()
        try store.begin(action("dead", pid: 111))
        try store.begin(
            action("alive", key: PositionKey(account: "main", instId: "BTC-USDT-SWAP", posSide: .short), pid: 222))
        let orphans = try store.interruptOrphans(at: now) { pid in pid == 222 }
        #expect(orphans.map(\.id) == ["dead"])
        #expect(try store.action(id: "dead")?.state == .interrupted)
        #expect(try store.action(id: "alive")?.state == .running)
        #expect(try store.events(actionId: "dead").map(\.kind) == [.interrupted])
        #expect(try store.unfinishedActions().map(\.id).sorted() == ["alive", "dead"])
    }

    @Test func eventsPageNewestLastAndKeepExactDecimals() throws {
        let store = try Store()
        for index in 1...25 {
            var event = EventRecord(
                time: now.addingTimeInterval(Double(index)), key: key, origin: .autopilot, kind: .marginReduce,
                actionId: nil, outcome: .ok, message: "reduce \(index)")
            event.values(margin: (Decimal(string: "20.29"), Decimal(string: "15.29")), amount: 5)
            try store.record(event)
        }
        let page = try store.events(limit: 10)
        #expect(page.map(\.message) == (16...25).map { "reduce \($0)" })
        let older = try store.events(limit: 10, beforeId: try #require(page.first?.id))
        #expect(older.map(\.message) == (6...15).map { "reduce \($0)" })
        #expect(try store.events(afterId: try #require(page[7].id)).count == 2)
        #expect(page.first?.marginBefore == "20.29")
        #expect(page.first?.origin == .autopilot)
        #expect(try store.eventCount() == 25)
    }

    @Test func rowsSurviveReopeningTheFile() throws {
        let path = temporaryPath()
        do {
            let store = try Store(path: path)
            try store.begin(action("a1"))
            _ = try store.recordMaintenanceCounted(actionId: "a1", event: openedEvent(), phase: .opened)
        }
        let reopened = try Store(path: path)
        #expect(try reopened.maintenanceCount(key) == 1)
        #expect(try reopened.action(id: "a1")?.phase == .opened)
    }

    /// Closing the store (releasing it) removes the -wal file: its version probe, a read-only connection that
    /// cannot checkpoint, is closed before the pool, so the pool is the last connection.
    @Test func releasingTheStoreLeavesNoWALFileBehind() throws {
        let path = temporaryPath()
        do {
            let store = try Store(path: path)
            _ = try store.record(openedEvent())
            #expect(store.version() != nil)
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try Store(path: path).eventCount() == 1)
    }

    @Test func anUnwritableLocationIsAClearError() {
        let error = #expect(throws: StoreError.self) { try Store(path: "/proc/nope/anchor.sqlite") }
        #expect(error?.description.contains("/proc/nope/anchor.sqlite") == true)
    }
}
