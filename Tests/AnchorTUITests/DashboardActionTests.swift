import Foundation
import OKX
import TestSupport
import Testing

@testable import AnchorCore
@testable import AnchorStore
@testable import AnchorTUI

/// The flows that move money: plan, confirm, run, progress, result; a plan made again when the position changes;
/// resume and abandon; and the bell.
@Suite struct DashboardActionTests {
    /// Selects Wu666666's CRO and presses `key`; returns the plan request id.
    private func ask(_ state: inout AppState, _ key: Character = "c") throws -> Int {
        state.selection = DemoFixture.cro
        let effects = press(&state, .character(key))
        let kind: ActionKind = key == "m" ? .maintenance : .correction
        guard case .makePlan(kind, DemoFixture.cro, let requestId)? = effects.first, effects.count == 1 else {
            Issue.record("expected one make-plan effect, got \(effects)")
            throw CancellationError()
        }
        return requestId
    }

    /// The id of the one correction plan for CRO asked for among `effects` (a bell may ring alongside).
    private func planRequest(in effects: [Effect]) -> Int? {
        let ids = effects.compactMap { effect -> Int? in
            if case .makePlan(.correction, DemoFixture.cro, let id) = effect { return id }
            return nil
        }
        return ids.count == 1 ? ids[0] : nil
    }

    private func dialog(_ state: AppState) -> ConfirmDialog? {
        if case .confirm(let dialog) = state.overlay { return dialog }
        return nil
    }

    @Test(arguments: ["c", "m"])
    func anActionKeyAsksForAPlanAndShowsItWithCancelFocused(key: Character) throws {
        var state = DemoFixture.state()
        let requestId = try ask(&state, key)
        #expect(dialog(state)?.plan == nil)
        #expect(Dashboard.render(state).textDump().contains("Making the plan"))
        #expect(press(&state, .character("y")).isEmpty)
        let kind: ActionKind = key == "m" ? .maintenance : .correction
        let plan = DemoFixture.plan(kind, for: DemoFixture.cro, in: state.snapshot)
        _ = Dashboard.update(&state, .planReady(requestId: requestId, plan))
        #expect(dialog(state)?.plan == plan)
        #expect(dialog(state)?.focused == .cancel)
        #expect(dialog(state)?.planGeneration == state.snapshot.generation)
    }

    @Test func enterOnCancelClosesTheDialogAndRunsNothing() throws {
        var state = DemoFixture.state()
        let requestId = try ask(&state)
        _ = Dashboard.update(
            &state,
            .planReady(requestId: requestId, DemoFixture.plan(.correction, for: DemoFixture.cro, in: state.snapshot)))
        #expect(press(&state, .enter).isEmpty)
        #expect(state.overlay == .none)
        #expect(state.runs.isEmpty)
    }

    @Test func yRunsExactlyThePlanShownThenProgressAndResultFillTheDialog() throws {
        var state = DemoFixture.state()
        let requestId = try ask(&state)
        let plan = DemoFixture.plan(.correction, for: DemoFixture.cro, in: state.snapshot)
        _ = Dashboard.update(&state, .planReady(requestId: requestId, plan))
        #expect(press(&state, .character("y")) == [.runPlan(plan)])
        #expect(state.overlay == .running(DemoFixture.cro))
        #expect(state.activeActions == [DemoFixture.cro])

        let progress = ActionProgress(
            actionId: "abc", key: DemoFixture.cro, kind: .correction, step: 1, total: 3, stage: .done,
            message: "margin 20.29 → 15.29 USDT")
        _ = Dashboard.update(&state, .actionProgress(progress))
        #expect(state.runs[DemoFixture.cro]?.progress == [progress])
        #expect(Dashboard.render(state).textDump().contains("step 1 of 3"))

        let result = ActionResult(
            actionId: "abc", key: DemoFixture.cro, kind: .correction, state: .completed, summary: "margin 10.10 USDT",
            finalMargin: dec("10.10"))
        let effects = Dashboard.update(&state, .actionFinished(result))
        #expect(effects == [.refreshAccount("Wu666666"), .loadNewerLog(afterId: 6)])
        #expect(state.runs[DemoFixture.cro]?.result == result)
        #expect(state.activeActions.isEmpty)
        #expect(Dashboard.render(state).textDump().contains("completed: margin 10.10 USDT"))
        press(&state, .enter)
        #expect(state.overlay == .none)
        #expect(state.runs.isEmpty)
    }

    @Test func enterOnConfirmRunsTooButOnlyOnceFocusMovedThere() throws {
        var state = DemoFixture.state()
        let requestId = try ask(&state)
        let plan = DemoFixture.plan(.correction, for: DemoFixture.cro, in: state.snapshot)
        _ = Dashboard.update(&state, .planReady(requestId: requestId, plan))
        press(&state, .tab)
        #expect(dialog(state)?.focused == .confirm)
        #expect(press(&state, .enter) == [.runPlan(plan)])
    }

