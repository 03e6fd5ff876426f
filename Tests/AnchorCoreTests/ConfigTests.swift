import Foundation
import OKX
import Testing

@testable import AnchorCore

@Suite struct ConfigTests {
    typealias F = ConfigFixtures

    /// The one-line description of the error `text` is refused with, or nil when it loads.
    func refusal(_ text: String, environment: [String: String] = F.minimalEnvironment) -> String? {
        do {
            _ = try ConfigLoader.parse(text: text, path: "test.toml", environment: environment, fileMode: nil)
            return nil
        } catch {
            return error.description
        }
    }

    func load(_ text: String, environment: [String: String] = F.minimalEnvironment) throws -> AppConfig {
        try ConfigLoader.parse(text: text, path: "/etc/anchor/test.toml", environment: environment, fileMode: nil)
    }

    // MARK: values

    @Test func everyKeyOfTheFullExampleIsRead() throws {
        let config = try load(F.full, environment: F.wuEnvironment)
        #expect(config.baseURL == "http://127.0.0.1:8080")
        #expect(config.simulatedTrading)
        #expect(config.refreshSeconds == 1.5)
        #expect(config.readsPerSecond == 120)
        #expect(config.databasePath == "/home/trader/anchor/anchor.sqlite")
        #expect(config.theme == "dark")
        #expect(config.language == .zh)
        #expect(!config.bell)
        #expect(config.connectTimeout == .milliseconds(500))
        #expect(config.requestTimeout == .seconds(60))
        #expect(config.accounts.map(\.name) == ["main", "Wu666666"])
        #expect(config.accounts.map(\.role) == [.main, .sub])
        #expect(config.accounts[0].credentials.secretKey == F.secret)
        #expect(config.accounts[0].credentials.passphrase == F.passphrase)
        let policy = config.policy
        #expect(policy.leverage == 20)
        #expect(policy.maintenanceOpenMargin == 50)
        #expect(policy.marginTargets == [8, Decimal(string: "12.5")!, 20])
        #expect(policy.maxMarginStep == Decimal(string: "2.5")!)
        #expect(policy.safetyBuffer == Decimal(string: "0.1")!)
        #expect(policy.targetNotional == 0)
        #expect(!policy.correctAfterMaintenance)
        #expect(
            config.autopilot == AutopilotSettings(enabled: true, correctionInterval: .seconds(5400), maxMaintenances: 0)
        )
        #expect(config.sourcePath == "/etc/anchor/test.toml")
    }

    @Test func environmentIndirectionSuppliesTheCredentials() throws {
        let config = try load(F.full, environment: F.wuEnvironment)
        let wu = config.accounts[1].credentials
        #expect(wu.apiKey == "wu-key-0002")
        #expect(wu.secretKey == "wu-secret-value")
        #expect(wu.passphrase == "wu-pass-value")
    }

    @Test func absentKeysTakeExactlyTheHouseDefaults() throws {
        let config = try load(F.minimal, environment: F.minimalEnvironment)
        #expect(config.policy == Policy.houseDefault)
        #expect(config.autopilot == AutopilotSettings.houseDefault)
        #expect(config.baseURL == "https://www.okx.com")
        #expect(!config.simulatedTrading)
        #expect(config.refreshSeconds == 2)
        #expect(config.readsPerSecond == 50)
        #expect(config.databasePath == "/home/trader/.local/state/okx-anchor/anchor.sqlite")
        #expect(config.theme == "default")
        #expect(config.language == nil)
        #expect(config.bell)
        #expect(config.connectTimeout == .seconds(5))
        #expect(config.requestTimeout == .seconds(10))
    }

    @Test func defaultDatabaseFollowsXDGStateHome() throws {
        var environment = F.minimalEnvironment
        environment["XDG_STATE_HOME"] = "/var/state"
        #expect(try load(F.minimal, environment: environment).databasePath == "/var/state/okx-anchor/anchor.sqlite")
    }

    @Test func relativeDatabaseIsBesideTheConfigFile() throws {
        let config = try load("database = \"data/anchor.sqlite\"\n" + F.minimal)
        #expect(config.databasePath == "/etc/anchor/data/anchor.sqlite")
    }

    @Test func floatsKeepTheirDecimalValueExactly() throws {
        let text = F.minimal(
            then: "[policy]\nmaintenance_trigger = -0.10\nmargin_tolerance = 0.07\nsafety_buffer = 0.3")
        let policy = try load(text).policy
        #expect(policy.maintenanceTrigger == Decimal(string: "-0.1")!)
        #expect("\(policy.maintenanceTrigger)" == "-0.1")
        #expect(policy.maintenanceTrigger == Decimal(sign: .minus, exponent: -1, significand: 1))
        #expect("\(policy.marginTolerance)" == "0.07")
        #expect("\(policy.safetyBuffer)" == "0.3")
        let tiny = try load(F.minimal(then: "[policy]\nmax_margin_step = 0.00001\ntarget_notional = 1e3"))
        #expect("\(tiny.policy.maxMarginStep)" == "0.00001")
        #expect(tiny.policy.targetNotional == 1000)
    }

    @Test(arguments: [
        ("\"500ms\"", Duration.milliseconds(500)), ("\"30s\"", .seconds(30)), ("\"5m\"", .seconds(300)),
        ("\"1h\"", .seconds(3600)), ("\"1h30m\"", .seconds(5400)), ("\"1m30s\"", .seconds(90)),
        ("\"1.5s\"", .milliseconds(1500)), ("45", .seconds(45)), ("2.5", .milliseconds(2500)), ("\"12\"", .seconds(12)),
    ])
    func durationsParse(written: String, expected: Duration) throws {
        let config = try load("connect_timeout = \(written)\n" + F.minimal)
        #expect(config.connectTimeout == expected)
    }

    @Test(arguments: [
        Duration.milliseconds(500), .seconds(30), .seconds(300), .seconds(5400), .milliseconds(3_723_004),
        .microseconds(1500), .seconds(0),
    ])
    func durationsFormatToTextThatReadsBack(duration: Duration) throws {
        #expect(DurationText.parse(DurationText.format(duration)) == duration)
    }

    @Test func durationsFormatShortestFirst() {
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
        #expect(DurationText.format(.milliseconds(500)) == "500ms")
        #expect(DurationText.format(.seconds(300)) == "5m")
    }

    @Test(arguments: ["\"5x\"", "\"m\"", "\"30m1h\"", "\"1h1h\"", "\"\"", "\"-30s\"", "\"1 h\"", "true"])
    func malformedDurationsAreRefused(written: String) {
        let text = F.minimal(then: "[autopilot]\ncorrection_interval = \(written)")
        #expect(
            refusal(text) == "test.toml:9: autopilot.correction_interval: expected a duration of at least 10s, like "
                + "\"30s\", \"5m\" or \"1h30m\", found \(written)")
    }

    // MARK: errors

    @Test func badTOMLSyntaxGivesLineAndColumn() throws {
        let description = try #require(refusal(F.minimal(then: "[policy]\nleverage = = 3")))
        #expect(description.hasPrefix("test.toml:9:12: invalid TOML: "), "\(description)")
    }

    @Test func aNULCharacterIsRefusedRatherThanEndingTheTextEarly() {
        let text = F.minimal(then: "[policy]\u{0}\nleverage = 500")
        #expect(refusal(text) == "test.toml:8: invalid TOML: a NUL character")
    }

    @Test func wrongTypeNamesFileLineKeyAndWhatWasFound() {
        let text = F.minimal(then: "[policy]\nleverage = \"ten\"")
        #expect(refusal(text) == "test.toml:9: policy.leverage: expected a number from 1 to 125, found \"ten\"")
    }

    @Test(arguments: [
        ("leverage = 126", "policy.leverage: expected a number from 1 to 125, found 126"),
        ("leverage = 0.5", "policy.leverage: expected a number from 1 to 125, found 0.5"),
        (
            "maintenance_trigger = 0.1",
            "policy.maintenance_trigger: expected a number above -1 and below 0, like -0.10, found 0.1"
        ),
        (
            "maintenance_trigger = -1",
            "policy.maintenance_trigger: expected a number above -1 and below 0, like -0.10, found -1"
        ),
        ("maintenance_open_margin = 0", "policy.maintenance_open_margin: expected a number of USDT above 0, found 0"),
        (
            "margin_targets = []",
            "policy.margin_targets: expected a list of USDT amounts above 0, like [10, 10, 20], found an array"
        ),
        ("margin_targets = [10, -5]", "policy.margin_targets[1]: expected a number of USDT above 0, found -5"),
        (
            "margin_tolerance = 0.5",
            "policy.margin_tolerance: expected a number from 0 up to but not including 0.5, like 0.05, found 0.5"
        ),
        ("max_margin_step = 0", "policy.max_margin_step: expected a number of USDT above 0, found 0"),
        ("safety_buffer = -0.01", "policy.safety_buffer: expected a number of USDT, 0 or more, found -0.01"),
        (
            "target_notional = -1",
            "policy.target_notional: expected a number of USDT, 0 or more (0 never trims), found -1"
        ),
        ("correct_after_maintenance = 1", "policy.correct_after_maintenance: expected true or false, found 1"),
    ])
    func outOfRangePolicyValuesAreRefusedAtTheirLine(line: String, message: String) {
        #expect(refusal(F.minimal(then: "[policy]\n" + line)) == "test.toml:9: " + message)
    }

    @Test(arguments: [
        (
            "correction_interval = \"5s\"",
            "autopilot.correction_interval: expected a duration of at least 10s, like \"30s\", \"5m\" or "
                + "\"1h30m\", found \"5s\""
        ),
        ("max_maintenances = -1", "autopilot.max_maintenances: expected a whole number, 0 or more, found -1"),
        ("max_maintenances = 2.0", "autopilot.max_maintenances: expected a whole number, 0 or more, found 2.0"),
        ("enabled = \"yes\"", "autopilot.enabled: expected true or false, found \"yes\""),
    ])
    func outOfRangeAutopilotValuesAreRefused(line: String, message: String) {
        #expect(refusal(F.minimal(then: "[autopilot]\n" + line)) == "test.toml:9: " + message)
    }

    @Test(arguments: [
        ("refresh_seconds = 0.4", "refresh_seconds: expected a number of seconds, at least 0.5, found 0.4"),
        (
            "reads_per_second = 0.5",
            "reads_per_second: expected a number of account reads a second, at least 1, found 0.5"
        ),
        (
            "base_url = \"ftp://example.com\"",
            "base_url: expected an http:// or https:// URL, like \"https://www.okx.com\", found \"ftp://example.com\""
        ),
        (
            "base_url = \"www.okx.com\"",
            "base_url: expected an http:// or https:// URL, like \"https://www.okx.com\", found \"www.okx.com\""
        ),
        ("lang = \"fr\"", "lang: expected \"en\" or \"zh\", found \"fr\""),
        (
            "connect_timeout = \"0s\"",
            "connect_timeout: expected a duration above 0, like \"5s\" or \"500ms\", found \"0s\""
        ),
        ("theme = \"\"", "theme: expected a theme name, found \"\""),
        ("bell = \"no\"", "bell: expected true or false, found \"no\""),
        ("policy = 3", "policy: expected a table ([policy]), found an integer"),
    ])
    func badTopLevelValuesAreRefusedAtTheirLine(line: String, message: String) {
        #expect(refusal(line + "\n" + F.minimal) == "test.toml:1: " + message)
    }

    @Test func unknownKeyIsRefusedWithASuggestion() {
        let text = F.minimal(then: "[policy]\nleverage = 10\nlevarage = 20")
        #expect(refusal(text) == "test.toml:10: policy.levarage: unknown key (did you mean leverage?)")
    }

    @Test func unknownTableAndAccountKeysAreRefused() {
        #expect(
            refusal(F.minimal(then: "[polcy]\nleverage = 10"))
                == "test.toml:8: polcy: unknown key (did you mean policy?)")
        #expect(refusal("colour = 1\n" + F.minimal) == "test.toml:1: colour: unknown key")
        let text = F.minimal + "\nnickname = \"boss\""
        #expect(refusal(text) == "test.toml:7: accounts[0].nickname: unknown key")
    }

    @Test func missingRequiredKeyIsReportedAtItsTableHeader() {
        let text = F.minimal(
            then: "[[accounts]]\nrole = \"sub\"\napi_key_env = \"K\"\nsecret_key_env = \"S\"\npassphrase_env = \"P\"")
        #expect(refusal(text) == "test.toml:8: accounts[1].name: required key is missing")
        let noSecret = "[[accounts]]\nname = \"a\"\nrole = \"sub\"\napi_key_env = \"K\"\npassphrase_env = \"P\""
        #expect(
            refusal(noSecret)
                == "test.toml:1: accounts[0].secret_key: required key is missing (give secret_key, or "
                + "secret_key_env naming a variable)")
        #expect(
            refusal("[[accounts]]\nname = \"a\"\napi_key_env = \"K\"\nsecret_key_env = \"S\"\npassphrase_env = \"P\"")
                == "test.toml:1: accounts[0].role: required key is missing (\"main\" or \"sub\")")
    }

    @Test func aConfigWithoutAccountsIsRefused() {
        #expect(
            refusal("theme = \"x\"")
                == "test.toml: accounts: required key is missing: add an [[accounts]] table for each OKX account")
    }

    @Test func duplicateAccountNameIsRefused() {
        let text = F.minimal(then: F.environmentAccount(name: "main", role: "sub"))
        #expect(
            refusal(text)
                == "test.toml:9: accounts[1].name: \"main\" is already the name of accounts[0]; names must differ")
    }

    @Test func aSecondMainAccountIsRefused() {
        let text = F.minimal(then: F.environmentAccount(name: "other", role: "main"))
        #expect(
            refusal(text) == "test.toml:10: accounts[1].role: accounts[0] is already the main account; at most one is")
    }

    @Test func missingEnvironmentVariableIsNamed() {
        var environment = F.wuEnvironment
        environment["OKX_WU_SECRET"] = nil
        #expect(
            refusal(F.full, environment: environment)
                == "test.toml:23: accounts[1].secret_key_env: environment variable OKX_WU_SECRET is not set")
        environment["OKX_WU_SECRET"] = ""
        #expect(
            refusal(F.full, environment: environment)
                == "test.toml:23: accounts[1].secret_key_env: environment variable OKX_WU_SECRET is empty")
    }

    @Test func aKeyGivenBothInlineAndThroughTheEnvironmentIsRefused() {
        let text = F.minimal + "\napi_key = \"inline-key\""
        #expect(
            refusal(text)
                == "test.toml:4: accounts[0].api_key_env: api_key is also set; give api_key or api_key_env, not both")
    }

    @Test func inlineTablesAndArraysGetTheirOwnLines() {
        let text = "policy = { leverage = 10, margin_targets = [\n    10,\n    -1,\n] }\n" + F.minimal
        #expect(refusal(text) == "test.toml:3: policy.margin_targets[1]: expected a number of USDT above 0, found -1")
        let inline = "policy = { leverage = 10, safety_buffer = -2 }\n" + F.minimal
        #expect(refusal(inline) == "test.toml:1: policy.safety_buffer: expected a number of USDT, 0 or more, found -2")
    }
}
