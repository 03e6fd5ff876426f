import AnchorStore
import Foundation
import GRDB
import OKX
import PaperExchange
import TestSupport
import Testing

@testable import AnchorCore

/// The autopilot on a test clock, against the paper exchange: what it starts, when, and what it never touches.
@Suite(.serialized) struct AutopilotTests {
    /// An engine over the demo on a test clock, the autopilot armed; the body gets both.
    func withAutopilot(
        manageMain: Bool = false,
        settings: AutopilotSettings = AutopilotSettings(
            enabled: true, correctionInterval: .seconds(300), maxMaintenances: 3),
        cooldown: TimeInterval = 600, _ body: (SimHarness, Autopilot, TestClock) async throws -> Void
    ) async throws {
        let harness = try await SimHarness.start(manageMain: manageMain)
        let clock = TestClock()
        let autopilot = Autopilot(
            runner: harness.engine.runner, settings: settings, maxConcurrent: 20, cooldown: cooldown, clock: clock)
        do {
            try await body(harness, autopilot, clock)
        } catch {
            await autopilot.drain()
            await harness.stop()
            throw error
        }
        await autopilot.drain()
        await harness.stop()
    }

    /// The started actions' keys by kind.
    func keys(_ started: [(AnchorStore.PositionKey, ActionKind)], _ kind: ActionKind) -> Set<AnchorStore.PositionKey> {
        Set(started.filter { $0.1 == kind }.map(\.0))
    }

    @Test func disarmedItStartsNothing() async throws {
        try await withAutopilot(
            settings: AutopilotSettings(enabled: false, correctionInterval: .seconds(300), maxMaintenances: 3)
        ) { h, autopilot, _ in
            let snapshot = await h.engine.poller.pollOnce()
            #expect(await autopilot.consider(snapshot).isEmpty)
        }
    }

