/// What a terminal below the minimum size shows instead of a dashboard that cannot fit.
enum TooSmallPanel {
    static func draw(_ canvas: inout Canvas, _ state: AppState) {
        let strings = state.strings
        let width = max(1, canvas.cols - 2)
        var lines = [(strings.tooSmallTitle, StyleRole.warning, TextAttributes.bold)]
        for line in TextFormat.wrap(strings.tooSmall(minimum: Layout.minimum, now: state.size), width: width) {
            lines.append((line, .text, []))
        }
        let badge = strings.badge(state.settings.environment)
        let top = max(0, (canvas.rows - lines.count) / 2)
        let badgeRole: StyleRole =
            switch state.settings.environment {
            case .live: .badgeLive
            case .demo: .badgeDemo
            case .simulated: .badgeSimulated
            }
        canvas.put(badge, row: 0, col: 0, role: badgeRole, attributes: .bold)
        for (offset, line) in lines.enumerated() where top + offset < canvas.rows {
            canvas.put(
                line.0, row: top + offset, col: 1, width: width, role: line.1, attributes: line.2, alignment: .center)
        }
    }
}
