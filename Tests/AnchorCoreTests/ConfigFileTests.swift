import Foundation
import OKX
import Testing

@testable import AnchorCore

/// The loader and writer against real files in a fresh temporary folder, with real modes.
@Suite final class ConfigFileTests {
    typealias F = ConfigFixtures
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.path + "/okx-anchor-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Writes `text` to `name` in the folder with exactly `mode`.
    func file(_ name: String, _ text: String, mode: Int) throws -> String {
        let path = folder + "/" + name
        try FileManager.default.removeItem(atPath: path, ifPresent: true)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func mode(of path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func aFileReadableByOthersThatHoldsSecretsIsRefused() throws {
        let path = try file("open.toml", F.inlineSecrets, mode: 0o644)
        #expect(try mode(of: path) == 0o644)
        do {
            _ = try ConfigLoader.load(path: path, environment: ["HOME": folder])
            Issue.record("a 0644 file with secrets loaded")
        } catch {
            #expect(
                error.description
                    == "\(path) is readable by others (mode 0644) and holds secrets: run chmod 600 \(path)")
            #expect(!error.description.contains(F.secret))
        }
    }

    @Test(arguments: [0o640, 0o604, 0o660, 0o666])
    func anyGroupOrOtherBitRefusesAFileWithSecrets(mode: Int) throws {
        let path = try file("open.toml", F.inlineSecrets, mode: mode)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: ["HOME": folder]) }
    }

    @Test func aFileReadableByItsOwnerAloneIsAccepted() throws {
        let path = try file("private.toml", F.inlineSecrets, mode: 0o600)
        let config = try ConfigLoader.load(path: path, environment: ["HOME": folder])
        #expect(config.accounts.first?.credentials.secretKey == F.secret)
        #expect(config.sourcePath == path)
    }

    @Test func aFileWithOnlyEnvironmentIndirectionMayBeReadableByOthers() throws {
        let path = try file("shared.toml", F.minimal, mode: 0o644)
        let config = try ConfigLoader.load(path: path, environment: F.minimalEnvironment)
        #expect(config.accounts.first?.credentials.apiKey == "k-value")
    }

    @Test func aMissingDefaultFileSaysWhereAndHowToStart() throws {
        let home = folder + "/home"
        let expected = home + "/.config/okx-anchor/config.toml"
        do {
            _ = try ConfigLoader.load(path: nil, environment: ["HOME": home])
            Issue.record("a missing file loaded")
        } catch {
            #expect(
                error.description
                    == "\(expected) does not exist: to start, try the paper exchange with `okx-anchor --demo`, "
                    + "or write a config with `okx-anchor sim --write-config \(expected)`")
        }
    }

    @Test func theDefaultFileFollowsXDGConfigHome() throws {
        let configHome = folder + "/xdg"
        try FileManager.default.createDirectory(atPath: configHome + "/okx-anchor", withIntermediateDirectories: true)
        _ = try file("xdg/okx-anchor/config.toml", F.minimal, mode: 0o600)
        var environment = F.minimalEnvironment
        environment["XDG_CONFIG_HOME"] = configHome
        let config = try ConfigLoader.load(path: nil, environment: environment)
        #expect(config.sourcePath == configHome + "/okx-anchor/config.toml")
    }

    @Test func aFolderIsNotAConfig() {
        #expect(throws: ConfigError(file: folder, message: "is not a regular file")) {
            try ConfigLoader.load(path: folder, environment: ["HOME": folder])
        }
    }

    // MARK: writer

    func sample() -> AppConfig {
        var config = AppConfig(
            baseURL: "http://127.0.0.1:18080", simulatedTrading: true, databasePath: folder + "/state/anchor.sqlite",
            accounts: [
                AccountConfig(
                    name: "main", role: .main,
                    credentials: .init(apiKey: "key-1", secretKey: F.secret, passphrase: "quote\" back\\slash\ttab")),
                AccountConfig(
                    name: "Wu \"666666\"", role: .sub,
                    credentials: .init(apiKey: "key-2", secretKey: "s2\u{7F}\u{01}", passphrase: "汉字-pass")),
            ])
        config.refreshSeconds = 0.75
        config.language = .en
        config.connectTimeout = .milliseconds(1500)
        config.policy.maintenanceTrigger = Decimal(string: "-0.12")!
        config.policy.marginTargets = [Decimal(string: "7.5")!, 15]
        config.autopilot = AutopilotSettings(enabled: true, correctionInterval: .seconds(5400), maxMaintenances: 2)
        return config
    }

    @Test func writtenConfigLoadsBackToTheSameValues() throws {
        let path = folder + "/new/okx-anchor/config.toml"
        let original = sample()
        try ConfigWriter.write(original, to: path)
        #expect(try mode(of: path) == 0o600)
        var loaded = try ConfigLoader.load(path: path, environment: ["HOME": folder])
        #expect(loaded.sourcePath == path)
        loaded.sourcePath = nil
        #expect(loaded == original)
    }

    @Test func renderedHouseDefaultsLoadBackToTheHouseDefaults() throws {
        let original = AppConfig(
            databasePath: "/var/lib/anchor.sqlite",
            accounts: [.init(name: "a", role: .sub, credentials: .init(apiKey: "k", secretKey: "s", passphrase: "p"))])
        let text = ConfigWriter.render(original)
        #expect(text.contains("# lang ="))
        let loaded = try ConfigLoader.parse(text: text, path: "x.toml", environment: [:], fileMode: 0o600)
        #expect(loaded.policy == .houseDefault)
        #expect(loaded.autopilot == .houseDefault)
        #expect(loaded.language == nil)
        var expected = original
        expected.sourcePath = "x.toml"
        #expect(loaded == expected)
    }

    @Test func theWriterRefusesToReplaceAFileUnlessTold() throws {
        let path = try file("existing.toml", "# mine\n", mode: 0o600)
        #expect(
            throws: ConfigError(
                file: path, message: "already exists; it was left as it is (ask to overwrite it to replace it)")
        ) { try ConfigWriter.write(sample(), to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# mine\n")
        try ConfigWriter.write(sample(), to: path, overwrite: true)
        #expect(try mode(of: path) == 0o600)
        #expect(try ConfigLoader.load(path: path, environment: ["HOME": folder]).accounts.count == 2)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}

extension FileManager {
    fileprivate func removeItem(atPath path: String, ifPresent: Bool) throws {
        if fileExists(atPath: path) { try removeItem(atPath: path) }
    }
}
