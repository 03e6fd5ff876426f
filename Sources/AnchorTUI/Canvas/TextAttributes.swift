/// Terminal text attributes a cell can carry on top of its role's colours.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    /// One bit per attribute.
    public let rawValue: UInt8

    /// Attributes from their bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bold, or bright on some terminals.
    public static let bold = TextAttributes(rawValue: 1 << 0)
    /// Half-bright; not every terminal shows it.
    public static let dim = TextAttributes(rawValue: 1 << 1)
    /// Foreground and background swapped.
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    /// Underlined.
    public static let underline = TextAttributes(rawValue: 1 << 3)
    /// Blinking; use sparingly.
    public static let blink = TextAttributes(rawValue: 1 << 4)

    /// Every attribute with its name as theme files and dumps spell it, in a fixed order.
    public static let named: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline), ("blink", .blink),
    ]

    /// The attribute a theme file names, or nil.
    public init?(name: String) {
        guard let entry = Self.named.first(where: { $0.name == name }) else {
            return nil
        }
        self = entry.attribute
    }

    /// The names of the attributes set, joined by `+` (`bold+underline`); empty when none is.
    public var names: String {
        Self.named.filter { contains($0.attribute) }.map(\.name).joined(separator: "+")
    }
}
