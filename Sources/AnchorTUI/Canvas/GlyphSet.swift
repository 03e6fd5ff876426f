/// The drawing characters a canvas uses: Unicode ones, or plain ASCII for a terminal that cannot show UTF-8.
public enum GlyphSet: Sendable, Hashable {
    case unicode
    case ascii

    /// What replaces the cut-off end of text.
    public var ellipsis: Character {
        self == .unicode ? "…" : "~"
    }

    /// The eight sparkline levels, lowest first.
    public var sparkLevels: [Character] {
        self == .unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", ":", "=", "+", "*", "#"]
    }
}
