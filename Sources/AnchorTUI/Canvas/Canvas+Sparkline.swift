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
                level = Self.level(of: (value - low) / span, steps: levels.count - 1)
            }
            drawn += write(levels[level], width: 1, row: row, col: col + offset, limit: cols, role: role,
                           attributes: attributes)
        }
        return drawn
    }

    /// `fraction` (0…1) times `steps`, rounded half up, in decimal arithmetic.
    private static func level(of fraction: Decimal, steps: Int) -> Int {
        var scaled = fraction * Decimal(steps)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return min(steps, max(0, NSDecimalNumber(decimal: rounded).intValue))
    }
}
