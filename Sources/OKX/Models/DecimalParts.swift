package import Foundation

/// A `Decimal` as an integer significand and a power of ten, read straight from its storage.
///
/// The dashboard formats every position's numbers on every poll, and Foundation's `Decimal.description` (repeated
/// division of the 128-bit mantissa by ten) was the larger part of its idle CPU. `Decimal` keeps the layout of
/// `NSDecimal`: a signed exponent byte; a byte holding the mantissa's length in 16-bit words (high four bits), the
/// sign (bit 3) and the compact flag (bit 2); two reserved bytes; then eight little-endian 16-bit words of mantissa.
/// That layout is checked once against values built through Foundation's public API; if the check fails (another
/// Foundation), `read` always returns nil and callers take their slow, public path.
package struct DecimalParts: Sendable, Hashable {
    /// True for values below zero.
    package var negative: Bool
    /// The integer significand.
    package var significand: UInt128
    /// The value is `significand × 10^exponent`.
    package var exponent: Int

    /// The parts of a finite value; nil for NaN.
    package static func read(_ value: Decimal) -> DecimalParts? {
        guard layoutHolds else { return nil }
        return unchecked(value)
    }

    /// True when `Decimal`'s storage is laid out as this type expects.
    package static let layoutHolds: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let probes: [(Decimal, DecimalParts)] = [
            (Decimal(sign: .minus, exponent: -4, significand: Decimal(1_234_567)), .init(true, 1_234_567, -4)),
            (Decimal(sign: .plus, exponent: 3, significand: Decimal(42)), .init(false, 42, 3)),
            (Decimal(UInt64.max), .init(false, UInt128(UInt64.max), 0)),
            (Decimal(UInt64.max) * 65_536, .init(false, UInt128(UInt64.max) << 16, 0)),
            (Decimal(65_537), .init(false, 65_537, 0)),
        ]
        for (value, expected) in probes {
            guard let parts = unchecked(value), parts.value == value, parts == expected || parts.value == expected.value
            else { return false }
        }
        return unchecked(Decimal.zero).map { $0.significand == 0 } ?? false
    }()

    init(_ negative: Bool, _ significand: UInt128, _ exponent: Int) {
        self.negative = negative
        self.significand = significand
        self.exponent = exponent
    }

    /// The value these parts stand for, built through Foundation's public API (for the layout check).
    package var value: Decimal {
        Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Self.decimal(significand))
    }

    /// A whole number as a `Decimal` (which has no initialiser from `UInt128`).
    package static func decimal(_ whole: UInt128) -> Decimal {
        if let small = UInt64(exactly: whole) { return Decimal(small) }
        let twoToThe64 = Decimal(UInt64.max) + 1
        return Decimal(UInt64(whole >> 64)) * twoToThe64 + Decimal(UInt64(truncatingIfNeeded: whole))
    }

    private static func unchecked(_ value: Decimal) -> DecimalParts? {
        withUnsafeBytes(of: value) { raw -> DecimalParts? in
            let exponent = Int(Int8(bitPattern: raw[0]))
            let length = Int(raw[1] >> 4)
            let negative = raw[1] & 0x08 != 0
            if length == 0 {
                // Zero, or NaN when the sign bit is set.
                return negative ? nil : DecimalParts(false, 0, 0)
            }
            // Eight words is all a Decimal has; anything more is not a layout this reads.
            guard length <= 8 else { return nil }
            var significand: UInt128 = 0
            for word in stride(from: length - 1, through: 0, by: -1) {
                let low = UInt128(raw[4 + 2 * word])
                let high = UInt128(raw[5 + 2 * word])
                significand = significand << 16 | high << 8 | low
            }
            return DecimalParts(negative, significand, exponent)
        }
    }

    /// Powers of ten that fit in a `UInt128`: 10^0 … 10^38.
    static let powersOfTen: [UInt128] = (0...38).map { power in (0..<power).reduce(1) { value, _ in value * 10 } }

    /// `places` decimals of `value × 10^shift`, rounded half away from zero, with no exponent and no `-` on a value
    /// that rounds to zero; nil when it does not fit this integer path.
    package func fixed(places: Int, shift: Int = 0) -> String? {
        guard places >= 0, places <= 18 else { return nil }
        // The digits to print, as the integer value × 10^(shift + places), rounded.
        let scale = exponent + shift + places
        var scaled: UInt128
        if scale >= 0 {
            guard let product = significand.timesPowerOfTen(scale) else { return nil }
            scaled = product
        } else if -scale > 38 {
            // At most 3.4 × 10^38 / 10^39 < 0.5: rounds to zero.
            scaled = 0
        } else {
            let divisor = Self.powersOfTen[-scale]
            scaled = significand / divisor
            let remainder = significand % divisor
            if remainder >= divisor - remainder { scaled += 1 }
        }
        if scaled == 0 { return Self.zeros(places) }
        var digits = Array(String(scaled).utf8)
        if digits.count <= places {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: places + 1 - digits.count), at: 0)
        }
        if places > 0 { digits.insert(UInt8(ascii: "."), at: digits.count - places) }
        if negative { digits.insert(UInt8(ascii: "-"), at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// `dividend / divisor` when the quotient is exact in at most 38 digits (a division by 10, 20, 50, 4… as
    /// leverage usually is), built as Foundation builds it; nil otherwise, and the caller divides in `Decimal`.
    package static func exactQuotient(_ dividend: Decimal, _ divisor: Decimal) -> Decimal? {
        guard let a = read(dividend), let b = read(divisor), b.significand > 0 else { return nil }
        if a.significand == 0 { return .zero }
        var numerator = a.significand
        var shift = 0
        while numerator % b.significand != 0 {
            let (next, overflow) = numerator.multipliedReportingOverflow(by: 10)
            guard !overflow, shift < 38 else { return nil }
            numerator = next
            shift += 1
        }
        let quotient = DecimalParts(
            a.negative != b.negative, numerator / b.significand, a.exponent - b.exponent - shift)
        guard quotient.exponent >= -128, quotient.exponent <= 127 else { return nil }
        return quotient.value
    }

    /// The value as a `Double`, for display-only ratios: the significand in two 64-bit halves, scaled by a power of
    /// ten from a table (a division for negative exponents, which is exact for the powers up to 10^22). `pow` and the
    /// generic `UInt128` conversion cost more than the rest of a position's metrics.
    package var approximateDouble: Double {
        let high = Double(UInt64(truncatingIfNeeded: significand >> 64))
        var magnitude = high * 0x1p64 + Double(UInt64(truncatingIfNeeded: significand))
        if exponent >= 0, exponent < Self.doublePowersOfTen.count {
            magnitude *= Self.doublePowersOfTen[exponent]
        } else if exponent < 0, -exponent < Self.doublePowersOfTen.count {
            magnitude /= Self.doublePowersOfTen[-exponent]
        } else {
            magnitude *= pow(10, Double(exponent))
        }
        return negative ? -magnitude : magnitude
    }

    /// 10^0 … 10^22, each exact in a `Double`.
    private static let doublePowersOfTen: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }

    private static func zeros(_ places: Int) -> String {
        places > 0 ? "0." + String(repeating: "0", count: places) : "0"
    }
}