    @Test func itCorrectsOutOfBandPositionsOncePerIntervalAndMaintainsDueOnesAtOnce() async throws {
        try await withAutopilot { h, autopilot, clock in
            func outOfBand(_ snapshot: Snapshot) -> Set<AnchorStore.PositionKey> {
                Set(snapshot.positions.filter { $0.status == .aboveBand || $0.status == .belowBand }.map(\.key))
            }
            let snapshot = await h.engine.poller.pollOnce()
            let due = Set(snapshot.positions.filter { $0.status == .maintenanceDue }.map(\.key))
            #expect(!outOfBand(snapshot).isEmpty && !due.isEmpty)
            let first = await autopilot.consider(snapshot)
            #expect(keys(first, .maintenance) == due)
            #expect(keys(first, .correction) == outOfBand(snapshot), "the first snapshot is a sweep")
            await autopilot.drain()

            // 299 s on, a position out of its band waits for the next sweep; a due one would not.
            clock.advance(by: 299)
            var later = await h.engine.poller.pollOnce()
            // The sweep's actions spent the accounts' request budgets, which the paper exchange counts in real
            // time: an account refused with 50011 keeps its last reading, stale. Read again until every account
            // answered (the deadline only guards against a hang).
            let deadline = ContinuousClock.now + .seconds(20)
            while later.accounts.contains(where: { $0.lastError != nil }) && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                later = await h.engine.poller.pollOnce()
            }
            let target = try #require(later.positions.firstIndex { $0.isManaged && $0.status == .inBand })
            later.positions[target].status = .aboveBand
            #expect(keys(await autopilot.consider(later), .correction).isEmpty, "no sweep inside correction_interval")
            // At 300 s the sweep takes it.
            clock.advance(by: 1)
            let swept = await autopilot.consider(later)
            #expect(keys(swept, .correction).contains(later.positions[target].key))
            #expect(keys(swept, .correction).isSubset(of: outOfBand(later)))
        }
    }

    @Test func itNeverTouchesAWatchedPositionAndOnlyManagesTheMainAccountWhenTold() async throws {
        for manageMain in [false, true] {
            try await withAutopilot(manageMain: manageMain) { h, autopilot, _ in
                let snapshot = await h.engine.poller.pollOnce()
                let started = await autopilot.consider(snapshot)
                let onMain = started.filter { $0.0.account == "main" }
                #expect(onMain.isEmpty != manageMain, "manage = \(manageMain): \(onMain.map(\.0))")
                for (key, _) in started {
                    #expect(snapshot.position(key)?.isManaged == true)
                }
            }
        }
    }

    @Test func itNeverMaintainsPastMaxMaintenances() async throws {
        try await withAutopilot(
            settings: AutopilotSettings(enabled: true, correctionInterval: .seconds(300), maxMaintenances: 1)
        ) { h, autopilot, _ in
            let snapshot = await h.engine.poller.pollOnce()
            let due = try #require(snapshot.positions.first { $0.status == .maintenanceDue })
            // The due position has been maintained once already: at the limit.
            var counted = snapshot
            for index in counted.positions.indices where counted.positions[index].key == due.key {
                counted.positions[index].maintenanceCount = 1
            }
            let started = await autopilot.consider(counted)
            #expect(!started.contains { $0.0 == due.key && $0.1 == .maintenance })
        }
    }

    @Test func aFailedActionRestsForTheCooldownOnItsClock() async throws {
        try await withAutopilot(cooldown: 600) { h, autopilot, clock in
            // Every opening order is refused for a while: a due maintenance closes, then cannot reopen.
            h.server.arm(SimFault(.refuseOpen, count: nil, durationMs: 60_000))
            let snapshot = await h.engine.poller.pollOnce()
            let due = try #require(snapshot.positions.first { $0.status == .maintenanceDue }).key
            #expect(await autopilot.consider(snapshot).contains { $0.0 == due })
            await autopilot.drain()
            h.server.clearFaults()
            // Interrupted now (closed, not reopened): held by the journal, so not started again anyway; abandon it to
            // see the cooldown alone keep the autopilot off the position.
            for action in try h.store.unfinishedActions() where action.key == due {
                _ = await h.engine.runner.abandon(actionId: action.id)
            }
            var fake = snapshot
            for index in fake.positions.indices where fake.positions[index].key == due {
                fake.positions[index].status = .maintenanceDue
                fake.positions[index].actionId = nil
            }
            clock.advance(by: 599)
            #expect(await !autopilot.consider(fake).contains { $0.0 == due }, "resting inside the cooldown")
            clock.advance(by: 1)
            #expect(await autopilot.consider(fake).contains { $0.0 == due }, "tried again after it")
        }
    }

    @Test func oneActionPerPositionWhileOneIsInFlight() async throws {
        try await withAutopilot { h, autopilot, _ in
            // Replies slow enough that the first actions are still running when the next snapshot comes.
            h.server.arm(SimFault(.stall(milliseconds: 300), count: 3))
            let snapshot = await h.engine.poller.pollOnce()
            let first = await autopilot.consider(snapshot)
            #expect(!first.isEmpty)
            let active = await autopilot.activeKeys
            let second = await autopilot.consider(snapshot)
            #expect(second.allSatisfy { !active.contains($0.0) }, "a position in flight is not started twice")
        }
    }
}

/// A store the poller cannot read (here a journal value this version does not know) is said on every snapshot,
/// and the autopilot starts nothing on counts it cannot trust.
@Suite(.serialized) struct UnreadableStoreTests {
    @Test func anUnreadableJournalStopsTheAutopilotAndIsSaid() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("unreadable-\(UUID().uuidString)/anchor.sqlite").path
        let harness = try await SimHarness.start(store: try Store(path: path))
        let snapshot = await harness.engine.poller.pollOnce()
        let view = try #require(snapshot.positions.first { $0.isManaged })
        let action = ActionRecord(
            id: "future1", kind: .correction, origin: .manual, key: view.key, posId: view.position.posId,
            state: .interrupted, phase: .correcting, plan: "{}", createdAt: Date(), ownerPid: 4242)
        try harness.store.begin(action)
        // Another version sharing the file wrote a phase this one does not know.
        let other = try DatabaseQueue(path: path)
        try await other.write { db in try db.execute(sql: "UPDATE action SET phase = 'reopening' WHERE id = 'future1'")
        }
        try other.close()
        let unreadable = await harness.engine.poller.pollOnce()
        #expect(unreadable.storeError?.contains("reopening") == true, "\(unreadable.storeError ?? "no error")")
        let autopilot = harness.engine.makeAutopilot()
        await autopilot.arm()
        #expect(await autopilot.consider(unreadable).isEmpty)
        await harness.stop()
    }
}
