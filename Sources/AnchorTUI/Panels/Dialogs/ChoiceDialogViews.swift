import AnchorCore
import AnchorStore

/// Resume / Abandon / Cancel on an interrupted action, with what the journal says of it.
enum ResumeDialogView {
    static func draw(_ canvas: inout Canvas, _ dialog: ResumeDialog, _ state: AppState) {
        let strings = state.strings
        let key = dialog.key
        let kind = dialog.kind ?? .correction
        let title = "\(strings.interruptedTitle(kind)) · \(key.account) \(key.instId) \(strings.side(key.posSide))"
        var lines: [DialogLine] = [.text(strings.actionId(dialog.actionId), .dim)]
        if let phase = dialog.phase {
            lines.append(.text(strings.stoppedAt(phase), .danger, .bold))
            var reason = dialog.errorMessage ?? strings.noReason
            if let code = dialog.errorCode { reason += " (\(strings.okxCode(code)))" }
            lines.append(.text(strings.reason(reason)))
        } else {
            lines.append(.text(strings.loadingJournal, .dim))
        }
        lines.append(.blank)
        lines.append(.text(strings.resumeExplained, .dim))
        DialogBox.draw(
            &canvas, title: title, lines: lines, buttons: ResumeDialog.buttons.map { ($0, strings.button($0)) },
            focused: dialog.focused, preferredWidth: 70)
    }
}

/// Asked before quitting while an action runs.
enum QuitDialogView {
    static func draw(_ canvas: inout Canvas, _ dialog: QuitDialog, _ state: AppState) {
        let strings = state.strings
        DialogBox.draw(
            &canvas, title: strings.quitTitle, lines: [.text(strings.quitRunning(state.activeActions.count), .warning)],
            buttons: QuitDialog.buttons.map { ($0, strings.button($0)) }, focused: dialog.focused, preferredWidth: 60)
    }
}

/// Every key, as `?` shows them.
enum HelpOverlay {
    static func draw(_ canvas: inout Canvas, _ state: AppState) {
        let strings = state.strings
        var lines = strings.helpLines.map { DialogLine.labelled($0.key, $0.label) }
        lines.append(.text(strings.closeHelp, .dim))
        DialogBox.draw(
            &canvas, title: strings.helpTitle, lines: lines, preferredWidth: 72, labelWidth: 10, style: .rounded)
    }
}
