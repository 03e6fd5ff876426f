/// A role as curses draws it: colour numbers for the capability at hand (−1: the terminal's own) and attributes.
public struct TerminalStyle: Sendable, Hashable {
    /// A palette index, a 0xRRGGBB value in direct colour, or −1.
    public var foreground: Int32
    /// A palette index, a 0xRRGGBB value in direct colour, or −1.
    public var background: Int32
    /// The theme's attributes (plus the mono ones under `.mono`).
    public var attributes: TextAttributes

    /// A resolved style.
    public init(foreground: Int32, background: Int32, attributes: TextAttributes) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A theme resolved for one terminal: every role's ``TerminalStyle``. Pure, so it is tested without a terminal.
public struct TerminalPalette: Sendable, Hashable {
    /// What the colours were mapped for.
    public let capability: ColorCapability
    private let styles: [TerminalStyle]

    /// The attributes every role gets in mono, on top of the theme's, so the screen still reads without colour.
    public static func monoAttributes(for role: StyleRole) -> TextAttributes {
        switch role {
        case .selection, .focus, .badgeLive, .badgeDemo, .badgeSimulated: .reverse
        case .accent, .danger, .header, .warning: .bold
        case .dim: .dim
        default: []
        }
    }

    /// Resolves every role of `theme` for `capability`.
    public init(theme: Theme, capability: ColorCapability) {
        self.capability = capability
        self.styles = StyleRole.allCases.map { role in
            let attributes = theme.style(for: role).attributes
            if capability == .mono {
                return TerminalStyle(
                    foreground: -1, background: -1, attributes: attributes.union(Self.monoAttributes(for: role)))
            }
            return TerminalStyle(
                foreground: Self.number(theme.foreground(for: role), capability),
                background: Self.number(theme.background(for: role), capability),
                attributes: attributes)
        }
    }

    /// How `role` is drawn.
    public func style(for role: StyleRole) -> TerminalStyle {
        styles[StyleRole.allCases.firstIndex(of: role)!]
    }

    /// True when some role uses the terminal's own colours, which needs `use_default_colors`.
    public var usesTerminalDefault: Bool {
        capability != .mono && styles.contains { $0.foreground < 0 || $0.background < 0 }
    }

    /// The colour number a theme colour becomes under `capability`.
    public static func number(_ color: ThemeColor, _ capability: ColorCapability) -> Int32 {
        switch (color, capability) {
        case (_, .mono), (.terminalDefault, _):
            return -1
        case (.ansi(let index), .palette8):
            return Int32(index & 7)
        case (.ansi(let index), .trueColor) where index >= 8:
            // Direct-colour terminals read numbers below 8 as ANSI colours and the rest as RGB.
            let rgb = ThemeColor.ansiDefaults[Int(index)]
            return directColor(red: rgb.red, green: rgb.green, blue: rgb.blue)
        case (.ansi(let index), _):
            return Int32(index)
        case (.rgb(let red, let green, let blue), .trueColor):
            return directColor(red: red, green: green, blue: blue)
        case (.rgb(let red, let green, let blue), .palette256):
            return Int32(ColorMapping.nearest256(red: red, green: green, blue: blue))
        case (.rgb(let red, let green, let blue), .palette16):
            return Int32(ColorMapping.nearestANSI(red: red, green: green, blue: blue))
        case (.rgb(let red, let green, let blue), .palette8):
            return Int32(ColorMapping.nearestANSI(red: red, green: green, blue: blue, bright: false))
        }
    }

    /// 0xRRGGBB, nudged past the numbers below 8 that direct colour reserves for the ANSI colours.
    private static func directColor(red: UInt8, green: UInt8, blue: UInt8) -> Int32 {
        let value = Int32(red) << 16 | Int32(green) << 8 | Int32(blue)
        return value < 8 ? 8 : value
    }
}
