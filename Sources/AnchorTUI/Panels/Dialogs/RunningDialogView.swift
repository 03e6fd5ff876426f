import AnchorCore
import AnchorStore

/// An action on its way: step k of n, what came back at each step, then the result in plain words.
enum RunningDialogView {
    static func draw(_ canvas: inout Canvas, _ run: RunningDialog, _ state: AppState) {
        let strings = state.strings
        let key = run.key
        let title = "\(strings.running(run.kind)) · \(key.account) \(key.instId) \(strings.side(key.posSide))"
        var lines: [DialogLine] = []
        if let id = run.actionId {
            lines.append(.text(strings.actionId(id), .dim))
        }
        if let last = run.progress.last {
            lines.append(.text(strings.stepOf(last.step, last.total), .dialog, .bold))
        } else if run.result == nil {
            lines.append(.text(strings.startingAction, .dim))
        }
        for progress in run.progress {
            let role: StyleRole =
                switch progress.stage {
                case .done: .ok
                case .problem, .retrying: .warning
                case .finished(let state): state == .completed ? .ok : .danger
                default: .dialog
                }
            lines.append(.text("[\(progress.step)/\(progress.total)] \(progress.message)", role))
        }
        var buttons: [(DialogButton, String)] = []
        if let result = run.result {
            lines.append(.blank)
            let good = result.state == .completed || result.state == .abandoned
            lines.append(.text(strings.result(result), good ? .ok : .danger, .bold))
            for follow in result.followUp {
                let fine = follow.state == .completed
                lines.append(.text(strings.followUpResult(follow), fine ? .ok : .danger, .bold))
            }
            buttons = [(.close, strings.button(.close))]
        } else {
            lines.append(.blank)
            lines.append(.text(strings.hideHint, .dim))
        }
        DialogBox.draw(
            &canvas, title: title, lines: lines, buttons: buttons, focused: .close, preferredWidth: 76, keepHead: 2)
    }
}
