import Foundation
import Testing

@testable import AnchorTUI

/// The repository's `themes/` folder, found from this file.
let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("themes")

/// A fresh empty folder under the temporary directory.
func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("anchor-tui-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct ThemeFileTests {
    static let builtInNames = ["default", "light", "high-contrast", "mono"]

    @Test(arguments: builtInNames)
    func everyThemeFileParsesAndDefinesEveryRole(name: String) throws {
        let path = themesFolder.appendingPathComponent(name + ".toml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let theme = try Theme.parse(text, name: name, file: path)
        #expect(theme.missingRoles.isEmpty)
        #expect(!theme.summary.isEmpty)
    }

    @Test func builtInThemesAreTheFourFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesFolder.path)
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(Self.builtInNames))
        #expect(ThemeLoader.builtInNames == Self.builtInNames)
    }

    @Test func colourThemesGiveEveryRoleAColourAndMonoGivesNone() throws {
        for name in ["default", "light", "high-contrast"] {
            let theme = try #require(ThemeLoader.builtIn(name))
            for role in StyleRole.allCases where role != .background {
                #expect(theme.foreground(for: role) != .terminalDefault, "\(name).\(role.rawValue)")
            }
        }
        let mono = try #require(ThemeLoader.builtIn("mono"))
        for role in StyleRole.allCases {
            #expect(mono.foreground(for: role) == .terminalDefault)
            #expect(mono.background(for: role) == .terminalDefault)
        }
        #expect(mono.style(for: .selection).attributes.contains(.reverse))
    }

    @Test func defaultThemeUsesTheTerminalBackgroundAndLightPaintsItsOwn() throws {
        #expect(ThemeLoader.fallback.background(for: .text) == .terminalDefault)
        let light = try #require(ThemeLoader.builtIn("light"))
        #expect(light.background(for: .text) == .rgb(red: 0xFA, green: 0xFA, blue: 0xFA))
        #expect(light.background(for: .selection) == .rgb(red: 0xCF, green: 0xE2, blue: 0xFF))
    }
}

/// The themes compiled into the binary must be the files in `themes/`.
@Suite struct BuiltInThemeTests {
    @Test func embeddedCopiesEqualTheFiles() throws {
        if ProcessInfo.processInfo.environment["RECORD_THEMES"] != nil {
            try regenerate()
        }
        for (name, text) in BuiltInThemes.files {
            let file = try String(contentsOf: themesFolder.appendingPathComponent(name + ".toml"), encoding: .utf8)
            #expect(
                text == file,
                "BuiltInThemes.swift is stale for \(name); run RECORD_THEMES=1 swift test --filter BuiltInThemeTests")
        }
    }

    /// Writes `Sources/AnchorTUI/Theme/BuiltInThemes.swift` from the files.
    private func regenerate() throws {
        var lines = [
            "// Generated from the files in themes/ by `RECORD_THEMES=1 swift test --filter BuiltInThemeTests`; "
                + "do not edit.",
            "",
            "/// The theme files compiled in, so an installed binary has its themes wherever it runs.",
            "enum BuiltInThemes {",
            "    /// Each theme's name and its file's text, default first.",
            "    static let files: [(name: String, text: String)] = [",
        ]
        for name in ThemeFileTests.builtInNames {
            let text = try String(contentsOf: themesFolder.appendingPathComponent(name + ".toml"), encoding: .utf8)
            #expect(!text.contains("\"\"\"#"), "\(name).toml cannot be embedded in a #\"\"\" string")
            lines += ["        (", "            \"\(name)\",", "            #\"\"\""]
            lines += text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.isEmpty ? "" : "            " + $0
            }
            lines += ["            \"\"\"#", "        ),"]
        }
        lines += ["    ]", "}", ""]
        let source = themesFolder.deletingLastPathComponent()
            .appendingPathComponent("Sources/AnchorTUI/Theme/BuiltInThemes.swift")
        try lines.joined(separator: "\n").write(to: source, atomically: true, encoding: .utf8)
    }
}

@Suite struct ThemeErrorTests {
    /// (file text, line, key, words the message must hold)
    static let broken: [(String, Int, String?, String)] = [
        ("summary = \"x\"\n[roles]\ntext = { fg = \"#ffffff\" \n", 3, nil, "inline table"),
        (
            "[roles]\ntext = { fg = \"#ffffff\" }\nprofit = { fg = \"gren\" }\n", 3, "roles.profit.fg",
            "\"gren\" is not a colour"
        ),
        ("[roles]\nprofit = { fg = \"#12345\" }\n", 2, "roles.profit.fg", "not a colour"),
        ("[roles]\n\nproft = { fg = \"green\" }\n", 3, "roles.proft", "is not a role"),
        (
            "[roles]\nheader = { attrs = [\"bold\", \"bolt\"] }\n", 2, "roles.header.attrs",
            "\"bolt\" is not an attribute"
        ),
        ("[roles]\nheader = { colour = \"red\" }\n", 2, "roles.header.colour", "a role takes fg, bg and attrs"),
        ("colour = 1\n[roles]\n", 1, "colour", "is not a theme setting"),
        ("summary = \"x\"\n\n[roles.loss]\nfg = \"red\"\nbg = 7\n", 5, "roles.loss.bg", "is not a colour"),
        ("summary = \"no roles\"\n", 1, "roles", "missing"),
    ]

