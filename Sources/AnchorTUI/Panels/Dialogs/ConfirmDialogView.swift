import AnchorCore
import AnchorStore

/// The plan as the trader confirms it: what is held now, each step with its amounts, fees, and what it leaves.
enum ConfirmDialogView {
    static func draw(_ canvas: inout Canvas, _ dialog: ConfirmDialog, _ state: AppState) {
        let strings = state.strings
        let key = dialog.key
        let title = "\(strings.actionName(dialog.kind)) · \(key.account) \(key.instId) \(strings.side(key.posSide))"
        var lines: [DialogLine] = []
        if let plan = dialog.plan {
            if !dialog.changes.isEmpty {
                lines.append(.text(strings.planRemade, .warning, .bold))
                lines.append(.text(strings.positionChanged(dialog.changes), .warning))
            }
            lines.append(
                .text(
                    strings.boundTo(
                        posId: plan.basis.posId, generation: dialog.planGeneration ?? state.snapshot.generation,
                        count: plan.basis.maintenanceCount), .dim))
            lines.append(.text(strings.planNow(plan.basis)))
            lines.append(.text(strings.band(plan.band)))
            if !plan.steps.isEmpty {
                lines.append(.blank)
                lines.append(.text(strings.steps, .dialog, .bold))
                for (index, step) in plan.steps.enumerated() {
                    lines.append(.text("  \(index + 1). " + strings.step(step), .accent))
                }
            }
            if !plan.followUpSteps.isEmpty {
                lines.append(.text(strings.followUp, .dim))
                for step in plan.followUpSteps {
                    lines.append(.text("     - " + strings.step(step), .dim))
                }
            }
            if plan.isRunnable {
                lines.append(.blank)
                lines.append(.text(strings.planAfter(plan.expected), .ok))
                lines.append(.text(strings.fees(plan.estimatedFees)))
            }
            if plan.isNoop {
                lines.append(.blank)
                lines.append(.text(strings.nothingToDo, .ok))
            }
            for note in plan.notes {
                lines.append(.text(strings.note(note), .warning))
            }
            for blocker in plan.blockers {
                lines.append(.text(strings.cannotRun(blocker), .danger, .bold))
            }
        } else if let error = dialog.error {
            lines.append(.text(strings.planFailed(error), .danger, .bold))
        } else if !dialog.changes.isEmpty {
            lines.append(.text(strings.positionChanged(dialog.changes), .warning, .bold))
            lines.append(.text(strings.planAgain, .warning))
        } else {
            lines.append(.text(strings.makingPlan, .dim))
        }
        DialogBox.draw(
            &canvas, title: title, lines: lines, buttons: dialog.buttons.map { ($0, strings.button($0)) },
            focused: dialog.focused, preferredWidth: 76, keepHead: 4)
    }
}
