import Foundation
import OKX
import Testing

@testable import AnchorCore

/// Amounts on screen and in plans: the integer fast path must print exactly what decimal rounding prints.
@Suite struct FormatTests {
    @Test func theFastPathAgreesWithDecimalRoundingEverywhere() throws {
        var rng = SystemRandomNumberGenerator()
        let digits = "0123456789"
        var fastCount = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...22, using: &rng)
            var text = String((0..<length).map { _ in digits.randomElement(using: &rng)! })
            let point = Int.random(in: 0...length, using: &rng)
            if point < length { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if text.hasPrefix(".") { text = "0" + text }
            if text.hasSuffix(".") { text += "0" }
            if Bool.random(using: &rng) { text = "-" + text }
            let value = try #require(OKXDecimal.parse(text), "\(text)")
            let places = Int.random(in: 0...4, using: &rng)
            let fast = Format.fixedFast(value, places: places)
            if let fast {
                fastCount += 1
                #expect(fast == Format.fixedByRounding(value, places: places), "\(text) to \(places) places")
            }
        }
        #expect(fastCount == 20_000, "the fast path should take every finite value")
    }

    @Test func decimalStorageIsReadAsFoundationLaysItOut() throws {
        #expect(DecimalParts.layoutHolds)
        let parts = try #require(DecimalParts.read(Decimal(string: "-30.82")!))
        #expect(parts.negative && parts.value == Decimal(string: "-30.82")!)
        #expect(DecimalParts.read(Decimal.nan) == nil)
        #expect(DecimalParts.read(Decimal.zero)?.significand == 0)
        // 2^64 takes a fifth mantissa word; 38 nines all eight.
        #expect(DecimalParts.read(Decimal(UInt64.max) + 1)?.significand == UInt128(1) << 64)
        let nines = try #require(Decimal(string: String(repeating: "9", count: 38)))
        #expect(DecimalParts.read(nines)?.significand == UInt128(String(repeating: "9", count: 38)))
    }

    /// Parsed amounts and the results of the arithmetic the snapshot does on them (products, quotients, sums), to
    /// any places and with the percent shift: the integer path prints what Foundation's rounding prints.
    @Test func theIntegerPathAgreesWithDecimalRounding() throws {
        var rng = SystemRandomNumberGenerator()
        var taken = 0
        let total = 20_000
        for _ in 0..<total {
            let a = try #require(OKXDecimal.parse(Self.randomNumber(&rng)))
            let b = try #require(OKXDecimal.parse(Self.randomNumber(&rng)))
            let value: Decimal
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: value = a
            case 1: value = a * b
            case 2: value = b.isZero ? a : a / b
            default: value = a - b
            }
            let places = Int.random(in: 0...4, using: &rng)
            let shift = Bool.random(using: &rng) ? 2 : 0
            guard let fast = DecimalParts.read(value)?.fixed(places: places, shift: shift) else { continue }
            taken += 1
            let shifted = shift == 0 ? value : value * 100
            #expect(fast == Format.fixedByRounding(shifted, places: places), "\(value) × 10^\(shift), \(places) places")
        }
        // Quotients often need all 38 digits; everything else fits 64 bits.
        #expect(taken > total / 2)
    }

    static func randomNumber(_ rng: inout SystemRandomNumberGenerator) -> String {
        let length = Int.random(in: 1...12, using: &rng)
        var text = String((0..<length).map { _ in "0123456789".randomElement(using: &rng)! })
        let point = Int.random(in: 0...length, using: &rng)
        if point < length { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
        if text.hasPrefix(".") { text = "0" + text }
        if text.hasSuffix(".") { text += "0" }
        return Bool.random(using: &rng) ? "-" + text : text
    }

    @Test func halvesRoundAwayFromZeroAndNegativeZeroIsZero() {
        #expect(Format.fixed(Decimal(string: "2.345")!, places: 2) == "2.35")
        #expect(Format.fixed(Decimal(string: "-2.345")!, places: 2) == "-2.35")
        #expect(Format.fixed(Decimal(string: "-0.004")!, places: 2) == "0.00")
        #expect(Format.fixed(Decimal(string: "0.05")!, places: 0) == "0")
        #expect(Format.fixed(Decimal(string: "0.5")!, places: 0) == "1")
        #expect(Format.fixed(Decimal(string: "1e3")!, places: 2) == "1000.00")
        #expect(Format.fixed(Decimal(string: "0.0000001")!, places: 2) == "0.00")
        #expect(Format.percent(Decimal(string: "-0.0972")!) == "-9.7%")
        #expect(Format.percent(0.10649) == "10.6%")
        #expect(Format.percent(0.0005) == "0.1%")
        #expect(Format.percent(-0.0004) == "0.0%")
        #expect(Format.percent(1.5) == "150.0%")
    }
}
