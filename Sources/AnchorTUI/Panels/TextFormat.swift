import AnchorCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small text helpers shared by the panels.
enum TextFormat {
    /// `HH:mm:ss` of `date` in `timeZone`, by arithmetic: a frame formats several and a formatter is slow to make.
    /// `timeZone` nil is the machine's local time.
    static func clock(_ date: Date, _ timeZone: TimeZone?) -> String {
        let ofDay = ((localSeconds(date, timeZone) % 86_400) + 86_400) % 86_400
        return two(ofDay / 3600) + ":" + two(ofDay / 60 % 60) + ":" + two(ofDay % 60)
    }

    /// `yyyy-MM-dd HH:mm:ss` of `date` in `timeZone` (nil: local time), by the proleptic Gregorian calendar.
    static func dateTime(_ date: Date, _ timeZone: TimeZone?) -> String {
        let seconds = localSeconds(date, timeZone)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = civil(fromDays: days)
        return "\(year)-\(two(month))-\(two(day)) " + clock(date, timeZone)
    }

    /// Seconds since the epoch as the wall clock of `timeZone` reads them.
    static func localSeconds(_ date: Date, _ timeZone: TimeZone?) -> Int {
        let utc = Int(date.timeIntervalSince1970.rounded(.down))
        if let timeZone { return utc + timeZone.secondsFromGMT(for: date) }
        var time = time_t(utc)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return utc }
        return utc + Int(parts.tm_gmtoff)
    }

    /// Year, month and day of a count of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A signed amount with two decimals: `+12.34`, `-3.10`, `0.00`.
    static func signed(_ value: Decimal) -> String {
        (value > 0 ? "+" : "") + Format.usdt(value)
    }

    /// `+0.000012` for an amount in `currency`: cents for a dollar currency, six places for a coin.
    static func signed(_ value: Decimal, currency: String) -> String {
        (value > 0 ? "+" : "") + Format.amount(value, currency: currency)
    }

    /// The first of `candidates` that fits `width` columns, else the last one (to be cut).
    static func firstFitting(_ candidates: [String], width: Int) -> String {
        candidates.first { TextWidth.of($0) <= width } ?? candidates.last ?? ""
    }

    /// `text` broken at spaces into lines of at most `width` columns; a word wider than a line is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        if TextWidth.of(text) <= width { return [text] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false).flatMap({ chunks($0, width) }) {
            let wordWidth = TextWidth.of(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += wordWidth
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// A word cut into pieces no wider than `width` (Chinese has no spaces to break at).
    private static func chunks(_ word: Substring, _ width: Int) -> [String] {
        guard TextWidth.of(word) > width else { return [String(word)] }
        var pieces: [String] = []
        var piece = ""
        var pieceWidth = 0
        for character in word {
            let characterWidth = TextWidth.of(character)
            if pieceWidth + characterWidth > width, !piece.isEmpty {
                pieces.append(piece)
                piece = ""
                pieceWidth = 0
            }
            piece.append(character)
            pieceWidth += characterWidth
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
