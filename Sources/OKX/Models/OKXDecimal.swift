public import Foundation

/// Strict parsing of OKX's decimal strings.
///
/// Foundation's `Decimal(string:)` accepts "12abc" as 12 and "1.2.3" as 1.2; a price misread that way would
/// move money, so the text is checked first: an optional sign, digits, an optional fraction, an optional exponent.
public enum OKXDecimal {
    /// The value of `text`, or nil when it is empty or not a plain decimal number.
    public static func parse(_ text: some StringProtocol) -> Decimal? {
        if let fast = parsePlain(text.utf8) { return fast }
        guard isWellFormed(text) else { return nil }
        return parseWellFormed(text.utf8)
    }

    /// Any text `isWellFormed` accepts: more than 18 digits, an exponent, a `+` sign. Built in decimal arithmetic
    /// from chunks of up to 18 digits, without Foundation's string parser (which makes a `Locale`, and with it loads
    /// ICU: megabytes of memory for one long number). Digits beyond `Decimal`'s 38 are dropped (rounding toward
    /// zero); nil when the exponent leaves `Decimal`'s range.
    static func parseWellFormed(_ utf8: some Sequence<UInt8>) -> Decimal? {
        var negative = false
        var significant: [UInt8] = []
        var scale = 0  // the value is significant × 10^scale
        var inFraction = false
        var exponentText: [UInt8]?
        for byte in utf8 {
            if exponentText != nil {
                exponentText!.append(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): inFraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): exponentText = []
            default:
                let digit = byte &- 48
                if significant.isEmpty && digit == 0 {
                    if inFraction { scale -= 1 }
                } else if significant.count < 38 {
                    significant.append(digit)
                    if inFraction { scale -= 1 }
                } else if !inFraction {
                    scale += 1
                }
            }
        }
        if let exponentText {
            var exponent = 0
            var sign = 1
            for byte in exponentText {
                switch byte {
                case UInt8(ascii: "-"): sign = -1
                case UInt8(ascii: "+"): break
                default: exponent = exponent * 10 + Int(byte &- 48)
                }
            }
            scale += sign * exponent
        }
        guard !significant.isEmpty else { return Decimal.zero }
        var magnitude = Decimal.zero
        var start = 0
        while start < significant.count {
            let end = min(start + 18, significant.count)
            var chunk: UInt64 = 0
            for digit in significant[start..<end] { chunk = chunk * 10 + UInt64(digit) }
            let shift = Decimal(sign: .plus, exponent: end - start, significand: 1)
            magnitude = magnitude * shift + Decimal(chunk)
            start = end
        }
        // Decimal's exponent is a signed byte; keep the result's inside it.
        guard scale + significant.count <= 127 + 38, scale >= -128 - 38 else { return nil }
        let value = Decimal(sign: negative ? .minus : .plus, exponent: scale, significand: magnitude)
        return value.isNaN ? nil : value
    }

    /// The common case, fast: `-?digits(.digits)?` with at most 38 significant digits, built from an integer
    /// mantissa and a power of ten without Foundation's string parser (the slowest part of reading a poll): up to 18
    /// digits through `Decimal(sign:exponent:significand:)`, longer ones (a ratio OKX computed to 19 or more
    /// digits) written straight into the `Decimal`'s storage (see `DecimalParts`), where its layout is known.
    /// nil for anything else, which then takes the careful path.
    static func parsePlain(_ utf8: some Sequence<UInt8>) -> Decimal? {
        var mantissa: UInt64 = 0
        var wide: UInt128 = 0
        var digits = 0
        var fraction = 0
        var negative = false
        var seenPoint = false
        var first = true
        var empty = true
        for byte in utf8 {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "-") where first:
                negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                empty = false
                if digits == 0 && byte == UInt8(ascii: "0") {
                    if seenPoint { fraction += 1 }
                    continue
                }
                digits += 1
                if digits <= 18 {
                    mantissa = mantissa * 10 + UInt64(byte - 48)
                } else {
                    guard digits <= 38 else { return nil }
                    if digits == 19 { wide = UInt128(mantissa) }
                    wide = wide * 10 + UInt128(byte - 48)
                }
                if seenPoint { fraction += 1 }
            case UInt8(ascii: ".") where !seenPoint && !empty:
                seenPoint = true
            default:
                return nil
            }
        }
        guard !empty else { return nil }
        if seenPoint && fraction == 0 { return nil }  // "5." is not a number OKX sends
        if digits > 18 {
            return DecimalParts(negative, wide, -fraction).compactDecimal()
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(mantissa))
    }

    /// True for `-12`, `0.05`, `1e-5`, `.5` is refused (OKX never sends it).
    static func isWellFormed(_ text: some StringProtocol) -> Bool {
        var iterator = text.utf8.makeIterator()
        var byte = iterator.next()
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") { byte = iterator.next() }
        var integerDigits = 0
        while let b = byte, b >= 48, b <= 57 {
            integerDigits += 1
            byte = iterator.next()
        }
        guard integerDigits > 0 else { return false }
        if byte == UInt8(ascii: ".") {
            byte = iterator.next()
            var fractionDigits = 0
            while let b = byte, b >= 48, b <= 57 {
                fractionDigits += 1
                byte = iterator.next()
            }
            guard fractionDigits > 0 else { return false }
        }
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            byte = iterator.next()
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") { byte = iterator.next() }
            var exponentDigits = 0
            while let b = byte, b >= 48, b <= 57 {
                exponentDigits += 1
                byte = iterator.next()
            }
            guard exponentDigits > 0, exponentDigits <= 3 else { return false }
        }
        return byte == nil
    }

    /// Plain text for a request body: no exponent, no grouping, `.` as the separator.
    public static func string(_ value: Decimal) -> String {
        value.description
    }
}

