import Foundation
import OKX

extension ConfigLoader {
    static let accountKeys = [
        "name", "role", "manage", "api_key", "api_key_env", "secret_key", "secret_key_env", "passphrase",
        "passphrase_env",
    ]
    static let policyKeys = [
        "leverage", "maintenance_trigger", "maintenance_open_margin", "margin_targets", "margin_tolerance",
        "max_margin_step", "safety_buffer", "target_notional", "correct_after_maintenance",
    ]
    static let autopilotKeys = ["enabled", "correction_interval", "max_maintenances"]

    /// The `[[accounts]]` tables: at least one, names unique, at most one main, each credential given once,
    /// inline or through an environment variable.
    static func readAccounts(
        _ root: TableReader, environment: [String: String]
    ) throws(ConfigError) -> [AccountConfig] {
        let node = try root.required("accounts", hint: ": add an [[accounts]] table for each OKX account")
        guard case .array(let items) = node, !items.isEmpty else {
            throw root.error("accounts", "expected one or more [[accounts]] tables, found \(node.kindName)")
        }
        var accounts: [AccountConfig] = []
        var mainIndex: Int?
        for (index, item) in items.enumerated() {
            let itemPath = "accounts[\(index)]"
            guard case .table(let entries) = item else {
                throw root.error(itemPath, "expected an [[accounts]] table, found \(item.kindName)")
            }
            let reader = TableReader(source: root.source, path: itemPath, entries: entries)
            try reader.rejectUnknownKeys(accountKeys)

            guard let name = try reader.string("name", expected: "a name that is not empty") else {
                throw reader.error("name", "required key is missing")
            }
            if let other = accounts.firstIndex(where: { $0.name == name }) {
                throw reader.error("name", "\"\(name)\" is already the name of accounts[\(other)]; names must differ")
            }
            guard let roleText = try reader.choice("role", ["main", "sub"]),
                let role = AccountRole(rawValue: roleText)
            else { throw reader.error("role", "required key is missing (\"main\" or \"sub\")") }
            if role == .main {
                if let mainIndex {
                    throw reader.error("role", "accounts[\(mainIndex)] is already the main account; at most one is")
                }
                mainIndex = index
            }
            let manage = try reader.bool("manage")
            let credentials = Credentials(
                apiKey: try credential(reader, "api_key", environment: environment),
                secretKey: try credential(reader, "secret_key", environment: environment),
                passphrase: try credential(reader, "passphrase", environment: environment))
            accounts.append(AccountConfig(name: name, role: role, credentials: credentials, manage: manage))
        }
        return accounts
    }

    /// `key` written inline, or `key_env` naming an environment variable that holds it: exactly one of the two.
    static func credential(
        _ reader: TableReader, _ key: String, environment: [String: String]
    ) throws(ConfigError) -> String {
        let envKey = key + "_env"
        switch (reader.value(key), reader.value(envKey)) {
        case (_?, _?):
            throw reader.error(envKey, "\(key) is also set; give \(key) or \(envKey), not both")
        case (nil, nil):
            throw reader.error(key, "required key is missing (give \(key), or \(envKey) naming a variable)")
        case (let inline?, nil):
            guard case .string(let text) = inline, !text.isEmpty else {
                throw reader.mismatch(key, "a string in double quotes that is not empty", inline)
            }
            return text
        case (nil, let indirect?):
            guard case .string(let variable) = indirect, !variable.isEmpty, !variable.contains("=") else {
                throw reader.mismatch(envKey, "the name of an environment variable", indirect)
            }
            guard let text = environment[variable] else {
                throw reader.error(envKey, "environment variable \(variable) is not set")
            }
            guard !text.isEmpty else { throw reader.error(envKey, "environment variable \(variable) is empty") }
            return text
        }
    }

    /// `[policy]`, each absent key from `Policy.houseDefault`.
    static func readPolicy(_ table: TableReader) throws(ConfigError) -> Policy {
        try table.rejectUnknownKeys(policyKeys)
        var policy = Policy.houseDefault
        let half = Decimal(sign: .plus, exponent: -1, significand: 5)
        if let value = try table.decimal(
            "leverage", expected: "a number from 1 to 125", accepts: { $0 >= 1 && $0 <= 125 })
        {
            policy.leverage = value
        }
        if let value = try table.decimal(
            "maintenance_trigger", expected: "a number above -1 and below 0, like -0.10",
            accepts: { $0 > -1 && $0 < 0 })
        {
            policy.maintenanceTrigger = value
        }
        if let value = try table.decimal(
            "maintenance_open_margin", expected: "a number of USDT above 0", accepts: { $0 > 0 })
        {
            policy.maintenanceOpenMargin = value
        }
        if let node = table.value("margin_targets") {
            policy.marginTargets = try marginTargets(node, table)
        }
        if let value = try table.decimal(
            "margin_tolerance", expected: "a number from 0 up to but not including 0.5, like 0.05",
            accepts: { $0 >= 0 && $0 < half })
        {
            policy.marginTolerance = value
        }
        if let value = try table.decimal("max_margin_step", expected: "a number of USDT above 0", accepts: { $0 > 0 }) {
            policy.maxMarginStep = value
        }
        if let value = try table.decimal(
            "safety_buffer", expected: "a number of USDT, 0 or more", accepts: { $0 >= 0 })
        {
            policy.safetyBuffer = value
        }
        if let value = try table.decimal(
            "target_notional", expected: "a number of USDT, 0 or more (0 never trims)", accepts: { $0 >= 0 })
        {
            policy.targetNotional = value
        }
        policy.correctAfterMaintenance = try table.bool("correct_after_maintenance") ?? policy.correctAfterMaintenance
        return policy
    }

    private static func marginTargets(_ node: TOMLNode, _ table: TableReader) throws(ConfigError) -> [Decimal] {
        let expected = "a list of USDT amounts above 0, like [10, 10, 20]"
        guard case .array(let items) = node, !items.isEmpty else {
            throw table.mismatch("margin_targets", expected, node)
        }
        var targets: [Decimal] = []
        for (index, item) in items.enumerated() {
            guard let target = TableReader.decimal(item), target > 0 else {
                throw table.mismatch("margin_targets[\(index)]", "a number of USDT above 0", item)
            }
            targets.append(target)
        }
        return targets
    }

    /// `[autopilot]`, each absent key from `AutopilotSettings.houseDefault`.
    static func readAutopilot(_ table: TableReader) throws(ConfigError) -> AutopilotSettings {
        try table.rejectUnknownKeys(autopilotKeys)
        var settings = AutopilotSettings.houseDefault
        settings.enabled = try table.bool("enabled") ?? settings.enabled
        settings.correctionInterval =
            try table.duration(
                "correction_interval", expected: "a duration of at least 10s, like \"30s\", \"5m\" or \"1h30m\"",
                accepts: { $0 >= .seconds(10) })
            ?? settings.correctionInterval
        settings.maxMaintenances =
            try table.integer("max_maintenances", expected: "a whole number, 0 or more", accepts: { $0 >= 0 })
            ?? settings.maxMaintenances
        return settings
    }
}
