public import Foundation

extension Canvas {
    /// Draws the last `width` values as a sparkline (▁▂▃▄▅▆▇█), oldest on the left, scaled between their own
    /// minimum and maximum. A flat series sits at the middle level, so it reads as "no change" rather than "low".
    ///
    /// - Returns: the columns drawn.
    @discardableResult
    public mutating func drawSparkline(
        _ values: [Decimal], row: Int, col: Int, width: Int, role: StyleRole = .accent,
        attributes: TextAttributes = []
    ) -> Int {
        guard width > 0, !values.isEmpty else {
            return 0
        }
        let shown = values.suffix(width)
        let levels = glyphs.sparkLevels
        let low = shown.min()!
        let high = shown.max()!
        let span = high - low
        var drawn = 0
        for (offset, value) in shown.enumerated() {
            let level: Int
            if span == 0 {
                level = levels.count / 2 - 1
            } else {
                level = Self.level(of: value - low, over: span, steps: levels.count - 1)
            }
            drawn += write(
                levels[level], width: 1, row: row, col: col + offset, limit: cols, role: role,
                attributes: attributes)
        }
        return drawn
    }

    /// `offset / span` (0…1) times `steps`, rounded half up, in decimal arithmetic. Multiplying before dividing
    /// keeps exact halves exact (0.05 × 7 / 0.14 is 2.5, where 0.05 / 0.14 × 7 is 2.4999…).
    private static func level(of offset: Decimal, over span: Decimal, steps: Int) -> Int {
        var scaled = offset * Decimal(steps) / span
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return min(steps, max(0, NSDecimalNumber(decimal: rounded).intValue))
    }
}