    @Test func aPositionThatChangesUnderTheDialogGetsANewPlanAndAnEarlyYRunsNothing() throws {
        var state = DemoFixture.state()
        let first = try ask(&state)
        let plan = DemoFixture.plan(.correction, for: DemoFixture.cro, in: state.snapshot)
        _ = Dashboard.update(&state, .planReady(requestId: first, plan))

        // Marks move all the time: a snapshot where only the mark moved keeps the plan.
        #expect(planRequest(in: Dashboard.update(&state, .snapshot(DemoFixture.snapshot(step: 5)))) == nil)
        #expect(dialog(state)?.plan == plan)

        // Someone added margin elsewhere: the plan no longer holds.
        let changed = DemoFixture.snapshot(step: 6) { readings in
            let wu = readings.firstIndex { $0.name == "Wu666666" }!
            let index = readings[wu].positions.firstIndex { $0.instId == "CRO-USDT-SWAP" }!
            readings[wu].positions[index].margin = dec("25.29")
        }
        let effects = Dashboard.update(&state, .snapshot(changed))
        guard let second = planRequest(in: effects) else {
            Issue.record("expected a new plan request, got \(effects)")
            return
        }
        #expect(second != first)
        #expect(dialog(state)?.plan == nil)
        #expect(dialog(state)?.changes == ["margin 20.29 → 25.29"])
        #expect(Dashboard.render(state).textDump().contains("The position changed since the plan was made"))
        #expect(press(&state, .character("y")).isEmpty)
        #expect(press(&state, .tab, .enter).isEmpty)
        #expect(state.overlay == .none)
    }

    @Test func aLatePlanForAnOldRequestIsIgnoredAndTheNewPlanRuns() throws {
        var state = DemoFixture.state()
        let first = try ask(&state)
        let old = DemoFixture.plan(.correction, for: DemoFixture.cro, in: state.snapshot)
        _ = Dashboard.update(&state, .planReady(requestId: first, old))
        let changed = DemoFixture.snapshot(step: 6) { readings in
            let wu = readings.firstIndex { $0.name == "Wu666666" }!
            readings[wu].positions[1].pos = 120
        }
        let effects = Dashboard.update(&state, .snapshot(changed))
        guard let second = planRequest(in: effects) else {
            Issue.record("expected a new plan request, got \(effects)")
            return
        }
        #expect(dialog(state)?.changes == ["size 108 → 120"])
        _ = Dashboard.update(&state, .planReady(requestId: first, old))
        #expect(dialog(state)?.plan == nil)
        let fresh = DemoFixture.plan(.correction, for: DemoFixture.cro, in: state.snapshot)
        _ = Dashboard.update(&state, .planReady(requestId: second, fresh))
        #expect(Dashboard.render(state).textDump().contains("Plan remade because the position changed"))
        #expect(press(&state, .character("y")) == [.runPlan(fresh)])
    }

    @Test func aPlanReplyAfterTheDialogClosedChangesNothing() throws {
        var state = DemoFixture.state()
        let requestId = try ask(&state)
        press(&state, .escape)
        _ = Dashboard.update(
            &state,
            .planReady(requestId: requestId, DemoFixture.plan(.correction, for: DemoFixture.cro, in: state.snapshot)))
        _ = Dashboard.update(&state, .planFailed(requestId: requestId, "late"))
        #expect(state.overlay == .none)
        #expect(press(&state, .character("y")).isEmpty)
    }

    @Test func aPlanThatCannotBeMadeSaysWhyAndOffersOnlyCancel() throws {
        var state = DemoFixture.state()
        let requestId = try ask(&state)
        _ = Dashboard.update(&state, .planFailed(requestId: requestId, "no open long position on CRO-USDT-SWAP"))
        #expect(dialog(state)?.buttons == [.cancel])
        #expect(press(&state, .character("y")).isEmpty)
        #expect(Dashboard.render(state).textDump().contains("Could not make the plan"))
    }

    @Test func anInterruptedRowOffersResumeAbandonAndCancelWithCancelFocused() {
        var state = DemoFixture.state()
        let holds = [DemoFixture.apt: SnapshotBuilder.Hold(actionId: "m4aint0001", interrupted: true)]
        _ = Dashboard.update(&state, .snapshot(DemoFixture.snapshot(step: 5, holds: holds)))
        let record = ActionRecord(
            id: "m4aint0001", kind: .maintenance, origin: .manual, key: DemoFixture.apt, posId: "200",
            state: .interrupted, phase: .closed, plan: "{}", createdAt: DemoFixture.start, ownerPid: 1)
        _ = Dashboard.update(&state, .journal([record]))
        state.selection = DemoFixture.apt
        for key in [Key.character("m"), .character("c"), .enter] {
            #expect(press(&state, key).isEmpty)
            guard case .resume(let dialog) = state.overlay else {
                Issue.record("\(key) did not offer resume")
                return
            }
            #expect(dialog.focused == .cancel)
            #expect(dialog.phase == .closed)
            #expect(dialog.kind == .maintenance)
            #expect(press(&state, .enter).isEmpty)
            #expect(state.overlay == .none)
        }
        press(&state, .character("m"), .tab)
        #expect(press(&state, .enter) == [.resume(actionId: "m4aint0001", key: DemoFixture.apt)])
        #expect(state.overlay == .running(DemoFixture.apt))
        press(&state, .escape)
        press(&state, .character("m"), .left)
        #expect(press(&state, .enter) == [.abandon(actionId: "m4aint0001", key: DemoFixture.apt)])
    }

