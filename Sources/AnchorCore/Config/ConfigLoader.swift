public import Foundation
import TOMLKit

/// Reads the TOML config file into an `AppConfig`, filling every absent key with the house default and refusing,
/// with the file, line and key, anything it does not understand: a misspelt key silently ignored could trade with
/// the wrong policy.
public enum ConfigLoader {
    static let topLevelKeys = [
        "base_url", "simulated_trading", "refresh_seconds", "reads_per_second", "database", "theme", "lang", "bell",
        "connect_timeout",
        "request_timeout", "proxy", "ca_file", "accounts", "policy", "autopilot", "notify", "alerts",
    ]

    /// A config file is a few kilobytes; anything far larger is not one.
    static let maximumFileSize = 1 << 20

    /// Reads and checks the file at `path` (`~` expanded), or at `ConfigPaths.configFile` when `path` is nil.
    ///
    /// `environment` supplies `HOME` and the XDG folders, and the values of `*_env` keys.
    public static func load(path: String?, environment: [String: String]) throws(ConfigError) -> AppConfig {
        let paths = ConfigPaths(environment: environment)
        let file = path.map(paths.expandingTilde) ?? paths.configFile
        let (text, mode) = try readFile(file, isDefault: path == nil)
        return try parse(text: text, path: file, environment: environment, fileMode: mode)
    }

    /// Checks config text that came from `path`; `fileMode` is the file's `st_mode`, or nil to skip the
    /// permission rule (text that never was a file).
    public static func parse(
        text: String, path: String, environment: [String: String], fileMode: mode_t?
    ) throws(ConfigError) -> AppConfig {
        // TOMLKit hands the text to C as a C string, which would silently end it at a NUL.
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].count { $0 == UInt8(ascii: "\n") } + 1
            throw ConfigError(file: path, line: line, message: "invalid TOML: a NUL character")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let failure as TOMLParseError {
            throw syntaxError(failure, text: text, file: path)
        } catch {
            throw ConfigError(file: path, message: "could not be read as TOML")
        }
        guard case .table(let entries) = TOMLNode(table) else {
            throw ConfigError(file: path, message: "could not be read as TOML")
        }
        let root = TableReader(
            source: TableReader.Source(file: path, locator: KeyLocator(text: text)), path: "", entries: entries)

