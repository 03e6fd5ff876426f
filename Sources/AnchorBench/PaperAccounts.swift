package import AnchorCore
import OKX
package import PaperExchange

extension AccountConfig {
    /// The paper exchange's accounts with their keys, as a config lists them: for `--demo`, `sim --write-config`,
    /// the benchmarks and the tests.
    package static func paper(_ server: PaperExchangeServer) -> [AccountConfig] {
        server.accounts.map { account in
            AccountConfig(
                name: account.name, role: account.role == .main ? .main : .sub,
                credentials: Credentials(
                    apiKey: account.apiKey, secretKey: account.secretKey, passphrase: account.passphrase))
        }
    }
}
