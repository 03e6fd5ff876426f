import Foundation
import OKX

/// Renders a complete, commented config file and writes it so that it is never, even for a moment, readable by
/// anyone but its owner. `okx-anchor sim --write-config FILE` uses it; what it writes loads back to the same values.
public enum ConfigWriter {
    /// The whole file for `config`: every key, each with a comment, and every account's key, secret and
    /// passphrase inline. `sourcePath` is not written; `language` nil leaves `lang` commented out.
    public static func render(_ config: AppConfig) -> String {
        var out = """
            # okx-anchor config. It holds API secrets: keep it readable by its owner alone (chmod 600).
            # Any key outside [[accounts]] may be left out to take its default.

            base_url = \(quoted(config.baseURL))  # any OKX-compatible base URL, e.g. the paper exchange
            simulated_trading = \(config.simulatedTrading)  # true sends OKX's demo-trading header
            refresh_seconds = \(number(config.refreshSeconds))  # seconds between polls, at least 0.5
            reads_per_second = \(number(config.readsPerSecond))  # accounts read a second at most; more: in turns
            database = \(quoted(config.databasePath))  # SQLite: maintenance counts, the action journal, history
            theme = \(quoted(config.theme))

            """
        if let language = config.language {
            out += "lang = \(quoted(language.rawValue))  # \"en\" or \"zh\"; leave out to follow the locale\n"
        } else {
            out += "# lang = \"en\"  # \"en\" or \"zh\"; absent: from the locale\n"
        }
        out += """
            bell = \(config.bell)  # ring once when a position falls due or an action fails
            connect_timeout = \(quoted(DurationText.format(config.connectTimeout)))  # to open a connection
            request_timeout = \(quoted(DurationText.format(config.requestTimeout)))  # for one whole request

            """
        if let proxy = config.proxy {
            out += "proxy = \(quoted(proxy))  # http://, https:// or socks5h://; \"\" for none\n"
        } else {
            out += "# proxy = \"socks5h://127.0.0.1:1080\"  # absent: http_proxy, https_proxy, all_proxy, no_proxy\n"
        }
        if let caFile = config.caFile {
            out += "ca_file = \(quoted(caFile))  # PEM CA certificates trusted instead of the system's\n"
        } else {
            out += "# ca_file = \"/etc/okx-anchor/ca.pem\"  # a private CA; TLS is always verified\n"
        }
        for account in config.accounts {
            out += """

                [[accounts]]
                name = \(quoted(account.name))
                role = \(quoted(account.role.rawValue))  # "main" or "sub"; at most one main
                manage = \(account.manage)  # the policy acts on its positions (default: sub true, main false)
                api_key = \(quoted(account.credentials.apiKey))  # or api_key_env = "NAME_OF_A_VARIABLE"
                secret_key = \(quoted(account.credentials.secretKey))  # or secret_key_env = "…"
                passphrase = \(quoted(account.credentials.passphrase))  # or passphrase_env = "…"

                """
        }
        let policy = config.policy
        let targets = policy.marginTargets.map { "\($0)" }.joined(separator: ", ")
        out += """

            [policy]
            leverage = \(policy.leverage)  # 1 to 125, kept per side, isolated
            maintenance_trigger = \(policy.maintenanceTrigger)  # profit rate (uplRatio) at or below which \
            maintenance is due
            maintenance_open_margin = \(policy.maintenanceOpenMargin)  # USDT of margin for the position \
            maintenance opens
            margin_targets = [\(targets)]  # USDT by maintenance count; the last applies beyond
            margin_tolerance = \(policy.marginTolerance)  # relative band around the target, below 0.5
            max_margin_step = \(policy.maxMarginStep)  # USDT per reduce or add
            safety_buffer = \(policy.safetyBuffer)  # USDT kept above maintenance margin + unrealised loss
            target_notional = \(policy.targetNotional)  # USDT a correction trims a larger position to; 0 never trims
            correct_after_maintenance = \(policy.correctAfterMaintenance)  # correct as soon as a maintenance is done

            [autopilot]
            enabled = \(config.autopilot.enabled)
            correction_interval = \(quoted(DurationText.format(config.autopilot.correctionInterval)))  # at least 10s
            max_maintenances = \(config.autopilot.maxMaintenances)  # never maintains a position past this count

            """
        return out
    }

    /// Writes `render(config)` to `path` with mode 0600 from the moment the file exists: a temporary file
    /// created 0600 beside it, synced, then linked into place (refusing an existing file) or, with `overwrite`,
    /// renamed over it. Missing folders are made with mode 0700.
    public static func write(_ config: AppConfig, to path: String, overwrite: Bool = false) throws(ConfigError) {
        try ConfigFileWriter(path: path).place(Array(render(config).utf8), overwrite: overwrite)
    }

    /// A TOML basic string: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A whole number without a fraction; anything else as Swift's shortest round-trip text.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
