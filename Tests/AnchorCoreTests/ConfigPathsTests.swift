import Testing

@testable import AnchorCore

@Suite struct ConfigPathsTests {
    @Test func withoutXDGVariablesEverythingLivesUnderHome() {
        let paths = ConfigPaths(environment: ["HOME": "/home/ann"])
        #expect(paths.configFile == "/home/ann/.config/okx-anchor/config.toml")
        #expect(paths.stateDirectory == "/home/ann/.local/state/okx-anchor")
        #expect(paths.dataDirectory == "/home/ann/.local/share/okx-anchor")
        #expect(paths.defaultDatabase == "/home/ann/.local/state/okx-anchor/anchor.sqlite")
    }

    @Test func absoluteXDGVariablesWin() {
        let paths = ConfigPaths(environment: [
            "HOME": "/home/ann", "XDG_CONFIG_HOME": "/cfg/", "XDG_STATE_HOME": "/st", "XDG_DATA_HOME": "/data",
        ])
        #expect(paths.configFile == "/cfg/okx-anchor/config.toml")
        #expect(paths.defaultDatabase == "/st/okx-anchor/anchor.sqlite")
        #expect(paths.dataDirectory == "/data/okx-anchor")
    }

    @Test func relativeOrEmptyXDGVariablesAreIgnoredAsTheSpecificationSays() {
        let paths = ConfigPaths(environment: ["HOME": "/home/ann", "XDG_CONFIG_HOME": "cfg", "XDG_STATE_HOME": ""])
        #expect(paths.configFile == "/home/ann/.config/okx-anchor/config.toml")
        #expect(paths.stateDirectory == "/home/ann/.local/state/okx-anchor")
    }

    @Test(arguments: [
        ("~", "/home/ann"), ("~/x/y.toml", "/home/ann/x/y.toml"), ("/abs/~/z", "/abs/~/z"), ("~bob/z", "~bob/z"),
        ("rel/z", "rel/z"),
    ])
    func tildeExpandsToHomeOnly(path: String, expected: String) {
        #expect(ConfigPaths(environment: ["HOME": "/home/ann/"]).expandingTilde(path) == expected)
    }

    @Test func relativePathsResolveAgainstTheGivenFolder() {
        let paths = ConfigPaths(environment: ["HOME": "/home/ann"])
        #expect(paths.resolve("db/a.sqlite", relativeTo: "/etc/anchor") == "/etc/anchor/db/a.sqlite")
        #expect(paths.resolve("~/a.sqlite", relativeTo: "/etc/anchor") == "/home/ann/a.sqlite")
        #expect(paths.resolve("/a.sqlite", relativeTo: "/etc/anchor") == "/a.sqlite")
    }
}
