/// The bottom line: the keys that apply right now, or a message, or the filter being typed.
enum Footer {
    static func draw(_ canvas: inout Canvas, _ state: AppState, _ area: Rect) {
        let strings = state.strings
        var col = area.col
        if case .filter(let draft, _) = state.overlay {
            col += canvas.put(strings.filterPrompt, row: area.row, col: col, role: .accent, attributes: .bold)
            col += canvas.put(draft, row: area.row, col: col, role: .text, attributes: .underline)
            col += canvas.put("▏", row: area.row, col: col, role: .accent)
            hints(&canvas, strings.filterHints, row: area.row, col: col + 3, right: area.right)
            return
        }
        if let message = state.message {
            canvas.put(
                " " + message.text, row: area.row, col: col, width: area.cols, role: message.role, attributes: .bold)
            return
        }
        hints(&canvas, currentHints(state), row: area.row, col: col + 1, right: area.right)
    }

    static func currentHints(_ state: AppState) -> [Strings.Hint] {
        let strings = state.strings
        switch state.overlay {
        case .none:
            return state.focus == .table ? strings.tableHints(readOnly: state.settings.readOnly) : strings.logHints
        case .help, .positionDetail, .eventDetail, .accountDetail:
            return strings.closeHints
        case .filter:
            return strings.filterHints
        case .confirm(let dialog):
            return dialog.canConfirm ? strings.confirmHints : strings.closeHints
        case .running(let key):
            return state.runs[key]?.result == nil ? strings.runningHints : strings.closeHints
        case .resume, .quit:
            return strings.choiceHints
        }
    }

    /// Key in accent, label in dim, two spaces apart; stops before a hint that would not fit whole.
    private static func hints(_ canvas: inout Canvas, _ hints: [Strings.Hint], row: Int, col: Int, right: Int) {
        var col = col
        for hint in hints {
            let width = TextWidth.of(hint.key) + 1 + TextWidth.of(hint.label)
            guard col + width <= right else { break }
            col += canvas.put(hint.key, row: row, col: col, role: .accent)
            col += 1
            col += canvas.put(hint.label, row: row, col: col, role: .dim)
            col += 2
        }
    }
}
