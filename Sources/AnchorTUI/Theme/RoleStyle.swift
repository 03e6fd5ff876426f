/// How a theme shows one role: colours (nil: inherited) and attributes.
///
/// A role without a foreground takes the `text` role's; one without a background takes the `background` role's.
public struct RoleStyle: Sendable, Hashable {
    public var foreground: ThemeColor?
    public var background: ThemeColor?
    public var attributes: TextAttributes

    public init(foreground: ThemeColor? = nil, background: ThemeColor? = nil, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}
