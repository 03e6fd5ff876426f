/// One column of one row of a ``Canvas``.
///
/// A wide character (CJK, most emoji) takes two cells: the first holds it with `width` 2, the second is a
/// continuation cell (`width` 0) that holds nothing of its own and carries the same style.
public struct Cell: Sendable, Hashable {
    /// The grapheme shown; a space for an empty cell and for a continuation cell.
    public var character: Character
    /// 1 for an ordinary cell, 2 for the first cell of a wide character, 0 for its continuation.
    public var width: UInt8
    /// What the cell means; the theme gives it colours.
    public var role: StyleRole
    /// Attributes on top of the role's own.
    public var attributes: TextAttributes

    /// A cell; `width` must be the display width of `character` (or 0 for a continuation).
    public init(character: Character, width: UInt8 = 1, role: StyleRole, attributes: TextAttributes = []) {
        self.character = character
        self.width = width
        self.role = role
        self.attributes = attributes
    }

    /// An empty cell in a role.
    public static func blank(_ role: StyleRole = .background, attributes: TextAttributes = []) -> Cell {
        Cell(character: " ", width: 1, role: role, attributes: attributes)
    }

    /// True for the second cell of a wide character.
    public var isContinuation: Bool { width == 0 }
}
