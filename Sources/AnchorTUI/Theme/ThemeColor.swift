/// A colour as a theme file gives it.
public enum ThemeColor: Sendable, Hashable {
    /// The terminal's own foreground or background (`"default"`).
    case terminalDefault
    /// One of the sixteen ANSI colours, 0–15, by name (`"red"`, `"bright-blue"`); the terminal's palette decides
    /// what it looks like, which keeps a theme at home in the user's colour scheme.
    case ansi(UInt8)
    /// An exact colour (`"#rrggbb"`).
    case rgb(red: UInt8, green: UInt8, blue: UInt8)

    /// The names of the sixteen ANSI colours, by index.
    public static let ansiNames: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
        "bright-white",
    ]

    /// The colour xterm shows for each ANSI index by default; the fallback where an index cannot be used.
    public static let ansiDefaults: [(red: UInt8, green: UInt8, blue: UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
        (0, 255, 255), (255, 255, 255),
    ]

    /// Parses `#rrggbb`, an ANSI colour name (`grey`/`gray` mean bright-black), or `default`; nil for anything else.
    public init?(parsing text: String) {
        let name = String(text.lowercased().map { $0 == "_" ? "-" : $0 })
        if name == "default" {
            self = .terminalDefault
            return
        }
        if name == "grey" || name == "gray" {
            self = .ansi(8)
            return
        }
        if let index = Self.ansiNames.firstIndex(of: name) {
            self = .ansi(UInt8(index))
            return
        }
        let digits = Array(name.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#") else {
            return nil
        }
        var channels: [UInt8] = []
        for offset in stride(from: 1, to: 7, by: 2) {
            guard let high = Self.hexValue(digits[offset]), let low = Self.hexValue(digits[offset + 1]) else {
                return nil
            }
            channels.append(high << 4 | low)
        }
        self = .rgb(red: channels[0], green: channels[1], blue: channels[2])
    }

    /// The exact colour, taking an ANSI index as xterm's default for it; nil for the terminal default.
    public var rgbValue: (red: UInt8, green: UInt8, blue: UInt8)? {
        switch self {
        case .terminalDefault: nil
        case .ansi(let index): Self.ansiDefaults[Int(index & 15)]
        case .rgb(let red, let green, let blue): (red, green, blue)
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