extension UInt128 {
    /// self × 10^power, or nil when it overflows or `power` is negative.
    func timesPowerOfTen(_ power: Int) -> UInt128? {
        guard power >= 0 else { return nil }
        if self == 0 { return 0 }
        guard power <= 38 else { return nil }
        let (product, overflow) = multipliedReportingOverflow(by: DecimalParts.powersOfTen[power])
        return overflow ? nil : product
    }
}

/// Exact `+`, `−` and `×` in integers, for the numbers of every position of every poll.
///
/// Foundation's `Decimal` arithmetic works word by word on its 16-bit mantissa and normalises through repeated
/// division by ten; on the poll path it was about a seventh of the dashboard's idle CPU. Whenever the exact result
/// fits in 38 digits (always, for prices, sizes and margins) these compute it in a `UInt128` and write it in the
/// form Foundation leaves every result in: compact, trailing zeros moved into the exponent, zero as `Decimal.zero`.
/// Anything else (a zero operand, NaN, an overflow, an exponent out of range, a Foundation whose layout this does
/// not know) goes through Foundation's own operator, so the result is always the one Foundation would give.
extension Decimal {
    /// `self + other`, exactly as Foundation's `+` gives it.
    package func plus(_ other: Decimal) -> Decimal {
        DecimalParts.sum(self, other, negatingSecond: false) ?? self + other
    }

