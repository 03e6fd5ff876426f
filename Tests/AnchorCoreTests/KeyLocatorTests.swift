import Testing

@testable import AnchorCore

@Suite struct KeyLocatorTests {
    static let text = """
        # leverage = 1 in a comment
        theme = "x" # bell = true
        note = \"\"\"
        leverage = 2
        [policy]
        \"\"\"
        'quoted key' = 'it''s'

        [[accounts]]
        name = "a"
        [[accounts]]
        name = "b"
        "role" = 'sub'

        [ policy ]
        margin_targets = [
          10, # first
          "x",
        ]
        limits.max = 3
        inline = { a = 1, b = { c = [1, 2] } }
        """

    let locator = KeyLocator(text: text)

    @Test(arguments: [
        ("theme", 2), ("note", 3), ("quoted key", 7), ("accounts[0]", 9), ("accounts[0].name", 10),
        ("accounts[1]", 11), ("accounts[1].name", 12), ("accounts[1].role", 13), ("policy", 15),
        ("policy.margin_targets", 16), ("policy.margin_targets[0]", 17), ("policy.margin_targets[1]", 18),
        ("policy.limits.max", 20), ("policy.inline", 21), ("policy.inline.b.c[1]", 21),
    ])
    func everyKeyIsFoundOnItsLine(path: String, line: Int) {
        #expect(locator.line(of: path) == line)
    }

    @Test func keysInsideCommentsAndMultiLineStringsAreNotKeys() {
        #expect(locator.line(of: "leverage") == nil)
        #expect(locator.line(of: "bell") == nil)
        #expect(locator.line(of: "policy") == 15)
    }

    @Test func anAbsentKeyFallsBackToItsTableHeader() {
        #expect(locator.line(of: "accounts[1].api_key") == 11)
        #expect(locator.line(of: "policy.leverage") == 15)
        #expect(locator.line(of: "autopilot.enabled") == nil)
    }
}