        if let fileMode, fileMode & 0o077 != 0, holdsInlineSecrets(root) || notifyHoldsInlineSecrets(root) {
            let shown = "0" + String(fileMode & 0o777, radix: 8)
            throw ConfigError(
                file: path, message: "is readable by others (mode \(shown)) and holds secrets: run chmod 600 \(path)")
        }
        do {
            return try read(root, path: path, environment: environment)
        } catch {
            let secrets = (secretValues(root, environment: environment) + notifyURLs(root))
                .sorted { $0.count > $1.count }
            throw redacting(error, secrets: secrets)
        }
    }

    /// Every secret the document holds or points at, so that a secret pasted under the wrong key (`leverage =
    /// "…"`) is not echoed back either. Values under 4 characters are no real OKX credential and are left alone,
    /// lest a one-letter test passphrase blank out every "p" of a message.
    static func secretValues(_ root: TableReader, environment: [String: String]) -> [String] {
        var values: [String] = []
        visitSecretKeys(.table(root.entries)) { key, value in
            if case .string(let text) = value {
                values.append(key.hasSuffix("_env") ? environment[text] ?? "" : text)
            }
        }
        return values.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// Whether the file writes a key, secret or passphrase itself rather than naming a variable: looked for in
    /// every table, so that a misplaced account still counts.
    static func holdsInlineSecrets(_ root: TableReader) -> Bool {
        var found = false
        visitSecretKeys(.table(root.entries)) { key, _ in found = found || !key.hasSuffix("_env") }
        return found
    }

    /// Calls `body` for every `api_key`, `secret_key`, `passphrase` and their `_env` keys, at any depth.
    private static func visitSecretKeys(_ node: TOMLNode, _ body: (String, TOMLNode) -> Void) {
        switch node {
        case .table(let entries):
            for (key, value) in entries {
                let base = key.hasSuffix("_env") ? String(key.dropLast(4)) : key
                if TableReader.secretKeys.contains(base) { body(key, value) }
                visitSecretKeys(value, body)
            }
        case .array(let items):
            for item in items { visitSecretKeys(item, body) }
        default:
            break
        }
    }

    static func redacting(_ error: ConfigError, secrets: [String]) -> ConfigError {
        var error = error
        for secret in secrets {
            error.message = error.message.replacingOccurrences(of: secret, with: "<redacted>")
            error.keyPath = error.keyPath?.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return error
    }

    private static func read(
        _ root: TableReader, path: String, environment: [String: String]
    ) throws(ConfigError) -> AppConfig {
        try root.rejectUnknownKeys(topLevelKeys)
        let paths = ConfigPaths(environment: environment)
        var config = AppConfig(databasePath: paths.defaultDatabase, sourcePath: path)

        if let url = try root.string("base_url", expected: baseURLExpectation) {
            guard let cleaned = checkedBaseURL(url) else {
                throw root.mismatch("base_url", baseURLExpectation, .string(url))
            }
            config.baseURL = cleaned
        }
        config.simulatedTrading = try root.bool("simulated_trading") ?? config.simulatedTrading
        if let refresh = try root.decimal(
            "refresh_seconds", expected: "a number of seconds, at least 0.5", accepts: { $0 >= minimumRefresh })
        {
            config.refreshSeconds = NSDecimalNumber(decimal: refresh).doubleValue
        }
        if let reads = try root.decimal(
            "reads_per_second", expected: "a number of account reads a second, at least 1", accepts: { $0 >= 1 })
        {
            config.readsPerSecond = NSDecimalNumber(decimal: reads).doubleValue
        }
        if let database = try root.string("database", expected: "a file path") {
            let folder = URL(fileURLWithPath: paths.expandingTilde(path)).deletingLastPathComponent().path
            config.databasePath = paths.resolve(database, relativeTo: folder)
        }
        config.theme = try root.string("theme", expected: "a theme name") ?? config.theme
        config.language = try root.choice("lang", Language.allCases.map(\.rawValue)).flatMap(Language.init)
        config.bell = try root.bool("bell") ?? config.bell
        config.connectTimeout =
            try root.duration(
                "connect_timeout", expected: "a duration above 0, like \"5s\" or \"500ms\"", accepts: { $0 > .zero })
            ?? config.connectTimeout
        config.requestTimeout =
            try root.duration(
                "request_timeout", expected: "a duration above 0, like \"10s\" or \"1m\"", accepts: { $0 > .zero })
            ?? config.requestTimeout
        config.proxy = try readProxy(root)
        config.caFile = try readCAFile(root, relativeTo: path, paths: paths)

        config.accounts = try readAccounts(root, environment: environment)
        config.policy = try readPolicy(root.table("policy"))
        config.autopilot = try readAutopilot(root.table("autopilot"))
        config.notify = try readNotify(root, environment: environment)
        config.alerts = try readAlerts(root.table("alerts"))
        return config
    }

    static let minimumRefresh = Decimal(sign: .plus, exponent: -1, significand: 5)

    static let baseURLExpectation = "an http:// or https:// URL, like \"https://www.okx.com\""

    /// The URL without trailing slashes (paths are appended to it), or nil when it is not a plain http(s) URL.
    static func checkedBaseURL(_ text: String) -> String? {
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = parts.host, !host.isEmpty,
            parts.query == nil, parts.fragment == nil, parts.user == nil, parts.password == nil
        else { return nil }
        var cleaned = Substring(text)
        while cleaned.hasSuffix("/") { cleaned = cleaned.dropLast() }
        return String(cleaned)
    }

    /// A TOML syntax error with TOMLKit's line and column. When that line sets a secret, TOMLKit's text (which may
    /// quote part of the value) is replaced by a plain statement.
    static func syntaxError(_ failure: TOMLParseError, text: String, file: String) -> ConfigError {
        let line = failure.source.begin.line
        let lineText =
            text.split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst(max(0, line - 1)).first ?? ""
        let message =
            TableReader.secretKeys.contains { lineText.contains($0) }
            ? "invalid TOML on a line that sets a secret (not shown); write the value in double quotes"
            : "invalid TOML: " + failure.description
        return ConfigError(file: file, line: line, column: failure.source.begin.column, message: message)
    }
}
