import AnchorCore
import AnchorStore
import Foundation
import OKX
import PaperExchange
import TestSupport
import Testing

/// Stops an action dead at every checkpoint (as kill -9 would: nothing more is written), restarts the engine on the
/// same journal, resumes, and checks there is never a second open and never a count bumped twice.
@Suite(.serialized) struct CrashSafetyTests {
    static let maintenanceCheckpoints = [
        Checkpoint.begun, Checkpoint.closeSent, Checkpoint.closeConfirmed, Checkpoint.openSent,
        Checkpoint.openConfirmed, Checkpoint.counted,
    ]

    @Test(arguments: maintenanceCheckpoints)
    func aMaintenanceKilledAtAnyStepResumesToExactlyOneOpenAndOneCount(checkpoint: String) async throws {
        let crash = CrashOnce(at: checkpoint)
        var policy = Policy.houseDefault
        policy.correctAfterMaintenance = false
        try await withHarness(policy: policy, checkpoint: crash.hook) { h in
            let first = try await h.plannedRun(.maintenance, wuAPT)
            #expect(crash.didFire)
            #expect(first.state == .running, "the journal still says running, as after a kill")
            let actionId = try #require(first.actionId)

            // A new process starts: the old owner is gone, so the action shows as interrupted.
            let orphans = try h.store.interruptOrphans(at: Date()) { _ in false }
            #expect(orphans.map(\.id) == [actionId])
            let restarted = h.restartedEngine()
            let snapshot = await restarted.poller.pollOnce()
            #expect(snapshot.position(wuAPT)?.status == .interrupted)

            let resumed = await restarted.runner.resume(actionId: actionId)
            #expect(resumed.state == .completed, "\(checkpoint): \(resumed.summary)")
            #expect(h.openingOrders(wuAPT).count == 1, "never a second open (\(checkpoint))")
            #expect(try h.store.maintenanceCount(wuAPT) == 1, "counted once (\(checkpoint))")
            #expect(try h.store.countedMaintenances()[wuAPT] == 1)
            #expect(try await h.position(wuAPT) != nil)
            // Resuming again changes nothing.
            let again = await restarted.runner.resume(actionId: actionId)
            #expect(again.state == .refused)
            #expect(try h.store.maintenanceCount(wuAPT) == 1)
        }
    }

    @Test(arguments: [Checkpoint.begun, Checkpoint.marginSent])
    func aCorrectionKilledAtAnyStepResumesIntoTheBand(checkpoint: String) async throws {
        let crash = CrashOnce(at: checkpoint)
        try await withHarness(checkpoint: crash.hook) { h in
            try await h.holdMarkAtEntry(wuCRO)
            let first = try await h.plannedRun(.correction, wuCRO)
            #expect(crash.didFire)
            let actionId = try #require(first.actionId)
            _ = try h.store.interruptOrphans(at: Date()) { _ in false }
            let resumed = await h.restartedEngine().runner.resume(actionId: actionId)
            #expect(resumed.state == .completed, "\(resumed.summary)")
            #expect(inBand.contains(try await h.position(wuCRO)?.margin ?? 0))
        }
    }

    @Test func anInterruptedActionCanBeAbandonedAndThenThePositionIsFree() async throws {
        let crash = CrashOnce(at: Checkpoint.closeConfirmed)
        var policy = Policy.houseDefault
        policy.correctAfterMaintenance = false
        try await withHarness(policy: policy, checkpoint: crash.hook) { h in
            let first = try await h.plannedRun(.maintenance, wuAPT)
            let actionId = try #require(first.actionId)
            _ = try h.store.interruptOrphans(at: Date()) { _ in false }
            let abandoned = await h.restartedEngine().runner.abandon(actionId: actionId)
            #expect(abandoned.state == .abandoned)
            #expect(try h.store.unfinishedActions().isEmpty)
            #expect(try h.store.events(actionId: actionId).last?.kind == .abandoned)
            #expect(h.openingOrders(wuAPT).isEmpty, "abandoning sends nothing")
        }
    }
}

/// Replies lost after the exchange applied the request: the runner asks before it resends, so nothing doubles.
@Suite(.serialized) struct UnknownOutcomeTests {
    @Test func aLostReplyToTheOpenNeverOpensTwice() async throws {
        var policy = Policy.houseDefault
        policy.correctAfterMaintenance = false
        try await withHarness(policy: policy) { h in
            h.server.arm(SimFault(.dropReplyAfterApply, account: "Wu666666", path: "/api/v5/trade/order"))
            let result = try await h.plannedRun(.maintenance, wuAPT)
            #expect(result.state == .completed, "\(result.summary)")
            #expect(h.openingOrders(wuAPT).count == 1)
            #expect(try h.store.maintenanceCount(wuAPT) == 1)
            let steps = try h.store.steps(actionId: try #require(result.actionId))
            #expect(steps.contains { $0.kind == .open && $0.errorCode == nil && $0.state == .ok })
            #expect(steps.filter { $0.kind == .open }.count == 1, "found by its client order id, not resent")
        }
    }

    @Test func aLostReplyToTheCloseIsFoundClosed() async throws {
        var policy = Policy.houseDefault
        policy.correctAfterMaintenance = false
        try await withHarness(policy: policy) { h in
            h.server.arm(SimFault(.dropReplyAfterApply, account: "Wu666666", path: "/api/v5/trade/close-position"))
            let result = try await h.plannedRun(.maintenance, wuAPT)
            #expect(result.state == .completed, "\(result.summary)")
            #expect(h.openingOrders(wuAPT).count == 1)
        }
    }

    @Test func aLostReplyToAMarginReductionIsNotDoubled() async throws {
        try await withHarness { h in
            try await h.holdMarkAtEntry(wuCRO)
            h.server.arm(
                SimFault(.dropReplyAfterApply, account: "Wu666666", path: "/api/v5/account/position/margin-balance"))
            let result = try await h.plannedRun(.correction, wuCRO)
            #expect(result.state == .completed, "\(result.summary)")
            let margin = try #require(try await h.position(wuCRO)?.margin)
            #expect(inBand.contains(margin), "margin \(margin)")
            let steps = try h.store.steps(actionId: try #require(result.actionId))
            #expect(steps.contains { $0.detail == "applied (found after a lost reply)" })
        }
    }

    @Test func aStalledOpenIsResolvedByItsClientOrderId() async throws {
        var policy = Policy.houseDefault
        policy.correctAfterMaintenance = false
        try await withHarness(policy: policy) { h in
            h.server.arm(SimFault(.stall(milliseconds: 5000), account: "Wu666666", path: "/api/v5/trade/order"))
            let result = try await h.plannedRun(.maintenance, wuAPT)
            #expect(result.state == .completed, "\(result.summary)")
            #expect(h.openingOrders(wuAPT).count == 1)
        }
    }
}
