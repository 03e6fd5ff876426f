import Testing

@testable import AnchorTUI

@Suite struct ColorTests {
    @Test(arguments: [
        ("#ff0000", 196), ("#000000", 16), ("#ffffff", 231), ("#808080", 244), ("#767676", 243), ("#5f87af", 67),
        ("#fafafa", 231), ("#1b1f24", 234), ("#98c379", 108), ("#e06c75", 168),
    ])
    func nearest256PicksTheCubeOrTheGreyRamp(hex: String, index: Int) throws {
        guard case .rgb(let red, let green, let blue) = try #require(ThemeColor(parsing: hex)) else {
            Issue.record("\(hex) did not parse as rgb")
            return
        }
        #expect(ColorMapping.nearest256(red: red, green: green, blue: blue) == index)
    }

    @Test(arguments: [
        ("#ff0000", 9), ("#cd0000", 1), ("#000000", 0), ("#ffffff", 15), ("#808080", 8), ("#c0c0c0", 7),
        ("#98c379", 2), ("#e06c75", 1), ("#00ff00", 10), ("#61afef", 14), ("#0b57d0", 4), ("#c678dd", 5),
        ("#e5c07b", 3), ("#1b1f24", 0),
    ])
    func nearestANSIKeepsTheHue(hex: String, index: Int) throws {
        guard case .rgb(let red, let green, let blue) = try #require(ThemeColor(parsing: hex)) else {
            Issue.record("\(hex) did not parse as rgb")
            return
        }
        #expect(ColorMapping.nearestANSI(red: red, green: green, blue: blue) == index)
        #expect(ColorMapping.nearestANSI(red: red, green: green, blue: blue, bright: false) < 8)
    }

    @Test(arguments: [
        ("#FF8800", ThemeColor.rgb(red: 255, green: 136, blue: 0)), ("red", .ansi(1)), ("bright-red", .ansi(9)),
        ("bright_blue", .ansi(12)), ("grey", .ansi(8)), ("Default", .terminalDefault), ("white", .ansi(7)),
    ])
    func colourNamesAndHexParse(text: String, color: ThemeColor) {
        #expect(ThemeColor(parsing: text) == color)
    }

    @Test(arguments: ["#ff880", "#ff88000", "ff8800", "#gg0000", "12abc", "", "purple"])
    func nonsenseIsNotAColour(text: String) {
        #expect(ThemeColor(parsing: text) == nil)
    }

    @Test(arguments: [
        ([String: String](), 256, false, ColorCapability.palette256),
        (["NO_COLOR": ""], 256, false, .mono),
        (["NO_COLOR": "1", "COLORTERM": "truecolor"], 16_777_216, true, .mono),
        ([:], 0, false, .mono),
        ([:], 2, false, .mono),
        ([:], 8, false, .palette8),
        ([:], 16, false, .palette16),
        (["COLORTERM": "truecolor"], 256, false, .palette256),
        (["COLORTERM": "truecolor"], 16_777_216, true, .trueColor),
        (["COLORTERM": "24bit"], 256, true, .trueColor),
        ([:], 16_777_216, true, .trueColor),
    ])
    func capabilityFollowsTheEnvironmentAndTheTerminal(
        environment: [String: String], colors: Int, direct: Bool, expected: ColorCapability
    ) {
        #expect(
            ColorCapability.detect(environment: environment, terminalColors: colors, hasDirectColor: direct)
                == expected)
    }

    @Test func monoUsesAttributesAlone() {
        let palette = TerminalPalette(theme: ThemeLoader.fallback, capability: .mono)
        for role in StyleRole.allCases {
            #expect(palette.style(for: role).foreground == -1)
            #expect(palette.style(for: role).background == -1)
        }
        #expect(palette.style(for: .selection).attributes.contains(.reverse))
        #expect(palette.style(for: .accent).attributes.contains(.bold))
        #expect(palette.style(for: .danger).attributes.contains(.bold))
        #expect(palette.style(for: .dim).attributes.contains(.dim))
        #expect(palette.style(for: .text).attributes.isEmpty)
        #expect(!palette.usesTerminalDefault)
    }

    @Test func palette256MapsEveryThemeColourAndInherits() throws {
        let palette = TerminalPalette(theme: ThemeLoader.fallback, capability: .palette256)
        #expect(palette.style(for: .profit) == TerminalStyle(foreground: 108, background: -1, attributes: []))
        #expect(palette.style(for: .accent).attributes == .bold)
        #expect(palette.usesTerminalDefault)
        let light = TerminalPalette(theme: try #require(ThemeLoader.builtIn("light")), capability: .palette256)
        #expect(light.style(for: .text).background == 231)
        #expect(!light.usesTerminalDefault)
    }

    @Test func palette16And8UseANSIIndices() {
        let sixteen = TerminalPalette(theme: ThemeLoader.fallback, capability: .palette16)
        #expect(sixteen.style(for: .profit).foreground == 2)
        #expect(sixteen.style(for: .loss).foreground == 1)
        let eight = TerminalPalette(
            theme: Theme(name: "t", styles: [.text: RoleStyle(foreground: .ansi(9))]), capability: .palette8)
        #expect(eight.style(for: .text).foreground == 1)
    }

    @Test func trueColorSendsExactColours() {
        let theme = Theme(
            name: "t",
            styles: [
                .text: RoleStyle(foreground: .rgb(red: 0x98, green: 0xC3, blue: 0x79)),
                .loss: RoleStyle(foreground: .ansi(9), background: .ansi(1)),
                .dim: RoleStyle(foreground: .rgb(red: 0, green: 0, blue: 0)),
            ])
        let palette = TerminalPalette(theme: theme, capability: .trueColor)
        #expect(palette.style(for: .text).foreground == 0x98C379)
        #expect(palette.style(for: .loss).foreground == 0xFF0000)
        #expect(palette.style(for: .loss).background == 1)
        #expect(palette.style(for: .dim).foreground == 8)
    }
}
