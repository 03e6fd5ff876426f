import Foundation
import OKX
import Testing

@Suite struct DecimalTests {
    /// Zero, NaN and a small integer one time in `oneIn` each; otherwise a random significand of up to
    /// `shortDigits` digits (half the time) or 38, of either sign, at a power of ten in `exponents`.
    static func randomDecimal(
        using rng: inout SystemRandomNumberGenerator, oneIn cases: Int, integers: ClosedRange<Int>, shortDigits: Int,
        exponents: ClosedRange<Int>
    ) -> Decimal {
        switch Int.random(in: 0..<cases, using: &rng) {
        case 0: return .zero
        case 1: return .nan
        case 2: return Decimal(Int.random(in: integers, using: &rng))
        default:
            let digits = Int.random(in: 1...(Bool.random(using: &rng) ? shortDigits : 38), using: &rng)
            let text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
            let exponent = Int.random(in: exponents, using: &rng)
            let sign = Bool.random(using: &rng) ? "-" : ""
            return Decimal(string: "\(sign)\(text)e\(exponent)")!
        }
    }

    @Test(arguments: ["0", "-12", "0.05", "54244.1984429934", "1e-5", "2E+3", "+3.5"])
    func wellFormedNumbersParse(text: String) {
        #expect(OKXDecimal.parse(text) != nil)
    }

    @Test(arguments: ["", "12abc", "1.2.3", ".5", "5.", "-", "1e", "NaN", "inf", " 1", "1 ", "0x10", "1,5"])
    func anythingElseIsRefused(text: String) {
        #expect(OKXDecimal.parse(text) == nil)
    }

    @Test func valuesAreExact() {
        #expect(OKXDecimal.parse("0.1")! + OKXDecimal.parse("0.2")! == OKXDecimal.parse("0.3")!)
        #expect(OKXDecimal.parse("20.29")! - 10 == OKXDecimal.parse("10.29")!)
    }

