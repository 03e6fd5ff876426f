import Foundation
import Testing

@testable import AnchorCore

/// No error message, whatever went wrong and wherever, quotes a secret.
@Suite struct ConfigSecretTests {
    typealias F = ConfigFixtures

    static let account = "[[accounts]]\nname = \"main\"\nrole = \"main\"\n"
    static let rest = "api_key = \"key-1\"\npassphrase = \"p\"\n"

    /// Configs refused for a reason that sits on or next to a secret.
    static let refusedTexts: [String] = [
        account + "secret_key = \(F.secret)\n" + rest,  // bare, not TOML
        account + "secret_key = \"\(F.secret)\n" + rest,  // unterminated string
        account + "secret_key = \"\"\"\(F.secret)\n" + rest,  // unterminated multi-line string
        account + "secret_key = 90417733215\n" + rest,  // a number, where a string belongs
        account + "secret_key = [\"\(F.secret)\"]\n" + rest,
        account + "secret_key = \"\(F.secret)\"\nsecret_key_env = \"S\"\n" + rest,
        account + "secret_key = \"\(F.secret)\"\nsecret_key = \"\(F.secret)\"\n" + rest,  // defined twice
        account + "secret_key = \"\(F.secret)\"\nsecrets = \"\(F.secret)\"\n" + rest,  // unknown key
        account + "secret_key = \"\(F.secret)\"\napi_key = 90417733215\npassphrase = \"p\"\n",
        "accounts = [{ name = \"a\", role = \"boss\", secret_key = \"\(F.secret)\" }]\n",
        "accounts = [{ name = \"a\", secret_key = \"\(F.secret)\", role = boss }]\n",
        account + "secret_key = \"\(F.secret)\"\n" + rest + "[policy]\nleverage = \"\(F.secret)\"\n",
    ]

    @Test(arguments: refusedTexts)
    func noRefusalQuotesTheSecret(text: String) throws {
        var refusal: ConfigError?
        do {
            _ = try ConfigLoader.parse(text: text, path: "test.toml", environment: [:], fileMode: 0o100600)
        } catch {
            refusal = error
        }
        let error = try #require(refusal, "the text was accepted")
        for shown in [error.description, error.message, String(reflecting: error), "\(error)"] {
            #expect(!shown.contains(F.secret), "\(shown)")
            #expect(!shown.contains("90417733215"), "\(shown)")
        }
    }

    @Test func aSecretWrittenAsANumberIsDescribedByItsKindOnly() {
        let text = Self.account + "secret_key = 90417733215\n" + Self.rest
        #expect(
            throws: ConfigError(
                file: "test.toml", line: 4, keyPath: "accounts[0].secret_key",
                message: "expected a string in double quotes that is not empty, found an integer")
        ) { try ConfigLoader.parse(text: text, path: "test.toml", environment: [:], fileMode: nil) }
    }

    @Test func aSyntaxErrorOnASecretLineDoesNotRepeatTOMLKitsText() throws {
        let text = Self.account + "secret_key = \(F.secret)\n" + Self.rest
        do {
            _ = try ConfigLoader.parse(text: text, path: "test.toml", environment: [:], fileMode: nil)
            Issue.record("accepted")
        } catch {
            #expect(error.line == 4)
            #expect(
                error.message
                    == "invalid TOML on a line that sets a secret (not shown); write the value in double quotes")
        }
    }

    @Test func thePermissionRefusalComesBeforeAnyOtherCheck() {
        let text = F.inlineSecrets + "\n[policy]\nleverage = 500\n"
        #expect(
            throws: ConfigError(
                file: "c.toml", message: "is readable by others (mode 0604) and holds secrets: run chmod 600 c.toml")
        ) { try ConfigLoader.parse(text: text, path: "c.toml", environment: [:], fileMode: 0o100604) }
    }

    @Test func aMisplacedSecretStillCountsForThePermissionRule() {
        let text = "[accounts]\nname = \"a\"\nsecret_key = \"\(F.secret)\"\n"
        #expect(
            throws: ConfigError(
                file: "c.toml", message: "is readable by others (mode 0644) and holds secrets: run chmod 600 c.toml")
        ) { try ConfigLoader.parse(text: text, path: "c.toml", environment: [:], fileMode: 0o100644) }
    }

    @Test func theEnvironmentValueOfASecretIsRedactedToo() throws {
        let text =
            "[[accounts]]\nname = \"main\"\nrole = \"main\"\napi_key_env = \"K\"\nsecret_key_env = \"S\"\n"
            + "passphrase_env = \"P\"\n[policy]\nleverage = \"\(F.secret)\"\n"
        do {
            _ = try ConfigLoader.parse(
                text: text, path: "test.toml", environment: ["K": "k", "S": F.secret, "P": F.passphrase], fileMode: nil)
            Issue.record("accepted")
        } catch {
            #expect(
                error.description
                    == "test.toml:8: policy.leverage: expected a number from 1 to 125, found \"<redacted>\"")
        }
    }

    @Test func aSecretPastedUnderTheWrongKeyIsRedacted() {
        let text =
            Self.account + "secret_key = \"\(F.secret)\"\n" + Self.rest + "[policy]\nleverage = \"\(F.secret)\"\n"
        #expect(
            throws: ConfigError(
                file: "test.toml", line: 8, keyPath: "policy.leverage",
                message: "expected a number from 1 to 125, found \"<redacted>\"")
        ) { try ConfigLoader.parse(text: text, path: "test.toml", environment: [:], fileMode: nil) }
    }
}
