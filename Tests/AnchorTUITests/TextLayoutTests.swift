import Testing

@testable import AnchorTUI

@Suite struct TextLayoutTests {
    @Test(arguments: [
        (Alignment.left, "中文    "), (.right, "    中文"), (.center, "  中文  "),
    ])
    func padAlignsByDisplayWidth(alignment: Alignment, expected: String) {
        #expect(TextLayout.pad("中文", toWidth: 8, alignment: alignment) == expected)
        #expect(TextWidth.of(expected) == 8)
    }

    @Test func padAlignsEmojiByDisplayWidth() {
        #expect(TextLayout.pad("🚀ok", toWidth: 6, alignment: .right) == "  🚀ok")
        #expect(TextLayout.pad("🚀", toWidth: 5, alignment: .center) == " 🚀  ")
    }

    @Test func truncationEndsWithAnEllipsisWithinTheWidth() {
        #expect(TextLayout.truncate("APT-USDT-SWAP", toWidth: 8) == "APT-USD…")
        #expect(TextLayout.truncate("APT-USDT-SWAP", toWidth: 8, ellipsis: nil) == "APT-USDT")
        #expect(TextLayout.truncate("short", toWidth: 8) == "short")
        #expect(TextLayout.truncate("abc", toWidth: 1) == "…")
        #expect(TextLayout.truncate("abc", toWidth: 0) == "")
    }

    @Test func truncationNeverKeepsHalfAWideCharacter() {
        let cut = TextLayout.truncate("中文字", toWidth: 4)
        #expect(cut == "中…")
        #expect(TextLayout.pad("中文字", toWidth: 4) == "中… ")
        #expect(TextLayout.pad("中文字", toWidth: 4, alignment: .right) == " 中…")
    }
}