extension Decimal {
    /// This value rounded toward zero to a multiple of `step` (a lot size, a tick, 0.01 USDT).
    /// A zero or negative step leaves the value unchanged.
    public func roundedDown(toMultipleOf step: Decimal) -> Decimal {
        guard step > 0 else { return self }
        return roundedInIntegers(toMultipleOf: step, awayFromZero: false)
            ?? roundedByDivision(toMultipleOf: step, awayFromZero: false)
    }

    /// The two roundings above in 128-bit integers when both numbers fit (nearly every amount, lot and tick), since
    /// a decimal division costs microseconds and the snapshot rounds every position's reducible margin each poll.
    /// The whole number of steps is counted exactly; the result is that count times `step`, as the slow path makes
    /// it. nil when either number does not fit, and the slow path runs.
    package func roundedInIntegers(toMultipleOf step: Decimal, awayFromZero: Bool) -> Decimal? {
        guard let value = DecimalParts.read(self), let unit = DecimalParts.read(step), unit.significand > 0 else {
            return nil
        }
        guard let (magnitude, size, _) = DecimalParts.aligned(value, unit) else { return nil }
        var count = magnitude / size
        if awayFromZero && magnitude % size != 0 {
            guard count < UInt128.max else { return nil }
            count += 1
        }
        let whole = DecimalParts.decimal(count)
        return (value.negative ? -whole : whole) * step
    }

    /// This value rounded away from zero to a multiple of `step`.
    public func roundedUp(toMultipleOf step: Decimal) -> Decimal {
        guard step > 0 else { return self }
        return roundedInIntegers(toMultipleOf: step, awayFromZero: true)
            ?? roundedByDivision(toMultipleOf: step, awayFromZero: true)
    }

    /// This value rounded to the nearest multiple of `step` (halves away from zero).
    public func roundedToNearest(multipleOf step: Decimal) -> Decimal {
        guard step > 0 else { return self }
        let down = roundedDown(toMultipleOf: step)
        let up = roundedUp(toMultipleOf: step)
        return (self - down).absoluteValue < (up - self).absoluteValue ? down : up
    }

    /// Either rounding through a decimal division: any values, slowly.
    package func roundedByDivision(toMultipleOf step: Decimal, awayFromZero: Bool) -> Decimal {
        var quotient = self / step
        var whole = Decimal()
        let towardZero: NSDecimalNumber.RoundingMode = self < 0 ? .up : .down
        let outward: NSDecimalNumber.RoundingMode = self < 0 ? .down : .up
        NSDecimalRound(&whole, &quotient, 0, awayFromZero ? outward : towardZero)
        return whole * step
    }

    /// This value rounded to `scale` fractional digits with the given mode.
    public func rounded(scale: Int, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, mode)
        return result
    }

    /// True when this value is an exact multiple of `step`.
    public func isMultiple(of step: Decimal) -> Bool {
        guard step > 0 else { return true }
        return roundedDown(toMultipleOf: step) == self
    }

    /// The magnitude.
    public var absoluteValue: Decimal { self < 0 ? -self : self }

    /// An approximation for display and statistics only; never for money arithmetic.
    public var doubleApproximation: Double { NSDecimalNumber(decimal: self).doubleValue }
}