    @Test func roundingDownToLotAndCent() {
        #expect(Decimal(string: "181.818")!.roundedDown(toMultipleOf: 1) == 181)
        #expect(
            Decimal(string: "1.666")!.roundedDown(toMultipleOf: Decimal(string: "0.01")!) == Decimal(string: "1.66"))
        #expect(
            Decimal(string: "10.299")!.roundedDown(toMultipleOf: Decimal(string: "0.01")!) == Decimal(string: "10.29"))
        #expect(
            Decimal(string: "-1.666")!.roundedDown(toMultipleOf: Decimal(string: "0.01")!) == Decimal(string: "-1.66"))
        #expect(
            Decimal(string: "0.0926")!.roundedDown(toMultipleOf: Decimal(string: "0.00001")!)
                == Decimal(string: "0.0926"))
        #expect(Decimal(string: "1.001")!.roundedUp(toMultipleOf: Decimal(string: "0.01")!) == Decimal(string: "1.01"))
        #expect(Decimal(5).isMultiple(of: Decimal(string: "0.01")!))
        #expect(!Decimal(string: "5.005")!.isMultiple(of: Decimal(string: "0.01")!))
    }

    /// The integer `plus`, `minus` and `times` give Foundation's results to the byte (so equal, equally printed
    /// and equally hashed), over prices, sizes and margins and far beyond them, overflow and NaN included.
    @Test func integerArithmeticIsFoundationsToTheByte() throws {
        #expect(DecimalParts.writingHolds)
        var rng = SystemRandomNumberGenerator()
        func random() -> Decimal {
            Self.randomDecimal(using: &rng, oneIn: 20, integers: -1000...1000, shortDigits: 12, exponents: -30...12)
        }
        func bytes(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        var mismatches: [String] = []
        for _ in 0..<30_000 {
            let a = random()
            let b = random()
            let cases: [(String, Decimal, Decimal)] = [
                ("+", a.plus(b), a + b), ("-", a.minus(b), a - b), ("×", a.times(b), a * b),
            ]
            for (operation, fast, foundation) in cases {
                let same = fast.isNaN ? foundation.isNaN : bytes(fast) == bytes(foundation)
                if !same, mismatches.count < 5 {
                    mismatches.append("\(a) \(operation) \(b): \(fast) vs Foundation's \(foundation)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        // Exact where a Double is not, and the same values as the operators for the figures on screen.
        #expect(Decimal(string: "0.1")!.plus(Decimal(string: "0.2")!) == Decimal(string: "0.3")!)
        #expect(Decimal(string: "20.29")!.minus(10) == Decimal(string: "10.29")!)
        #expect(Decimal(string: "1234")!.times(Decimal(string: "0.01")!).description == "12.34")
        #expect(Decimal(string: "-2.5")!.times(Decimal(string: "-4")!).description == "10")
    }

    /// The integer comparisons answer as Foundation's operators do, over values near each other (equal values in
    /// different forms, one step apart), far apart, of both signs, zero and NaN included.
    @Test func integerComparisonsAreFoundations() {
        var rng = SystemRandomNumberGenerator()
        func random() -> Decimal {
            Self.randomDecimal(using: &rng, oneIn: 12, integers: -3...3, shortDigits: 4, exponents: -40...20)
        }
        var mismatches: [String] = []
        for _ in 0..<30_000 {
            let a = random()
            // Half the pairs close together: the same value rewritten, or a small step away.
            let b: Decimal =
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: a * 1
                case 1: a + Decimal(sign: .plus, exponent: Int.random(in: -40...0, using: &rng), significand: 1)
                default: random()
                }
            let cases: [(String, Bool, Bool)] = [
                ("<", a.isBelow(b), a < b), (">", a.isAbove(b), a > b), ("<=", a.isAtMost(b), a <= b),
                (">=", a.isAtLeast(b), a >= b),
            ]
            for (operation, fast, foundation) in cases where fast != foundation && mismatches.count < 5 {
                mismatches.append("\(a) \(operation) \(b): \(fast), Foundation says \(foundation)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(Decimal(string: "0.50")!.isAtMost(Decimal(string: "0.5")!))
        #expect(!Decimal(string: "0.50")!.isBelow(Decimal(string: "0.5")!))
        #expect(Decimal(string: "-0.1")!.isBelow(0))
        #expect(Decimal(string: "-0.11")!.isBelow(Decimal(string: "-0.1")!))
    }

    /// Numbers of 19 to 38 digits (a ratio worked out to full precision) are read into the exact value Foundation
    /// reads, by the fast path; longer ones still parse, by the careful path.
    @Test func longPlainNumbersParseExactly() {
        var rng = SystemRandomNumberGenerator()
        let digits = "0123456789"
        for _ in 0..<5_000 {
            let length = Int.random(in: 19...38, using: &rng)
            var text = String((0..<length).map { _ in digits.randomElement(using: &rng)! })
            let point = Int.random(in: 0..<length, using: &rng)
            if point > 0 { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if Bool.random(using: &rng) { text = "-" + text }
            let expected = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            #expect(OKXDecimal.parse(text) == expected, "\(text)")
        }
        #expect(OKXDecimal.parse("-0.08341234567890123456789") == Decimal(string: "-0.08341234567890123456789"))
        #expect(OKXDecimal.parse("0.0000000000000000000000000000000000000000001") != nil)
    }

    /// A display ratio read as a `Double` is within rounding of the value.
    @Test func approximateDoublesAreClose() throws {
        for text in [
            "0", "1", "-0.0834", "96.0812345678", "123456789012345678901234567890", "1e-30", "2.5e25", "-7e40",
        ] {
            let value = try #require(Decimal(string: text))
            let parts = try #require(DecimalParts.read(value))
            let expected = try #require(Double(text))
            #expect(abs(parts.approximateDouble - expected) <= abs(expected) * 1e-15, "\(text)")
        }
    }

    /// Lots, ticks and cents: the integer path counts the same whole steps as the decimal division.
    @Test func integerRoundingAgreesWithDivision() throws {
        var rng = SystemRandomNumberGenerator()
        let steps = ["1", "0.01", "0.1", "0.001", "0.00001", "10", "5", "0.5", "0.25", "100", "0.0001"]
        var taken = 0
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...14, using: &rng)
            let mantissa = Int64.random(in: 0..<Int64(pow(10, Double(digits))), using: &rng)
            let value = Decimal(
                sign: Bool.random(using: &rng) ? .minus : .plus,
                exponent: -Int.random(in: 0...9, using: &rng), significand: Decimal(mantissa))
            let step = try #require(Decimal(string: steps.randomElement(using: &rng)!))
            for away in [false, true] {
                guard let fast = value.roundedInIntegers(toMultipleOf: step, awayFromZero: away) else { continue }
                taken += 1
                #expect(fast == value.roundedByDivision(toMultipleOf: step, awayFromZero: away), "\(value) by \(step)")
                #expect(fast.isMultiple(of: step) && (fast - value).magnitude < step)
            }
        }
        #expect(taken == 40_000, "every value of up to 14 digits fits the integer path")
        #expect(Decimal(string: "-0.004")!.roundedDown(toMultipleOf: Decimal(string: "0.01")!) == 0)
        #expect(
            Decimal(string: "-0.004")!.roundedUp(toMultipleOf: Decimal(string: "0.01")!) == Decimal(string: "-0.01"))
    }

    @Test func requestTextHasNoExponent() {
        #expect(OKXDecimal.string(Decimal(string: "0.00001")!) == "0.00001")
        #expect(OKXDecimal.string(Decimal(string: "1e3")!) == "1000")
        #expect(OKXDecimal.string(Decimal(string: "5.15")!) == "5.15")
    }

    @Test func queryEncodingKeepsCommasAndEncodesTheRest() {
        var query = QueryString()
        query.add("instId", "BTC-USDT-SWAP,ETH-USDT-SWAP")
        query.add("skip", "")
        query.add("odd", "a b&c=d")
        #expect(query.text == "instId=BTC-USDT-SWAP,ETH-USDT-SWAP&odd=a%20b%26c%3Dd")
    }

    @Test func bodyEscaping() {
        var body = JSONBody()
        body.add("a", "q\"b\\c\n")
        body.add("autoCxl", true)
        #expect(body.text == #"{"a":"q\"b\\c\n","autoCxl":true}"#)
    }
}

@Suite struct FastDecimalTests {
    @Test func theFastPathAgreesWithFoundationEverywhere() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let whole = String(UInt64.random(in: 0...999_999_999, using: &rng))
            let places = Int.random(in: 0...9, using: &rng)
            let fraction =
                places == 0 ? "" : "." + String((0..<places).map { _ in "0123456789".randomElement(using: &rng)! })
            let sign = Bool.random(using: &rng) ? "-" : ""
            let text = sign + whole + fraction
            let expected = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            #expect(OKXDecimal.parse(text) == expected, "\(text)")
        }
    }

    @Test func edgeCasesOfTheFastPath() {
        #expect(OKXDecimal.parse("0") == 0)
        #expect(OKXDecimal.parse("-0") == 0)
        #expect(OKXDecimal.parse("0.00") == 0)
        #expect(OKXDecimal.parse("0.0926") == Decimal(string: "0.0926"))
        #expect(OKXDecimal.parse("100") == 100)
        #expect(OKXDecimal.parse("123456789012345678901234.5") == Decimal(string: "123456789012345678901234.5"))
        #expect(OKXDecimal.parse("-.5") == nil)
        #expect(OKXDecimal.parse("5.") == nil)
        #expect(OKXDecimal.parse("1-2") == nil)
        #expect(OKXDecimal.parse("--1") == nil)
        #expect(OKXDecimal.parse("-") == nil)
        #expect(OKXDecimal.parse("1..2") == nil)
    }

    /// Numbers longer than 18 digits, with exponents or a plus sign take the long path, which builds the value in
    /// decimal arithmetic instead of asking Foundation's parser (and its locale): it must give the same values.
    @Test func theLongPathAgreesWithFoundationEverywhere() {
        var rng = SystemRandomNumberGenerator()
        let digits = "0123456789"
        for _ in 0..<5_000 {
            let wholeLength = Int.random(in: 1...20, using: &rng)
            let whole = String((0..<wholeLength).map { _ in digits.randomElement(using: &rng)! })
            let places = Int.random(in: 0...17, using: &rng)
            let fraction = places == 0 ? "" : "." + String((0..<places).map { _ in digits.randomElement(using: &rng)! })
            let exponent = Bool.random(using: &rng) ? "e\(Int.random(in: -20...20, using: &rng))" : ""
            let sign = ["", "-", "+"].randomElement(using: &rng)!
            let text = sign + whole + fraction + exponent
            let expected = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            #expect(OKXDecimal.parse(text) == expected, "\(text)")
        }
    }

    @Test func longNumbersOKXSendsParseExactly() {
        #expect(OKXDecimal.parse("0.0097202721676207123") == Decimal(string: "0.0097202721676207123"))
        #expect(OKXDecimal.parse("-1234567890.123456789012") == Decimal(string: "-1234567890.123456789012"))
        #expect(OKXDecimal.parse("1.5e-7") == Decimal(string: "0.00000015"))
        #expect(OKXDecimal.parse("2E+3") == 2000)
        #expect(OKXDecimal.parse("+3.5") == Decimal(string: "3.5"))
        #expect(OKXDecimal.parse("0e5") == 0)
    }
}
