// Generated from the files in themes/ by `RECORD_THEMES=1 swift test --filter BuiltInThemeTests`; do not edit.

/// The theme files compiled in, so an installed binary has its themes wherever it runs.
enum BuiltInThemes {
    /// Each theme's name and its file's text, default first.
    static let files: [(name: String, text: String)] = [
        (
            "default",
            #"""
            # okx-anchor theme "default": light text on the terminal's own dark background.
            #
            # Each role takes fg (text colour), bg (background) and attrs (bold, dim, reverse, underline, blink).
            # Colours are "#rrggbb", an ANSI name (black, red, green, yellow, blue, magenta, cyan, white, and
            # bright-black ... bright-white), or "default" for the terminal's own colour. A role without fg takes
            # text's; one without bg takes background's. On terminals with fewer colours each colour becomes the
            # nearest one the terminal has.

            summary = "Dark, on the terminal's own background"

            [roles]
            background      = { fg = "#c8ccd4", bg = "default" }
            text            = { fg = "#d7dae0" }
            dim             = { fg = "#7f8793" }
            accent          = { fg = "#61afef", attrs = ["bold"] }
            header          = { fg = "#e5c07b", attrs = ["bold"] }
            border          = { fg = "#5c6370" }
            selection       = { fg = "#ffffff", bg = "#2c4a6e" }
            profit          = { fg = "#98c379" }
            loss            = { fg = "#e06c75" }
            warning         = { fg = "#e5c07b" }
            danger          = { fg = "#ff5f5f", attrs = ["bold"] }
            ok              = { fg = "#98c379" }
            badge_live      = { fg = "#1b1f24", bg = "#e06c75", attrs = ["bold"] }
            badge_demo      = { fg = "#1b1f24", bg = "#61afef", attrs = ["bold"] }
            badge_simulated = { fg = "#1b1f24", bg = "#c678dd", attrs = ["bold"] }
            dialog          = { fg = "#d7dae0", bg = "#2a2f38" }
            focus           = { fg = "#1b1f24", bg = "#61afef", attrs = ["bold"] }

            """#
        ),
        (
            "light",
            #"""
            # okx-anchor theme "light": dark text on a light background of its own.
            #
            # The format is described in default.toml.

            summary = "Light, with its own background"

            [roles]
            background      = { fg = "#383a42", bg = "#fafafa" }
            text            = { fg = "#24292f" }
            dim             = { fg = "#8c9099" }
            accent          = { fg = "#0b57d0", attrs = ["bold"] }
            header          = { fg = "#6f42c1", attrs = ["bold"] }
            border          = { fg = "#a0a4ab" }
            selection       = { fg = "#000000", bg = "#cfe2ff" }
            profit          = { fg = "#1a7f37" }
            loss            = { fg = "#cf222e" }
            warning         = { fg = "#9a6700" }
            danger          = { fg = "#b3001b", attrs = ["bold"] }
            ok              = { fg = "#1a7f37" }
            badge_live      = { fg = "#ffffff", bg = "#cf222e", attrs = ["bold"] }
            badge_demo      = { fg = "#ffffff", bg = "#0b57d0", attrs = ["bold"] }
            badge_simulated = { fg = "#ffffff", bg = "#8250df", attrs = ["bold"] }
            dialog          = { fg = "#24292f", bg = "#eef0f3" }
            focus           = { fg = "#ffffff", bg = "#0b57d0", attrs = ["bold"] }

            """#
        ),
        (
            "high-contrast",
            #"""
            # okx-anchor theme "high-contrast": pure colours on black, bold where it matters.
            #
            # The format is described in default.toml.

            summary = "Pure colours on black"

            [roles]
            background      = { fg = "#ffffff", bg = "#000000" }
            text            = { fg = "#ffffff" }
            dim             = { fg = "#c0c0c0" }
            accent          = { fg = "#00ffff", attrs = ["bold"] }
            header          = { fg = "#ffff00", attrs = ["bold", "underline"] }
            border          = { fg = "#ffffff" }
            selection       = { fg = "#000000", bg = "#ffff00", attrs = ["bold"] }
            profit          = { fg = "#00ff00", attrs = ["bold"] }
            loss            = { fg = "#ff0000", attrs = ["bold"] }
            warning         = { fg = "#ffff00", attrs = ["bold"] }
            danger          = { fg = "#ffffff", bg = "#ff0000", attrs = ["bold"] }
            ok              = { fg = "#00ff00" }
            badge_live      = { fg = "#ffffff", bg = "#ff0000", attrs = ["bold"] }
            badge_demo      = { fg = "#000000", bg = "#00ffff", attrs = ["bold"] }
            badge_simulated = { fg = "#000000", bg = "#ff00ff", attrs = ["bold"] }
            dialog          = { fg = "#ffffff", bg = "#000000" }
            focus           = { fg = "#000000", bg = "#00ffff", attrs = ["bold"] }

            """#
        ),
        (
            "mono",
            #"""
            # okx-anchor theme "mono": no colour at all, only attributes, in the terminal's own colours.
            #
            # The format is described in default.toml. This is also how every theme looks when NO_COLOR is set or the
            # terminal has no colours.

            summary = "No colour, attributes only"

            [roles]
            background      = { fg = "default", bg = "default" }
            text            = {}
            dim             = { attrs = ["dim"] }
            accent          = { attrs = ["bold"] }
            header          = { attrs = ["bold", "underline"] }
            border          = {}
            selection       = { attrs = ["reverse"] }
            profit          = {}
            loss            = {}
            warning         = { attrs = ["bold"] }
            danger          = { attrs = ["bold"] }
            ok              = {}
            badge_live      = { attrs = ["reverse", "bold"] }
            badge_demo      = { attrs = ["reverse"] }
            badge_simulated = { attrs = ["reverse"] }
            dialog          = {}
            focus           = { attrs = ["reverse", "bold"] }

            """#
        ),
    ]
}
