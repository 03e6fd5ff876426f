/// Cutting and padding strings by display width, for text built before it reaches a canvas.
///
/// ``Canvas/put(_:row:col:width:role:attributes:alignment:overflow:)`` does the same on cells; these give the
/// same answers as strings.
public enum TextLayout {
    /// `text` cut to at most `width` columns, ending in `ellipsis` when something was cut (nil: cut without a mark).
    /// Control characters and stray combining marks are dropped.
    public static func truncate(_ text: some StringProtocol, toWidth width: Int, ellipsis: Character? = "…") -> String {
        guard width > 0 else {
            return ""
        }
        if TextWidth.of(text) <= width {
            return String(text.filter { TextWidth.of($0) > 0 })
        }
        var result = String(leadingGlyphs(of: text, room: width - (ellipsis == nil ? 0 : 1)).glyphs.map(\.character))
        if let ellipsis {
            result.append(ellipsis)
        }
        return result
    }

    /// The leading characters of `text` that fit in `room` columns, each with its width, and the columns they use.
    /// Characters of no width (controls, stray combining marks) are left out.
    static func leadingGlyphs(
        of text: some StringProtocol, room: Int
    ) -> (glyphs: [(character: Character, width: Int)], width: Int) {
        var used = 0
        var glyphs: [(character: Character, width: Int)] = []
        for character in text {
            let glyphWidth = TextWidth.of(character)
            if glyphWidth == 0 {
                continue
            }
            if used + glyphWidth > room {
                break
            }
            glyphs.append((character, glyphWidth))
            used += glyphWidth
        }
        return (glyphs, used)
    }

    /// `text` in exactly `width` columns: cut as ``truncate(_:toWidth:ellipsis:)`` does, then padded with spaces.
    /// Centred text that cannot sit exactly in the middle leans left.
    public static func pad(
        _ text: some StringProtocol, toWidth width: Int, alignment: Alignment = .left, ellipsis: Character? = "…"
    ) -> String {
        let cut = truncate(text, toWidth: width, ellipsis: ellipsis)
        let gap = max(0, width - TextWidth.of(cut))
        let lead: Int
        switch alignment {
        case .left: lead = 0
        case .right: lead = gap
        case .center: lead = gap / 2
        }
        return String(repeating: " ", count: lead) + cut + String(repeating: " ", count: gap - lead)
    }
}
