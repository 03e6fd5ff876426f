@testable import AnchorCore

/// Config texts for the config tests. Line numbers matter: tests assert them, so edit with care.
enum ConfigFixtures {
    /// A secret used everywhere a test must prove it never appears in a message.
    static let secret = "SeCrEt-9f3a-77Qz"
    static let passphrase = "Pa55-phrase-Kk2"

    /// The DESIGN.md example, complete: every key set, one inline account and one through the environment.
    static let full = """
        base_url = "http://127.0.0.1:8080/"
        simulated_trading = true
        refresh_seconds = 1.5
        reads_per_second = 120
        database = "~/anchor/anchor.sqlite"
        theme = "dark"
        lang = "zh"
        bell = false
        connect_timeout = "500ms"
        request_timeout = "1m"

        [[accounts]]
        name = "main"
        role = "main"
        api_key = "key-main-0001"
        secret_key = "\(secret)"
        passphrase = "\(passphrase)"

        [[accounts]]
        name = "Wu666666"
        role = "sub"
        api_key_env = "OKX_WU_KEY"
        secret_key_env = "OKX_WU_SECRET"
        passphrase_env = "OKX_WU_PASSPHRASE"

        [policy]
        leverage = 20
        maintenance_trigger = -0.10
        maintenance_open_margin = 50
        margin_targets = [8, 12.5, 20]
        margin_tolerance = 0.05
        max_margin_step = 2.5
        safety_buffer = 0.1
        target_notional = 0
        correct_after_maintenance = false

        [autopilot]
        enabled = true
        correction_interval = "1h30m"
        max_maintenances = 0
        """

    /// The environment `full` needs.
    static let wuEnvironment = [
        "HOME": "/home/trader", "OKX_WU_KEY": "wu-key-0002", "OKX_WU_SECRET": "wu-secret-value",
        "OKX_WU_PASSPHRASE": "wu-pass-value",
    ]

    /// One account through the environment and nothing else: every other key takes its default.
    static let minimal = """
        [[accounts]]
        name = "main"
        role = "main"
        api_key_env = "K"
        secret_key_env = "S"
        passphrase_env = "P"
        """

    static let minimalEnvironment = ["HOME": "/home/trader", "K": "k-value", "S": "s-value", "P": "p-value"]

    /// `minimal` followed by `tail`; the account takes lines 1-6, a blank line 7, so `tail` starts on line 8.
    static func minimal(then tail: String) -> String { minimal + "\n\n" + tail }

    /// An `[[accounts]]` table of six lines whose credentials come from `K`, `S` and `P`.
    static func environmentAccount(name: String, role: String) -> String {
        "[[accounts]]\nname = \"\(name)\"\nrole = \"\(role)\"\napi_key_env = \"K\"\nsecret_key_env = \"S\"\n"
            + "passphrase_env = \"P\""
    }

    /// One account with every credential inline, the secret on line 5.
    static let inlineSecrets = """
        [[accounts]]
        name = "main"
        role = "main"
        api_key = "key-main-0001"
        secret_key = "\(secret)"
        passphrase = "\(passphrase)"
        """
}
