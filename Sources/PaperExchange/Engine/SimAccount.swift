/// One account of the paper exchange and its API key, as an OKX main account or sub-account has.
package struct SimAccount: Sendable, Equatable {
    /// Main account or sub-account.
    package enum Role: String, Sendable, Equatable {
        /// The master account; its key may list sub-accounts.
        case main
        /// A sub-account; it trades with its own key.
        case sub
    }

    /// The account name (`subAcct` for a sub-account; the label for the main account).
    package var name: String
    /// Main or sub.
    package var role: Role
    /// OKX user id (a digit string).
    package var uid: String
    /// `OK-ACCESS-KEY`.
    package var apiKey: String
    /// The HMAC secret. Never print or log it.
    package var secretKey: String
    /// `OK-ACCESS-PASSPHRASE`. Never print or log it.
    package var passphrase: String
    /// OKX's account mode: "1" simple (spot only, no swaps), "2" Futures mode (the default), "3" multi-currency,
    /// "4" portfolio margin.
    package var acctLv: String = "2"
    /// The key's permissions, comma-joined as OKX writes them (`read_only`, `trade`, `withdraw`).
    package var perm: String = "read_only,trade"
    /// The key's IP allow-list; empty allows any address.
    package var ipAllowList: [String] = []
    /// The environment the key belongs to.
    package var keyEnvironment: KeyEnvironment = .any

    /// Creates an account identity with OKX's usual key settings (Futures mode, read and trade, any IP).
    package init(name: String, role: Role, uid: String, apiKey: String, secretKey: String, passphrase: String) {
        self.name = name
        self.role = role
        self.uid = uid
        self.apiKey = apiKey
        self.secretKey = secretKey
        self.passphrase = passphrase
    }

    /// Whether the key may trade: OKX's `perm` lists `trade`.
    package var canTrade: Bool { perm.split(separator: ",").contains { $0 == "trade" } }
}

extension SimAccount: CustomStringConvertible {
    /// Name, role, uid and key, never the secret or the passphrase.
    package var description: String { "\(name) (\(role.rawValue), uid \(uid), key \(apiKey))" }
}
