import AnchorStore
import Foundation
import OKX
import Testing

@testable import AnchorCore
@testable import AnchorTUI

/// Golden text of whole dashboard frames (`RECORD_SNAPSHOTS=1` re-records them).
@Suite struct DashboardGoldenTests {
    @Test func demoAt80x24() throws {
        let state = DemoFixture.state()
        try expectGolden(Dashboard.render(state), named: "dashboard-demo-80x24")
    }

    @Test func demoAt120x40() throws {
        let state = DemoFixture.state(size: TerminalSize(rows: 40, cols: 120))
        try expectGolden(Dashboard.render(state), named: "dashboard-demo-120x40")
    }

    @Test func tooSmall() throws {
        let state = DemoFixture.state(size: TerminalSize(rows: 20, cols: 60))
        try expectGolden(Dashboard.render(state), named: "dashboard-too-small")
    }

    @Test func confirmationDialog() throws {
        var state = DemoFixture.state(size: TerminalSize(rows: 40, cols: 120))
        let effects = openCorrection(&state)
        #expect(effects.count == 1)
        try expectGolden(Dashboard.render(state), named: "dashboard-confirm-120x40")
        state.size = TerminalSize(rows: 24, cols: 80)
        try expectGolden(Dashboard.render(state), named: "dashboard-confirm-80x24")
    }

    @Test func runningActionWithProgress() throws {
        var state = DemoFixture.state()
        _ = openCorrection(&state)
        _ = Dashboard.update(&state, .key(.character("y")))
        let steps = [
            (1, ActionProgress.Stage.started, "correction started"),
            (1, .sending, "reduce margin by 5.00 USDT"),
            (1, .done, "margin 20.29 → 15.29 USDT"),
            (2, .sending, "reduce margin by 5.00 USDT"),
        ]
        for (step, stage, message) in steps {
            let progress = ActionProgress(
                actionId: "k3v9x0qz1s", key: DemoFixture.cro, kind: .correction, step: step, total: 2, stage: stage,
                message: message)
            _ = Dashboard.update(&state, .actionProgress(progress))
        }
        try expectGolden(Dashboard.render(state), named: "dashboard-running-80x24")
        let result = ActionResult(
            actionId: "k3v9x0qz1s", key: DemoFixture.cro, kind: .correction, state: .failed,
            summary: "margin adjustment exceeds the maximum: reduce less", errorCode: "59301")
        _ = Dashboard.update(&state, .actionFinished(result))
        try expectGolden(Dashboard.render(state), named: "dashboard-failed-80x24")
    }

    @Test func helpOverlay() throws {
        var state = DemoFixture.state()
        _ = Dashboard.update(&state, .key(.character("?")))
        try expectGolden(Dashboard.render(state), named: "dashboard-help-80x24")
    }

    @Test func interruptedAction() throws {
        var state = DemoFixture.state(size: TerminalSize(rows: 40, cols: 120))
        let holds = [DemoFixture.apt: SnapshotBuilder.Hold(actionId: "m4aint0001", interrupted: true)]
        _ = Dashboard.update(&state, .snapshot(DemoFixture.snapshot(step: 5, holds: holds)))
        var record = ActionRecord(
            id: "m4aint0001", kind: .maintenance, origin: .manual, key: DemoFixture.apt, posId: "200",
            state: .interrupted, phase: .closed, plan: "{}", createdAt: DemoFixture.start, ownerPid: 1)
        record.errorMessage = "the open was not confirmed within 10s"
        record.errorCode = "50004"
        _ = Dashboard.update(&state, .journal([record]))
        _ = Dashboard.update(&state, .tick(DemoFixture.start.addingTimeInterval(21)))
        for key in [Key.character("/"), .character("w"), .character("u"), .enter] {
            _ = Dashboard.update(&state, .key(key))
        }
        #expect(state.selection == DemoFixture.apt)
        try expectGolden(Dashboard.render(state), named: "dashboard-interrupted-120x40")
        _ = Dashboard.update(&state, .key(.character("m")))
        try expectGolden(Dashboard.render(state), named: "dashboard-resume-120x40")
    }

    @Test func monoTheme() throws {
        var state = DemoFixture.state()
        _ = Dashboard.update(&state, .themeLoaded(name: "mono", monochrome: true))
        try expectGolden(Dashboard.render(state), named: "dashboard-mono-80x24")
    }

    @Test func chineseWithACJKAccountName() throws {
        let renamed = ["main": "主账户资金管理", "Zhou3366": "周三资金账户", "Wu666666": "吴六六"]
        let state = DemoFixture.state(language: .zh, renamed: renamed)
        try expectGolden(Dashboard.render(state), named: "dashboard-zh-80x24")
        let wide = DemoFixture.state(size: TerminalSize(rows: 40, cols: 120), language: .zh, renamed: renamed)
        try expectGolden(Dashboard.render(wide), named: "dashboard-zh-120x40")
    }

    /// Selects Wu666666's CRO, presses `c` and answers the plan request with the planner's plan.
    private func openCorrection(_ state: inout AppState) -> [Effect] {
        state.selection = DemoFixture.cro
        let effects = Dashboard.update(&state, .key(.character("c")))
        guard case .makePlan(_, _, let requestId)? = effects.first else { return effects }
        let plan = DemoFixture.plan(.correction, for: DemoFixture.cro, in: state.snapshot)
        _ = Dashboard.update(&state, .planReady(requestId: requestId, plan))
        return effects
    }
}