    /// The effects of a snapshot besides the reads it asks for (tested in `DashboardReadTests`).
    func besidesReads(_ effects: [Effect]) -> [Effect] { effects.filter { !$0.isRead } }

    @Test func theBellRingsOnceForANewlyDuePositionAndAgainOnlyAfterItRecovered() {
        var state = DemoFixture.state(polls: 0)
        #expect(
            besidesReads(Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 1, rate: "-0.05")))).isEmpty)
        #expect(
            besidesReads(Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 2, rate: "-0.101")))) == [
                .ringBell
            ])
        #expect(state.flashing[DemoFixture.cro] != nil)
        #expect(
            besidesReads(Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 3, rate: "-0.12")))).isEmpty)
        #expect(
            besidesReads(Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 4, rate: "-0.08")))).isEmpty)
        #expect(
            besidesReads(Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 5, rate: "-0.10")))) == [
                .ringBell
            ])
    }

    @Test func theBellRingsOnceForAFailedActionAndNotForTheInterruptedRowThatFollows() {
        var state = DemoFixture.state(polls: 0)
        _ = besidesReads(Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 1, rate: "-0.05"))))
        let result = ActionResult(
            actionId: "x1", key: DemoFixture.cro, kind: .maintenance, state: .interrupted,
            summary: "the open was not confirmed")
        #expect(Dashboard.update(&state, .actionFinished(result)).contains(.ringBell))
        let hold = SnapshotBuilder.Hold(actionId: "x1", interrupted: true)
        #expect(
            besidesReads(
                Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 2, rate: "-0.05", hold: hold)))
            ).isEmpty)
        let other = SnapshotBuilder.Hold(actionId: "x2", interrupted: true)
        #expect(
            besidesReads(
                Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 3, rate: "-0.05", hold: other)))) == [
                    .ringBell
                ])
        #expect(
            besidesReads(
                Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 4, rate: "-0.05", hold: other)))
            ).isEmpty)
        let failed = ActionResult(
            actionId: "x3", key: DemoFixture.cro, kind: .correction, state: .failed, summary: "refused",
            errorCode: "59301")
        #expect(Dashboard.update(&state, .actionFinished(failed)).contains(.ringBell))
        #expect(state.message?.text.contains("59301") == true)
    }

    @Test func noBellWhenTheConfigTurnsItOffButTheRowStillFlashes() {
        var state = DemoFixture.state(polls: 0, settings: DashboardSettings(environment: .demo, bell: false))
        #expect(
            besidesReads(Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 1, rate: "-0.11")))).isEmpty)
        #expect(state.flashing[DemoFixture.cro] != nil)
        let failed = ActionResult(
            actionId: "x3", key: DemoFixture.cro, kind: .correction, state: .failed, summary: "no")
        #expect(!Dashboard.update(&state, .actionFinished(failed)).contains(.ringBell))
    }

    @Test func aFlashingRowAlternatesWithTheSecondsAndStopsAfterTenSeconds() {
        var state = DemoFixture.state(polls: 0)
        _ = Dashboard.update(&state, .snapshot(DemoFixture.single(generation: 1, rate: "-0.11")))
        state.selection = nil
        let row = Layout(size: state.size).tableBody.row
        var lit: [Bool] = []
        for second in 0..<12 {
            _ = Dashboard.update(&state, .tick(DemoFixture.start.addingTimeInterval(TimeInterval(second))))
            lit.append(
                Dashboard.render(state)[row, 5].role == .danger
                    && Dashboard.render(state)[row, 5].attributes.contains(.reverse))
        }
        #expect(lit == [true, false, true, false, true, false, true, false, true, false, false, false])
    }

    @Test func aRunningPositionReopensItsDialogInsteadOfAskingForASecondPlan() throws {
        var state = DemoFixture.state()
        let requestId = try ask(&state)
        let plan = DemoFixture.plan(.correction, for: DemoFixture.cro, in: state.snapshot)
        _ = Dashboard.update(&state, .planReady(requestId: requestId, plan))
        press(&state, .character("y"), .escape)
        #expect(state.overlay == .none)
        #expect(press(&state, .character("c")).isEmpty)
        #expect(state.overlay == .running(DemoFixture.cro))
    }
}
