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

    @Test func halvesRoundAwayFromZeroAndNegativeZeroIsZero() {
        #expect(Format.fixed(Decimal(string: "2.345")!, places: 2) == "2.35")
        #expect(Format.fixed(Decimal(string: "-2.345")!, places: 2) == "-2.35")
        #expect(Format.fixed(Decimal(string: "-0.004")!, places: 2) == "0.00")
        #expect(Format.fixed(Decimal(string: "0.05")!, places: 0) == "0")
        #expect(Format.fixed(Decimal(string: "0.5")!, places: 0) == "1")
        #expect(Format.fixed(Decimal(string: "1e3")!, places: 2) == "1000.00")
        #expect(Format.fixed(Decimal(string: "0.0000001")!, places: 2) == "0.00")
        #expect(Format.percent(Decimal(string: "-0.0972")!) == "-9.7%")
    }
}
