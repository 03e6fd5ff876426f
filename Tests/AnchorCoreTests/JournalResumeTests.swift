import AnchorCore
import AnchorStore
import Foundation
import GRDB
import OKX
import PaperExchange
import TestSupport
import Testing

/// Resume decides what to send from the journal's phase and step kinds: one it does not know (written by another
/// version) stops it with the store's error, and nothing is sent on a guess.
@Suite(.serialized) struct JournalResumeTests {
    /// A maintenance killed right after its close was sent, its journal rewritten by `sql` as another version would
    /// write it, then resumed by a fresh engine.
    func resumeAfterRewriting(_ sql: String) async throws -> (ActionResult, openingOrders: Int, actionId: String) {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("anchor-resume-\(UUID().uuidString).sqlite").path
        let crash = CrashOnce(at: Checkpoint.closeSent)
        return try await withHarness(store: try Store(path: path), checkpoint: crash.hook) { h in
            let first = try await h.plannedRun(.maintenance, wuAPT)
            #expect(crash.didFire)
            let actionId = try #require(first.actionId)
            _ = try h.store.interruptOrphans(at: Date()) { _ in false }
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in try db.execute(sql: sql, arguments: [actionId]) }
            try queue.close()
            let resumed = await h.restartedEngine().runner.resume(actionId: actionId)
            return (resumed, h.openingOrders(wuAPT).count, actionId)
        }
    }

    @Test func anUnknownStepKindStopsResumeWithTheStoreErrorAndSendsNothing() async throws {
        let (result, opens, actionId) = try await resumeAfterRewriting(
            "UPDATE step SET kind = 'closeAll' WHERE actionId = ?")
        #expect(result.state == .refused)
        #expect(
            result.summary.contains("step.kind = \"closeAll\" for action \(actionId)")
                && result.summary.contains("nothing was guessed"), "\(result.summary)")
        #expect(opens == 0, "no open sent on a guess")
    }

    @Test func anUnknownPhaseStopsResumeWithTheStoreErrorAndSendsNothing() async throws {
        let (result, opens, actionId) = try await resumeAfterRewriting(
            "UPDATE action SET phase = 'reopening' WHERE id = ?")
        #expect(result.state == .refused)
        #expect(result.summary.contains("action.phase = \"reopening\" for action \(actionId)"), "\(result.summary)")
        #expect(opens == 0, "no open sent on a guess")
    }
}