    @Test(arguments: broken)
    func brokenFileNamesFileLineAndKey(text: String, line: Int, key: String?, words: String) {
        #expect {
            _ = try Theme.parse(text, name: "mine", file: "/x/mine.toml")
        } throws: { error in
            guard let error = error as? ThemeError else {
                return false
            }
            let description = String(describing: error)
            return error.file == "/x/mine.toml" && error.line == line && error.key == key
                && description.contains(words) && description.contains("/x/mine.toml, line \(line)")
        }
    }

    @Test func theEarliestProblemInTheFileIsReported() throws {
        let text = "[roles]\nwarning = { fg = \"bad\" }\naccent = { fg = \"worse\" }\n"
        #expect(throws: ThemeError.self) { try Theme.parse(text, name: "x", file: "x.toml") }
        do {
            _ = try Theme.parse(text, name: "x", file: "x.toml")
        } catch {
            #expect(error.line == 2)
            #expect(error.key == "roles.warning.fg")
        }
    }

    @Test func aThemeMayLeaveRolesOutAndTheyShowAsText() throws {
        let theme = try Theme.parse("[roles]\ntext = { fg = \"white\" }\n", name: "bare", file: "bare.toml")
        #expect(theme.missingRoles.count == StyleRole.allCases.count - 1)
        #expect(theme.foreground(for: .profit) == .ansi(7))
    }
}

@Suite struct ThemeLoaderTests {
    @Test func brokenFileFallsBackToDefaultWithAMessage() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("mine.toml").path
        try "summary = \"mine\"\n\n[roles]\nprofit = { fg = \"gren\" }\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let choice = ThemeLoader(directories: [folder.path]).load("mine")
        #expect(choice.theme == ThemeLoader.fallback)
        let warning = try #require(choice.warning)
        #expect(warning.contains(path))
        #expect(warning.contains("line 4"))
        #expect(warning.contains("roles.profit.fg"))
        #expect(warning.hasSuffix("using default"))
    }

    @Test func aFileInTheDirectoriesWinsOverTheBuiltInTheme() throws {
        let first = try makeTemporaryFolder()
        let second = try makeTemporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        try "[roles]\ntext = { fg = \"red\" }\n".write(
            to: second.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        try "[roles]\ntext = { fg = \"blue\" }\n".write(
            to: second.appendingPathComponent("ocean.toml"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(directories: [first.path, second.path])
        let light = loader.load("light")
        #expect(light.warning == nil)
        #expect(light.source == second.appendingPathComponent("light.toml").path)
        #expect(light.theme.foreground(for: .text) == .ansi(1))
        #expect(loader.load("mono").source == "built-in")
        #expect(loader.availableNames() == ["default", "light", "high-contrast", "mono", "ocean"])
    }

    @Test func aPathLoadsThatFile() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("custom.toml").path
        try "[roles]\ntext = { fg = \"#010203\" }\n".write(toFile: path, atomically: true, encoding: .utf8)
        let choice = ThemeLoader(directories: []).load(path)
        #expect(choice.warning == nil)
        #expect(choice.theme.name == "custom")
        #expect(choice.theme.foreground(for: .text) == .rgb(red: 1, green: 2, blue: 3))
    }

    @Test func unknownNameFallsBackAndListsTheThemes() {
        let choice = ThemeLoader(directories: ["/nonexistent"]).load("solarized")
        #expect(choice.theme == ThemeLoader.fallback)
        #expect(
            choice.warning
                == "no theme named \"solarized\" (themes: default, light, high-contrast, mono); using default")
    }

    @Test func builtInThemesLoadWithNoDirectories() {
        for name in ThemeFileTests.builtInNames {
            let choice = ThemeLoader(directories: []).load(name)
            #expect(choice.warning == nil)
            #expect(choice.theme.name == name)
        }
    }

    @Test func standardDirectoriesPutTheUsersFirstThenTheBinarysThenTheCheckouts() throws {
        let checkout = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: checkout) }
        try "// package".write(to: checkout.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        let binaryFolder = checkout.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug")
        try FileManager.default.createDirectory(at: binaryFolder, withIntermediateDirectories: true)
        let binary = binaryFolder.appendingPathComponent("okx-anchor").path
        let real = checkout.resolvingSymlinksInPath()

        let withXDG = ThemeLoader.standardDirectories(
            environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"], executablePath: binary)
        #expect(withXDG.first == "/data/okx-anchor/themes")
        #expect(withXDG.contains(real.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug/themes").path))
        #expect(withXDG.last == real.appendingPathComponent("themes").path)

        let withHome = ThemeLoader.standardDirectories(environment: ["HOME": "/home/u"], executablePath: nil)
        #expect(withHome == ["/home/u/.local/share/okx-anchor/themes"])
    }
}
