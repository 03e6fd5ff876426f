/// How many colours the terminal can show, which decides how a theme's colours are mapped.
public enum ColorCapability: String, Sendable, Hashable, CaseIterable {
    /// Any `#rrggbb`: the terminal description has ncurses' direct-colour extension (e.g. `TERM=xterm-direct`).
    case trueColor
    /// The xterm 256-colour palette: a theme colour becomes the nearest entry of the 6×6×6 cube or grey ramp.
    case palette256
    /// The sixteen ANSI colours: a theme colour becomes the ANSI colour of its hue.
    case palette16
    /// The eight basic ANSI colours.
    case palette8
    /// No colour: attributes alone (reverse for selection, bold for accent and danger, dim for dim).
    case mono

    /// Decides from the environment and what the terminal description says.
    ///
    /// `NO_COLOR` set to anything, or a terminal without colours, gives `.mono`. Truecolour needs both
    /// `COLORTERM=truecolor` (or `24bit`) and a direct-colour terminal description: curses sends colours as its
    /// terminfo entry says, and an `xterm-256color` entry cannot send `#rrggbb` however capable the terminal.
    ///
    /// - Parameters:
    ///   - terminalColors: `COLORS` after `start_color` (0 when the terminal has no colours).
    ///   - hasDirectColor: the terminal description has the `RGB` flag or 2²⁴ colours.
    public static func detect(
        environment: [String: String], terminalColors: Int, hasDirectColor: Bool
    ) -> ColorCapability {
        if environment["NO_COLOR"] != nil || terminalColors < 8 {
            return .mono
        }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        if hasDirectColor && (colorTerm == "truecolor" || colorTerm == "24bit" || terminalColors >= 1 << 24) {
            return .trueColor
        }
        if terminalColors >= 256 {
            return .palette256
        }
        return terminalColors >= 16 ? .palette16 : .palette8
    }
}
