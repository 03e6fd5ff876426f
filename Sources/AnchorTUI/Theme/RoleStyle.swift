/// How a theme shows one role: colours (nil: inherited) and attributes.
///
/// A role without a foreground takes the `text` role's; one without a background takes the `background` role's.
public struct RoleStyle: Sendable, Hashable {
    /// Text colour; nil takes `text`'s.
    public var foreground: ThemeColor?
    /// Background; nil takes `background`'s.
    public var background: ThemeColor?
    /// Attributes the role always has.
    public var attributes: TextAttributes

    /// A style; everything left out is inherited.
    public init(foreground: ThemeColor? = nil, background: ThemeColor? = nil, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}
