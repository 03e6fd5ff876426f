import OKX

/// Fixed API keys derived from an account name, so scenarios need no stored secrets and tests can rely on them.
///
/// The key looks like an OKX key (a UUID), the secret like an OKX secret (32 upper-case hex digits). Anyone can
/// derive them, which is the point: they only ever open the paper exchange.
package enum AccountKeys {
    /// An account with keys and uid derived from its name.
    package static func account(name: String, role: SimAccount.Role) -> SimAccount {
        SimAccount(
            name: name, role: role, uid: uid(for: name), apiKey: apiKey(for: name), secretKey: secretKey(for: name),
            passphrase: passphrase(for: name))
    }

    /// `OK-ACCESS-KEY`: a UUID-shaped hex string.
    package static func apiKey(for name: String) -> String {
        let hex = digest("okx-anchor paper key", name).prefix(32)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(
                hex[
                    hex.index(
                        hex.startIndex, offsetBy: range.lowerBound)..<hex.index(
                            hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }

    /// The secret: 32 upper-case hex digits.
    package static func secretKey(for name: String) -> String {
        String(digest("okx-anchor paper secret", name).prefix(32)).uppercased()
    }

    /// The passphrase: `Paper-` and 8 hex digits.
    package static func passphrase(for name: String) -> String {
        "Paper-" + digest("okx-anchor paper passphrase", name).prefix(8)
    }

    /// A 16-digit uid.
    package static func uid(for name: String) -> String {
        String(1_000_000_000_000_000 + SplitMix64.hash("uid:" + name) % 9_000_000_000_000_000)
    }

    private static func digest(_ purpose: String, _ name: String) -> String {
        let bytes = RequestSigner.hmacSHA256(key: Array(purpose.utf8), message: Array(name.utf8))
        let digits = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }
}
