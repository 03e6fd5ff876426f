import Foundation
import OKX

/// Durations as the config writes them: `"500ms"`, `"30s"`, `"5m"`, `"1h"`, `"1h30m"`, `"1.5s"`, or a bare number
/// of seconds.
public enum DurationText {
    private static let units: [(name: String, nanoseconds: Decimal)] = [
        ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000),
    ]

    /// The duration the text means, or nil. Units come largest first, each at most once; nothing negative.
    static func parse(_ text: String) -> Duration? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let seconds = exactDecimal(text) { return duration(seconds: seconds) }
        var rest = Substring(text)
        var total: Decimal = 0
        var nextUnit = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unitText.count)
            guard let amount = exactDecimal(String(number)),
                let unit = units.indices.first(where: { units[$0].name == unitText }), unit >= nextUnit
            else { return nil }
            total += amount * units[unit].nanoseconds
            nextUnit = unit + 1
        }
        guard nextUnit > 0 else { return nil }
        return duration(nanoseconds: total)
    }

    /// A duration from a number of seconds, or nil when it is negative or absurdly long.
    static func duration(seconds: Decimal) -> Duration? {
        duration(nanoseconds: seconds * 1_000_000_000)
    }

    /// The shortest text `parse` reads back to the same duration, e.g. `"5m"`, `"1h30m"`, `"500ms"`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0, attoseconds % 1_000_000_000_000_000 == 0 else {
            let exact = Decimal(seconds) + Decimal(attoseconds) / Decimal(string: "1e18")!
            return "\(exact)s"
        }
        var milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        guard milliseconds > 0 else { return "0s" }
        var text = ""
        for (name, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000), ("ms", 1)] {
            let count = milliseconds / size
            milliseconds %= size
            if count > 0 { text += "\(count)\(name)" }
        }
        return text
    }

    /// A plain non-negative decimal such as `30` or `1.5`, checked character by character because
    /// `Decimal(string:)` accepts trailing junk.
    private static func exactDecimal(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return OKXDecimal.parse(text)
    }

    private static func duration(nanoseconds: Decimal) -> Duration? {
        // About 292 years of nanoseconds fit in Int64; a config has no use for more than a year.
        guard nanoseconds >= 0, nanoseconds <= 31_536_000_000_000_000 else { return nil }
        var value = nanoseconds
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .down)
        guard let whole = Int64("\(rounded)") else { return nil }
        return .nanoseconds(whole)
    }
}
