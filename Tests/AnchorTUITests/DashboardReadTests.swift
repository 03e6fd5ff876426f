import AnchorCore
import AnchorStore
import Foundation
import Testing

@testable import AnchorStore
@testable import AnchorTUI

/// What a snapshot asks to be read, as effects of `update`: the journal only when the actions holding positions
/// change, newer log events only when the store has had a commit since the last read.
@Suite struct DashboardReadTests {
    /// The one-position snapshot of `generation`, with a store version and, when `held`, an action holding it.
    static func snapshot(_ generation: Int, _ version: StoreVersion?, held: SnapshotBuilder.Hold? = nil) -> Snapshot {
        var snapshot = DemoFixture.single(generation: generation, rate: "-0.05", hold: held)
        snapshot.storeVersion = version
        return snapshot
    }

    /// A state whose log has been loaded, as after the app's first read.
    static func loadedState() -> AppState {
        var state = AppState(
            settings: DashboardSettings(environment: .demo, timeZone: DemoFixture.utc), language: .en,
            themeName: "default", size: TerminalSize(rows: 24, cols: 80), now: DemoFixture.start)
        _ = Dashboard.update(&state, .logEvents(DemoFixture.events(), .latest(hasOlder: false)))
        return state
    }

    static func reads(_ effects: [Effect]) -> [Effect] { effects.filter(\.isRead) }

    @Test func theLogIsReadAfterASnapshotOnlyWhenTheStoreHasChanged() {
        var state = Self.loadedState()
        let newest = state.log.newestId
        let first = StoreVersion(local: 1, shared: 7)
        let second = StoreVersion(local: 2, shared: 7)
        let logRead = Effect.loadNewerLog(afterId: newest)
        #expect(Self.reads(Dashboard.update(&state, .snapshot(Self.snapshot(1, first)))).contains(logRead))
        #expect(
            !Self.reads(Dashboard.update(&state, .snapshot(Self.snapshot(2, first)))).contains(logRead),
            "nothing committed: no read")
        #expect(Self.reads(Dashboard.update(&state, .snapshot(Self.snapshot(3, second)))).contains(logRead))
        #expect(!Self.reads(Dashboard.update(&state, .snapshot(Self.snapshot(4, second)))).contains(logRead))
        // A snapshot that cannot say reads every time.
        #expect(Self.reads(Dashboard.update(&state, .snapshot(Self.snapshot(5, nil)))).contains(logRead))
        #expect(Self.reads(Dashboard.update(&state, .snapshot(Self.snapshot(6, nil)))).contains(logRead))
    }

    @Test func aFailedLogReadIsTriedAgainAtTheNextSnapshot() {
        var state = Self.loadedState()
        let version = StoreVersion(local: 1, shared: 1)
        _ = Dashboard.update(&state, .snapshot(Self.snapshot(1, version)))
        _ = Dashboard.update(&state, .logReadFailed("database: locked"))
        #expect(state.message?.text == "database: locked")
        let again = Dashboard.update(&state, .snapshot(Self.snapshot(2, version)))
        #expect(again.contains(Effect.loadNewerLog(afterId: state.log.newestId)))
    }

    @Test func aFailedJournalReadIsSaidAndTheNextSnapshotReadsItAgain() {
        var state = Self.loadedState()
        let version = StoreVersion(local: 1, shared: 1)
        #expect(Dashboard.update(&state, .snapshot(Self.snapshot(1, version))).contains(.loadJournal))
        _ = Dashboard.update(&state, .journalReadFailed("database: locked"))
        #expect(state.message?.text == "could not read the journal: database: locked")
        #expect(Dashboard.update(&state, .snapshot(Self.snapshot(2, version))).contains(.loadJournal))
        #expect(!Dashboard.update(&state, .snapshot(Self.snapshot(3, version))).contains(.loadJournal), "read once")
    }

    @Test func beforeTheLogIsLoadedASnapshotAsksForNoPageOfIt() {
        var state = AppState(
            settings: DashboardSettings(environment: .demo, timeZone: DemoFixture.utc), language: .en,
            themeName: "default", size: TerminalSize(rows: 24, cols: 80), now: DemoFixture.start)
        let effects = Dashboard.update(&state, .snapshot(Self.snapshot(1, nil)))
        #expect(!effects.contains { if case .loadNewerLog = $0 { true } else { false } })
    }

    @Test func theJournalIsReadOnlyWhenTheActionsHoldingPositionsChange() {
        var state = Self.loadedState()
        let version = StoreVersion(local: 1, shared: 1)
        #expect(Dashboard.update(&state, .snapshot(Self.snapshot(1, version))).contains(.loadJournal), "first time")
        #expect(!Dashboard.update(&state, .snapshot(Self.snapshot(2, version))).contains(.loadJournal))
        let running = SnapshotBuilder.Hold(actionId: "a1", interrupted: false)
        #expect(Dashboard.update(&state, .snapshot(Self.snapshot(3, version, held: running))).contains(.loadJournal))
        #expect(!Dashboard.update(&state, .snapshot(Self.snapshot(4, version, held: running))).contains(.loadJournal))
        let interrupted = SnapshotBuilder.Hold(actionId: "a1", interrupted: true)
        #expect(
            Dashboard.update(&state, .snapshot(Self.snapshot(5, version, held: interrupted))).contains(.loadJournal))
        #expect(Dashboard.update(&state, .snapshot(Self.snapshot(6, version))).contains(.loadJournal), "released")
    }
}
