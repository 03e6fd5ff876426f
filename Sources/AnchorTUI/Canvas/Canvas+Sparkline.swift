public import Foundation
import OKX

extension Canvas {
    /// Draws the last `width` values as a sparkline (▁▂▃▄▅▆▇█), oldest on the left, scaled between their own
    /// minimum and maximum. A flat series sits at the middle level, so it reads as "no change" rather than "low".
    ///
    /// The scaling is done in `Double`: a sparkline is a picture of a trend, drawn for every visible row on every
    /// frame, and decimal division there cost more than the rest of the frame. Money itself stays `Decimal`.
    ///
    /// - Returns: the columns drawn.
    @discardableResult
    public mutating func drawSparkline(
        _ values: [Double], row: Int, col: Int, width: Int, role: StyleRole = .accent,
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
            if span == 0 || !span.isFinite {
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

    /// The same for decimal values (converted once here).
    @discardableResult
    public mutating func drawSparkline(
        _ values: [Decimal], row: Int, col: Int, width: Int, role: StyleRole = .accent,
        attributes: TextAttributes = []
    ) -> Int {
        drawSparkline(
            values.map(Self.double), row: row, col: col, width: width, role: role, attributes: attributes)
    }

    /// A decimal as a `Double` (for drawing only), from its integer parts: every position's rate is recorded on
    /// every poll, and bridging each to an `NSDecimalNumber` allocated an object.
    public static func double(_ value: Decimal) -> Double {
        DecimalParts.read(value)?.approximateDouble ?? Double(truncating: value as NSDecimalNumber)
    }

    /// `offset / span` (0…1) times `steps`, rounded half up. Multiplying before dividing, and a nudge far below
    /// any visible difference, keep a decimal exact half (0.05 × 7 / 0.14 = 2.5) rounding up as it does on paper
    /// even when binary floating point lands a hair below it.
    private static func level(of offset: Double, over span: Double, steps: Int) -> Int {
        let scaled = offset * Double(steps) / span
        let rounded = (scaled + 0.5 + 1e-9).rounded(.down)
        return min(steps, max(0, Int(rounded)))
    }
}
