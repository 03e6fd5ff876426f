/// What a cell means, never what colour it is: the theme decides the colour.
///
/// The raw value is the key in a theme file's `[roles]` table.
public enum StyleRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// The screen behind everything; also what empty cells are.
    case background
    /// Ordinary text.
    case text
    /// Secondary text: units, hints, stale values.
    case dim
    /// What the eye should find first: the key of a hint, a figure that matters.
    case accent
    /// Column headers and panel titles.
    case header
    /// Box lines and rules.
    case border
    /// The selected row.
    case selection
    /// A gain.
    case profit
    /// A loss.
    case loss
    /// Something to look at soon: a position near the maintenance trigger.
    case warning
    /// Something to act on now: a position past the trigger, a failed action.
    case danger
    /// Healthy: connected, in band, done.
    case ok
    /// The badge saying the screen trades real money.
    case badgeLive = "badge_live"
    /// The badge saying the screen talks to the built-in paper exchange.
    case badgeDemo = "badge_demo"
    /// The badge saying the screen uses OKX's demo trading.
    case badgeSimulated = "badge_simulated"
    /// A dialog's body.
    case dialog
    /// The focused control in a dialog.
    case focus

    /// The one character that stands for this role in a style dump.
    public var dumpSymbol: Character {
        switch self {
        case .background: "."
        case .text: "t"
        case .dim: "d"
        case .accent: "a"
        case .header: "h"
        case .border: "b"
        case .selection: "s"
        case .profit: "p"
        case .loss: "l"
        case .warning: "w"
        case .danger: "x"
        case .ok: "o"
        case .badgeLive: "L"
        case .badgeDemo: "D"
        case .badgeSimulated: "S"
        case .dialog: "g"
        case .focus: "f"
        }
    }
}
