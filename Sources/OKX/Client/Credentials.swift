/// An API key with its secret and passphrase.
///
/// The secret and the passphrase never appear in any printed form: `description`, `debugDescription`,
/// `dump`, string interpolation and logs all show the key's first characters and `<redacted>`.
public struct Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// `OK-ACCESS-KEY`. Not secret on its own, but only a prefix is ever shown.
    public let apiKey: String
    package let secretKey: String
    package let passphrase: String

    public init(apiKey: String, secretKey: String, passphrase: String) {
        self.apiKey = apiKey
        self.secretKey = secretKey
        self.passphrase = passphrase
    }

    /// The first four characters of the key, enough to tell keys apart in a log.
    public var redactedKey: String {
        apiKey.count <= 4 ? "****" : String(apiKey.prefix(4)) + "…"
    }

    public var description: String {
        "Credentials(apiKey: \(redactedKey), secretKey: <redacted>, passphrase: <redacted>)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self, children: ["apiKey": redactedKey, "secretKey": "<redacted>", "passphrase": "<redacted>"],
            displayStyle: .struct)
    }
}
