import Foundation
import OKX

/// Reads the keys of one TOML table with their types and ranges, and turns every failure into a `ConfigError`
/// that names the file, the line and the key path.
///
/// Each check says what it expected and what it found, `expected a number from 1 to 125, found "ten"`, except that
/// the value of a secret key is only ever described by its kind.
struct TableReader {
    /// The file name and where its keys are, shared by every table of one document.
    struct Source {
        let file: String
        let locator: KeyLocator
    }

    /// Keys whose values are secrets (or, for `api_key`, half of one) and so are never quoted in a message.
    /// `bot_token` and `secret` are a `[[notify]]` channel's (issue 15).
    static let secretKeys: Set<String> = ["api_key", "secret_key", "passphrase", "bot_token", "secret"]

    let source: Source
    /// `""` for the top level, else e.g. `policy` or `accounts[1]`.
    let path: String
    let entries: [(key: String, value: TOMLNode)]

    init(source: Source, path: String, entries: [(key: String, value: TOMLNode)]) {
        self.source = source
        self.path = path
        self.entries = entries
    }

    /// A reader for the table under `key`; an absent key reads as an empty table, so every key takes its default.
    func table(_ key: String) throws(ConfigError) -> TableReader {
        let childPath = keyPath(key)
        switch value(key) {
        case nil: return TableReader(source: source, path: childPath, entries: [])
        case .table(let entries)?: return TableReader(source: source, path: childPath, entries: entries)
        case let other?: throw error(key, "expected a table ([\(childPath)]), found \(other.kindName)")
        }
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func value(_ key: String) -> TOMLNode? { entries.first { $0.key == key }?.value }

    func has(_ key: String) -> Bool { value(key) != nil }

    /// An error at `key` (its line, or its table's header line when the key is absent), or at the table itself.
    func error(_ key: String?, _ message: String) -> ConfigError {
        let fullPath = key.map(keyPath) ?? path
        return ConfigError(
            file: source.file, line: source.locator.line(of: fullPath), keyPath: fullPath.isEmpty ? nil : fullPath,
            message: message)
    }

    /// `expected …, found …`, with a secret described by its kind only.
    func mismatch(_ key: String, _ expected: String, _ found: TOMLNode) -> ConfigError {
        let shown = Self.secretKeys.contains(key) ? found.kindName : found.shownText
        return error(key, "expected \(expected), found \(shown)")
    }

    /// Refuses any key not in `known`, suggesting the nearest known one, because a misspelt policy key silently
    /// ignored would trade with the wrong policy.
    func rejectUnknownKeys(_ known: [String]) throws(ConfigError) {
        func line(_ key: String) -> Int { source.locator.line(of: keyPath(key)) ?? 0 }
        // The first by line, so the message points at the earliest mistake in the file.
        guard let key = entries.map(\.key).filter({ !known.contains($0) }).min(by: { line($0) < line($1) }) else {
            return
        }
        let nearest = known.map { ($0, Self.editDistance($0, key)) }.min { $0.1 < $1.1 }
        var message = "unknown key"
        if let (name, distance) = nearest, distance <= 2 { message += " (did you mean \(name)?)" }
        throw error(key, message)
    }

    /// A required key's value, or an error at the table's header.
    func required(_ key: String, hint: String = "") throws(ConfigError) -> TOMLNode {
        guard let node = value(key) else { throw error(key, "required key is missing" + hint) }
        return node
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let node = value(key) else { return nil }
        guard case .boolean(let flag) = node else { throw mismatch(key, "true or false", node) }
        return flag
    }

    /// A string that is not empty nor only spaces.
    func string(_ key: String, expected: String) throws(ConfigError) -> String? {
        guard let node = value(key) else { return nil }
        guard case .string(let text) = node, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw mismatch(key, expected, node)
        }
        return text
    }

    /// One of `choices`, e.g. `"main"` or `"sub"`.
    func choice(_ key: String, _ choices: [String]) throws(ConfigError) -> String? {
        guard let node = value(key) else { return nil }
        guard case .string(let text) = node, choices.contains(text) else {
            let expected = choices.map { "\"\($0)\"" }.joined(separator: " or ")
            throw mismatch(key, expected, node)
        }
        return text
    }

    /// A TOML integer or float as an exact `Decimal` within `accepts`.
    func decimal(_ key: String, expected: String, accepts: (Decimal) -> Bool) throws(ConfigError) -> Decimal? {
        guard let node = value(key) else { return nil }
        guard let number = Self.decimal(node), accepts(number) else { throw mismatch(key, expected, node) }
        return number
    }

    /// A TOML integer (not a float) within `accepts`.
    func integer(_ key: String, expected: String, accepts: (Int) -> Bool) throws(ConfigError) -> Int? {
        guard let node = value(key) else { return nil }
        guard case .integer(let number) = node, accepts(number) else { throw mismatch(key, expected, node) }
        return number
    }

    /// A duration string (`"30s"`, `"1h30m"`) or a bare number of seconds, within `accepts`.
    func duration(_ key: String, expected: String, accepts: (Duration) -> Bool) throws(ConfigError) -> Duration? {
        guard let node = value(key) else { return nil }
        let parsed: Duration? =
            switch node {
            case .string(let text): DurationText.parse(text)
            case .integer, .float: Self.decimal(node).flatMap(DurationText.duration(seconds:))
            default: nil
            }
        guard let parsed, accepts(parsed) else { throw mismatch(key, expected, node) }
        return parsed
    }

    /// A float goes through its shortest text (`-0.1` stays −0.1 exactly); `Decimal(Double)` would give
    /// -0.1000000000000000512.
    static func decimal(_ node: TOMLNode) -> Decimal? {
        switch node {
        case .integer(let number): return Decimal(number)
        case .float(let number) where number.isFinite:
            return OKXDecimal.parse(String(number))
        default: return nil
        }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}
