import Testing

@testable import AnchorTUI

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("hello", 5), ("", 0), ("中", 2), ("中文", 4), ("e\u{301}", 1), ("\u{301}", 0), ("🚀", 2), ("😀", 2),
        ("a\u{0}b", 2), ("a\tb", 2), ("…", 1), ("─", 1), ("Ａ", 2), ("한", 2), ("Wu666666", 8), ("资金 USDT", 9),
    ])
    func stringWidthCountsColumns(text: String, width: Int) {
        #expect(TextWidth.of(text) == width)
    }

    @Test func knownCharactersHaveTheirWidths() {
        #expect(TextWidth.of(Character("a")) == 1)
        #expect(TextWidth.of(Character("中")) == 2)
        #expect(TextWidth.of(Character("e\u{301}")) == 1)
        #expect(TextWidth.of(Character("\u{301}")) == 0)
        #expect(TextWidth.of(Character("🚀")) == 2)
        #expect(TextWidth.of(Character("\n")) == 0)
    }

    @Test(arguments: [
        (UInt32(0x41), 1), (0x4E2D, 2), (0x301, 0), (0x1F680, 2), (0xFF21, 2), (0x200D, 0), (0xAC00, 2), (0x1160, 0),
        (0x2026, 1), (0x2500, 1), (0x20000, 2), (0x7F, 0), (0x9F, 0), (0xE9, 1),
    ])
    func fallbackTableKnowsWideAndZeroWidthCharacters(scalar: UInt32, width: Int) {
        #expect(TextWidth.fallback(scalar) == width)
    }

    @Test func substringsMeasureLikeStrings() {
        let text = "ab中文cd"
        #expect(TextWidth.of(text.dropFirst(2).prefix(2)) == 4)
    }
}