    /// `self − other`, exactly as Foundation's `-` gives it.
    package func minus(_ other: Decimal) -> Decimal {
        DecimalParts.sum(self, other, negatingSecond: true) ?? self - other
    }

    /// `self × other`, exactly as Foundation's `*` gives it.
    package func times(_ other: Decimal) -> Decimal {
        DecimalParts.product(self, other) ?? self * other
    }
}

/// Exact comparisons in integers, for the bands, triggers and floors checked for every position on every poll.
///
/// Foundation's `<` aligns the two 16-bit-word mantissas by repeated multiplication by ten: about as slow as an
/// addition, and a snapshot makes several comparisons per position. These read both values' parts and compare the
/// aligned integers; where that cannot be done (NaN, an alignment beyond 38 digits, a Foundation whose layout is not
/// known) they ask Foundation's operator, so the answer is always Foundation's.
extension Decimal {
    /// `self < other`, as Foundation's `<` answers it.
    package func isBelow(_ other: Decimal) -> Bool {
        DecimalParts.less(self, other) ?? (self < other)
    }

    /// `self > other`, as Foundation's `>` answers it.
    package func isAbove(_ other: Decimal) -> Bool {
        other.isBelow(self)
    }

    /// `self <= other`, as Foundation's `<=` answers it.
    package func isAtMost(_ other: Decimal) -> Bool {
        DecimalParts.less(other, self).map { !$0 } ?? (self <= other)
    }

    /// `self >= other`, as Foundation's `>=` answers it.
    package func isAtLeast(_ other: Decimal) -> Bool {
        other.isAtMost(self)
    }
}

extension DecimalParts {
    /// `a < b` for two finite values whose significands align within 38 digits; nil otherwise.
    static func less(_ a: Decimal, _ b: Decimal) -> Bool? {
        guard layoutHolds, let x = unchecked(a), let y = unchecked(b) else { return nil }
        switch (x.significand == 0, y.significand == 0) {
        case (true, true): return false
        case (true, false): return !y.negative
        case (false, true): return x.negative
        case (false, false): break
        }
        if x.negative != y.negative { return x.negative }
        guard let (first, second, _) = aligned(x, y) else { return nil }
        return x.negative ? first > second : first < second
    }
}

extension DecimalParts {
    /// True when values written by `compactDecimal` have the bytes Foundation gives the same results (checked once).
    package static let writingHolds: Bool = {
        guard layoutHolds else { return false }
        let probes = ["1.5", "-0.0012", "100", "123456789012345678901234567890", "-7", "0.25", "65536", "1e-20"]
        for text in probes {
            // Foundation's own result of an operation, which it leaves compact.
            guard let parsed = Decimal(string: text) else { return false }
            let result = parsed * 1
            guard let parts = unchecked(result), let written = parts.unsafeCompactDecimal(),
                bytes(of: written) == bytes(of: result)
            else { return false }
        }
        return bytes(of: DecimalParts(false, 0, 0).unsafeCompactDecimal() ?? .nan) == bytes(of: Decimal.zero)
    }()

