/// The line a box or rule is drawn with.
public enum BoxStyle: Sendable, Hashable, CaseIterable {
    case light
    case heavy
    case double
    case rounded

    /// The characters of a box in this style: corners, edges, and the tees where a rule meets a side.
    public struct Pieces: Sendable, Hashable {
        /// ┌
        public var topLeft: Character
        /// ┐
        public var topRight: Character
        /// └
        public var bottomLeft: Character
        /// ┘
        public var bottomRight: Character
        /// The top and bottom edges, and horizontal rules.
        public var horizontal: Character
        /// The sides, and vertical rules.
        public var vertical: Character
        /// Where a horizontal rule meets the left side (├).
        public var teeRight: Character
        /// Where a horizontal rule meets the right side (┤).
        public var teeLeft: Character
        /// Where a vertical rule meets the top (┬).
        public var teeDown: Character
        /// Where a vertical rule meets the bottom (┴).
        public var teeUp: Character
    }

    /// The pieces for a glyph set; ASCII draws every style with `+`, `-` and `|`.
    public func pieces(_ glyphs: GlyphSet) -> Pieces {
        if glyphs == .ascii {
            return Pieces(
                topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
                teeRight: "+", teeLeft: "+", teeDown: "+", teeUp: "+")
        }
        switch self {
        case .light:
            return Pieces(
                topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
                teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴")
        case .rounded:
            return Pieces(
                topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─", vertical: "│",
                teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴")
        case .heavy:
            return Pieces(
                topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃",
                teeRight: "┣", teeLeft: "┫", teeDown: "┳", teeUp: "┻")
        case .double:
            return Pieces(
                topLeft: "╔", topRight: "╗", bottomLeft: "╚", bottomRight: "╝", horizontal: "═", vertical: "║",
                teeRight: "╠", teeLeft: "╣", teeDown: "╦", teeUp: "╩")
        }
    }
}
