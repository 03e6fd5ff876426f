import AnchorCore
import Foundation

/// Small text helpers shared by the panels.
enum TextFormat {
    /// `HH:mm:ss` of `date` in `timeZone`, by arithmetic: a frame formats several and a formatter is slow to make.
    static func clock(_ date: Date, _ timeZone: TimeZone) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let ofDay = ((seconds % 86_400) + 86_400) % 86_400
        return two(ofDay / 3600) + ":" + two(ofDay / 60 % 60) + ":" + two(ofDay % 60)
    }

    /// `yyyy-MM-dd HH:mm:ss` of `date` in `timeZone`.
    static func dateTime(_ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.year ?? 0)-\(two(parts.month ?? 0))-\(two(parts.day ?? 0)) " + clock(date, timeZone)
    }

    /// A signed amount with two decimals: `+12.34`, `-3.10`, `0.00`.
    static func signed(_ value: Decimal) -> String {
        (value > 0 ? "+" : "") + Format.usdt(value)
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
