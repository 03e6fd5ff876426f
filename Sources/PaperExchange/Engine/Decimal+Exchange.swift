package import Foundation

extension Decimal {
    /// Parses decimal text strictly: an optional minus, digits, an optional fraction and an optional exponent.
    ///
    /// Foundation's `Decimal(string:)` accepts "12abc" as 12, so the text is checked byte by byte first.
    package static func strict(_ text: some StringProtocol) -> Decimal? {
        var index = 0
        var digits = 0
        var state = 0  // 0 sign, 1 integer, 2 fraction, 3 exponent sign, 4 exponent digits
        var exponentDigits = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch (state, byte) {
            case (0, UInt8(ascii: "-")) where index == 0: state = 1
            case (0...1, UInt8(ascii: "0")...UInt8(ascii: "9")): state = 1; digits += 1
            case (0...1, UInt8(ascii: ".")): state = 2
            case (2, UInt8(ascii: "0")...UInt8(ascii: "9")): digits += 1
            case (1...2, UInt8(ascii: "e")), (1...2, UInt8(ascii: "E")): guard digits > 0 else { return nil }; state = 3
            case (3, UInt8(ascii: "-")), (3, UInt8(ascii: "+")): state = 4
            case (3...4, UInt8(ascii: "0")...UInt8(ascii: "9")): state = 4; exponentDigits += 1
            default: return nil
            }
        }
        guard digits > 0, digits <= 38, state < 3 || exponentDigits > 0, exponentDigits <= 3 else { return nil }
        return Decimal(string: String(text))
    }

    /// A constant written in code. Use this, never a float literal: `Decimal` float literals go through `Double`
    /// (`102.43` becomes 102.43000000000002048).
    package static func literal(_ text: String) -> Decimal {
        guard let value = strict(text) else { preconditionFailure("not a decimal literal: \(text)") }
        return value
    }

    /// This value rounded to `scale` decimal places.
    package func rounded(scale: Int, _ mode: Decimal.RoundingMode = .plain) -> Decimal {
        var input = self
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, mode)
        return output
    }

    /// This value rounded down (towards zero for positives) to a multiple of `step`.
    package func floored(toMultipleOf step: Decimal) -> Decimal {
        (self / step).rounded(scale: 0, .down) * step
    }

    /// This value rounded to the nearest multiple of `step`.
    package func rounded(toMultipleOf step: Decimal) -> Decimal {
        (self / step).rounded(scale: 0, .plain) * step
    }

    /// Whether this value is a whole multiple of `step`.
    package func isMultiple(of step: Decimal) -> Bool {
        let quotient = self / step
        return quotient == quotient.rounded(scale: 0, .down)
    }

    /// The stored precision for amounts that come out of a division: enough for any OKX field, and finite.
    package var stored: Decimal { rounded(scale: 16) }

    /// Plain decimal text as OKX writes it (no exponent, no trailing zeros).
    package var text: String { description }
}