    private static func bytes(of value: Decimal) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    /// `a + b` (or `a − b`), exact, in Foundation's compact form; nil when this integer path cannot give it.
    static func sum(_ a: Decimal, _ b: Decimal, negatingSecond: Bool) -> Decimal? {
        // With a zero operand Foundation hands back the other one as it is, which is already quick.
        guard writingHolds, let x = unchecked(a), var y = unchecked(b), x.significand != 0, y.significand != 0 else {
            return nil
        }
        if negatingSecond { y.negative.toggle() }
        guard let (first, second, exponent) = aligned(x, y) else { return nil }
        let result: DecimalParts
        if x.negative == y.negative {
            let (total, overflow) = first.addingReportingOverflow(second)
            guard !overflow else { return nil }
            result = DecimalParts(x.negative, total, exponent)
        } else if first >= second {
            result = DecimalParts(x.negative, first - second, exponent)
        } else {
            result = DecimalParts(y.negative, second - first, exponent)
        }
        return result.unsafeCompactDecimal()
    }

    /// Both significands at the smaller of the two exponents (the one with the larger exponent gains that many
    /// zeros), and that exponent; nil when a significand would not fit.
    static func aligned(_ x: DecimalParts, _ y: DecimalParts) -> (first: UInt128, second: UInt128, exponent: Int)? {
        let exponent = min(x.exponent, y.exponent)
        guard let first = x.significand.timesPowerOfTen(x.exponent - exponent),
            let second = y.significand.timesPowerOfTen(y.exponent - exponent)
        else { return nil }
        return (first, second, exponent)
    }

    /// `a × b`, exact, in Foundation's compact form; nil when this integer path cannot give it.
    static func product(_ a: Decimal, _ b: Decimal) -> Decimal? {
        guard writingHolds, let x = unchecked(a), let y = unchecked(b), x.significand != 0, y.significand != 0 else {
            return nil
        }
        let (significand, overflow) = x.significand.multipliedReportingOverflow(by: y.significand)
        guard !overflow else { return nil }
        return DecimalParts(x.negative != y.negative, significand, x.exponent + y.exponent).unsafeCompactDecimal()
    }

    /// The `Decimal` of these parts written straight into its storage, compact: trailing zeros of the significand
    /// moved into the exponent, zero as `Decimal.zero`. Nil when the exponent does not fit, or when `writingHolds`
    /// has not confirmed the layout.
    func compactDecimal() -> Decimal? {
        guard Self.writingHolds else { return nil }
        return unsafeCompactDecimal()
    }

    /// `compactDecimal()`, for callers that have checked `writingHolds` themselves.
    private func unsafeCompactDecimal() -> Decimal? {
        if significand == 0 { return .zero }
        var significand = self.significand
        var exponent = self.exponent
        if let small = UInt64(exactly: significand) {
            // The usual case, in 64-bit division.
            var rest = small
            while exponent < 127, rest % 10 == 0 {
                rest /= 10
                exponent += 1
            }
            significand = UInt128(rest)
        } else {
            while exponent < 127 {
                let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: 10)
                guard remainder == 0 else { break }
                significand = quotient
                exponent += 1
            }
        }
        guard exponent >= -128, exponent <= 127 else { return nil }
        var value = Decimal.zero
        withUnsafeMutableBytes(of: &value) { raw in
            for index in raw.indices { raw[index] = 0 }
            var length = 0
            var rest = significand
            while rest != 0 {
                raw[4 + 2 * length] = UInt8(truncatingIfNeeded: rest)
                raw[5 + 2 * length] = UInt8(truncatingIfNeeded: rest >> 8)
                rest >>= 16
                length += 1
            }
            raw[0] = UInt8(bitPattern: Int8(exponent))
            raw[1] = UInt8(length << 4) | (negative ? 0x08 : 0) | 0x04
        }
        return value
    }
}
