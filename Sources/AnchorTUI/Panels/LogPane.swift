import AnchorCore
import AnchorStore
import Foundation

/// The correction log: the persisted event history, newest at the bottom, one line per event.
enum LogPane {
    static func draw(_ canvas: inout Canvas, _ state: AppState, _ layout: Layout) {
        let strings = state.strings
        let log = state.log
        let focused = state.focus == .log
        let range = log.visibleRange(lines: layout.logLines)
        var right: String?
        if log.loadingOlder {
            right = " " + strings.loadingOlder + " "
        } else if !log.isFollowing, let cursor = log.cursor {
            right = " \(cursor + 1)/\(log.events.count)\(log.hasOlder ? "+" : "") "
        }
        Rules.titled(
            &canvas, layout.logTitle, title: " \(strings.log) ", focused: focused, right: right)
        let body = layout.logBody
        guard !log.events.isEmpty else {
            if log.loaded {
                canvas.put(strings.noEvents, row: body.row, col: body.col + 2, width: body.cols - 2, role: .dim)
            }
            return
        }
        let wide = body.cols >= 110
        let accountWidth = wide ? 12 : 10
        let instrumentWidth = wide ? 14 : 9
        let kindWidth = wide ? 17 : 12
        for (line, index) in range.enumerated() {
            let event = log.events[index]
            let y = body.row + line
            var col = body.col + 1
            col += canvas.put(TextFormat.clock(event.time, state.settings.timeZone), row: y, col: col, role: .dim) + 1
            canvas.put(event.account, row: y, col: col, width: accountWidth)
            col += accountWidth + 1
            let instrument =
                instrumentWidth >= event.instId.count || !event.instId.hasSuffix("-SWAP")
                ? event.instId : String(event.instId.dropLast(5))
            canvas.put(instrument, row: y, col: col, width: instrumentWidth)
            col += instrumentWidth + 1
            let role: StyleRole =
                switch event.outcome {
                case .ok: .ok
                case .failed, .interrupted: .danger
                case .refused: .warning
                case .info: .dim
                }
            canvas.put(strings.eventKind(event.kind), row: y, col: col, width: kindWidth, role: role)
            col += kindWidth + 1
            var message = event.message
            if event.origin == .autopilot { message = strings.origin(.autopilot) + " · " + message }
            if let code = event.errorCode { message += " [\(code)]" }
            let messageRole: StyleRole = event.outcome == .failed || event.outcome == .interrupted ? .danger : .text
            canvas.put(message, row: y, col: col, width: max(0, body.right - col), role: messageRole)
            if focused && log.cursor == index {
                canvas.restyle(
                    Rect(row: y, col: body.col, rows: 1, cols: body.cols), role: .selection, attributes: .bold)
            }
        }
    }
}
