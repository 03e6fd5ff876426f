import Foundation

/// One line of a dialog's body.
struct DialogLine {
    enum Content {
        case text(String)
        /// A label in its own column, then a value.
        case labelled(String, String)
        case sparkline([Double])
        case blank
    }

    var content: Content
    var role: StyleRole = .dialog
    var attributes: TextAttributes = []

    static func text(_ text: String, _ role: StyleRole = .dialog, _ attributes: TextAttributes = []) -> DialogLine {
        DialogLine(content: .text(text), role: role, attributes: attributes)
    }

    static func labelled(_ label: String, _ value: String, _ role: StyleRole = .dialog) -> DialogLine {
        DialogLine(content: .labelled(label, value), role: role)
    }

    static let blank = DialogLine(content: .blank)
}

/// A centred box over the dashboard, its body wrapped to its width, and a row of buttons.
enum DialogBox {
    /// Draws the dialog; with too many lines for the screen, keeps the first `keepHead` and the last ones.
    static func draw(
        _ canvas: inout Canvas, title: String, lines: [DialogLine], buttons: [(DialogButton, String)] = [],
        focused: DialogButton? = nil, preferredWidth: Int = 72, labelWidth: Int = 0, style: BoxStyle = .double,
        keepHead: Int = 0
    ) {
        let width = min(canvas.cols - 2, max(preferredWidth, min(canvas.cols - 2, TextWidth.of(title) + 8)))
        let inner = width - 4
        var body: [DialogLine] = []
        for line in lines {
            switch line.content {
            case .text(let text):
                for piece in TextFormat.wrap(text, width: inner) {
                    body.append(DialogLine(content: .text(piece), role: line.role, attributes: line.attributes))
                }
            case .labelled(let label, let value):
                let pieces = TextFormat.wrap(value, width: max(1, inner - labelWidth - 1))
                for (index, piece) in pieces.enumerated() {
                    body.append(
                        DialogLine(
                            content: .labelled(index == 0 ? label : "", piece), role: line.role,
                            attributes: line.attributes))
                }
            default:
                body.append(line)
            }
        }
        let chrome = 2 + (buttons.isEmpty ? 0 : 2)
        let room = max(1, canvas.rows - 2 - chrome)
        if body.count > room {
            let head = min(keepHead, room - 1)
            body = Array(body.prefix(head)) + [.text("…", .dim)] + Array(body.suffix(room - head - 1))
        }
        let height = body.count + chrome
        let rect = Rect(
            row: max(0, (canvas.rows - height) / 2), col: max(0, (canvas.cols - width) / 2), rows: height, cols: width)
        canvas.drawBox(
            rect, style: style, role: .border, title: title, titleRole: .header, titleAttributes: .bold, fill: .dialog)
        for (offset, line) in body.enumerated() {
            let y = rect.row + 1 + offset
            let x = rect.col + 2
            switch line.content {
            case .text(let text):
                canvas.put(text, row: y, col: x, width: inner, role: line.role, attributes: line.attributes)
            case .labelled(let label, let value):
                canvas.put(label, row: y, col: x, width: labelWidth, role: .accent, attributes: .bold)
                canvas.put(
                    value, row: y, col: x + labelWidth + 1, width: inner - labelWidth - 1, role: line.role,
                    attributes: line.attributes)
            case .sparkline(let values):
                canvas.drawSparkline(
                    values, row: y, col: x + labelWidth + 1, width: min(values.count, inner - labelWidth - 1),
                    role: .accent)
            case .blank:
                break
            }
        }
        guard !buttons.isEmpty else { return }
        let labels = buttons.map { "[ \($0.1) ]" }
        let total = labels.reduce(0) { $0 + TextWidth.of($1) } + 2 * (labels.count - 1)
        var x = rect.col + max(2, (width - total) / 2)
        let y = rect.bottom - 2
        for ((button, _), label) in zip(buttons, labels) {
            let isFocused = button == focused
            x += canvas.put(
                label, row: y, col: x, role: isFocused ? .focus : .dialog, attributes: isFocused ? .bold : [])
            x += 2
        }
    }
}
