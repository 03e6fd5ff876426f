import CNcurses

/// How many terminal columns text takes.
///
/// libc's `wcwidth` answers first, because curses places characters by it and the two must agree. It only knows
/// non-ASCII characters once the program runs under a UTF-8 `LC_CTYPE`; before that (or in the C locale) it says −1,
/// and the tables generated from the Unicode data answer instead: East Asian Wide and Fullwidth take two columns,
/// combining marks and format controls none.
public enum TextWidth {
    /// The columns `string` takes: the sum over its grapheme clusters. Control characters count 0.
    public static func of(_ string: some StringProtocol) -> Int {
        if let width = ofPrintableASCII(string) {
            return width
        }
        var total = 0
        for character in string {
            total += of(character)
        }
        return total
    }

    /// The width of text that is all printable ASCII: its byte count, a column each. Nil for any other text (and
    /// for text whose bytes are not contiguous). The hot path: table cells are almost always such text.
    public static func ofPrintableASCII(_ string: some StringProtocol) -> Int? {
        let width = string.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            for byte in bytes where byte < 0x20 || byte >= 0x7F {
                return nil
            }
            return bytes.count
        }
        return width ?? nil
    }

    /// The columns one grapheme cluster takes: 0, 1 or 2.
    ///
    /// A cluster takes the width of its first scalar: combining marks ride on their base, and curses gives a
    /// cluster one cell of the base's width. A cluster of zero-width scalars alone (a stray combining mark) takes 0.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
        }
        guard let first = character.unicodeScalars.first else {
            return 0
        }
        return of(scalar: first)
    }

    /// The columns one scalar takes: 0, 1 or 2.
    public static func of(scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F {
            return value >= 0x20 ? 1 : 0
        }
        if value < 0xA0 {
            return 0
        }
        let answer = anchor_wcwidth(wchar_t(bitPattern: value))
        if answer >= 0 {
            return Int(answer)
        }
        return fallback(value)
    }

    /// The width from the generated tables alone, whatever the locale says.
    static func fallback(_ value: UInt32) -> Int {
        if value < 0x20 || (value >= 0x7F && value < 0xA0) {
            return 0
        }
        if value < 0x300 {
            return 1
        }
        if contains(zeroWidthRanges, value) {
            return 0
        }
        return contains(wideRanges, value) ? 2 : 1
    }

    /// Binary search over sorted, disjoint first/last pairs.
    private static func contains(_ ranges: [UInt32], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count / 2 - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[middle * 2] {
                high = middle - 1
            } else if value > ranges[middle * 2 + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
