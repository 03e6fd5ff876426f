package import AnchorCore
import OKX
package import PaperExchange

extension AccountConfig {
    /// The paper exchange's accounts with their keys, as a config lists them: for `--demo`, `sim --write-config`,
    /// the benchmarks and the tests. Each account's `manage` is its role's default (the main account watched),
    /// unless `manageMain` makes the main account managed too.
    package static func paper(_ server: PaperExchangeServer, manageMain: Bool = false) -> [AccountConfig] {
        server.accounts.map { account in
            AccountConfig(
                name: account.name, role: account.role == .main ? .main : .sub,
                credentials: Credentials(
                    apiKey: account.apiKey, secretKey: account.secretKey, passphrase: account.passphrase),
                manage: account.role == .main && manageMain ? true : nil)
        }
    }
}
