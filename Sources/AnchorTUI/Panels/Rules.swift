/// A pane's title line: a rule with the title near its left end and a note near its right.
enum Rules {
    static func titled(_ canvas: inout Canvas, _ area: Rect, title: String, focused: Bool, right: String?) {
        canvas.drawRule(row: area.row, col: area.col, width: area.cols, role: focused ? .accent : .border)
        let written = canvas.put(
            title, row: area.row, col: area.col + 1, width: min(TextWidth.of(title), area.cols - 2),
            role: focused ? .header : .dim, attributes: focused ? .bold : [])
        if let right {
            let width = TextWidth.of(right)
            if area.col + 1 + written + 2 + width <= area.right - 1 {
                canvas.put(right, row: area.row, col: area.right - 1 - width, role: .dim)
            }
        }
    }
}
