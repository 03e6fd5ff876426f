import Foundation

/// Where okx-anchor keeps its files, after the XDG base directory rules, all worked out from a given environment
/// so that tests need not touch the real home folder.
///
/// An XDG variable counts only when it holds an absolute path, as the XDG specification says; otherwise the
/// fallback under `$HOME` applies.
public struct ConfigPaths: Sendable, Hashable {
    /// The home folder: `$HOME`, else the account's home folder from the system.
    public let home: String
    private let environment: [String: String]

    /// Reads `HOME`, `XDG_CONFIG_HOME`, `XDG_STATE_HOME` and `XDG_DATA_HOME` from `environment`.
    public init(environment: [String: String]) {
        self.environment = environment
        if let home = environment["HOME"], !home.isEmpty {
            self.home = home
        } else {
            self.home = FileManager.default.homeDirectoryForCurrentUser.path
        }
    }

    /// `$XDG_CONFIG_HOME/okx-anchor`, else `~/.config/okx-anchor`.
    public var configDirectory: String { base("XDG_CONFIG_HOME", fallback: ".config") + "/okx-anchor" }

    /// `$XDG_STATE_HOME/okx-anchor`, else `~/.local/state/okx-anchor`: the database lives here.
    public var stateDirectory: String { base("XDG_STATE_HOME", fallback: ".local/state") + "/okx-anchor" }

    /// `$XDG_DATA_HOME/okx-anchor`, else `~/.local/share/okx-anchor`: user themes live here.
    public var dataDirectory: String { base("XDG_DATA_HOME", fallback: ".local/share") + "/okx-anchor" }

    /// The config file read when no `--config` is given.
    public var configFile: String { configDirectory + "/config.toml" }

    /// The SQLite file used when the config names none.
    public var defaultDatabase: String { stateDirectory + "/anchor.sqlite" }

    /// `~` and `~/…` become the home folder; anything else, `~user` included, is returned unchanged.
    public func expandingTilde(_ path: String) -> String {
        if path == "~" { return joined(home, "") }
        guard path.hasPrefix("~/") else { return path }
        return joined(home, String(path.dropFirst(2)))
    }

    /// `path` with `~` expanded, and made absolute against `folder` when it is relative.
    public func resolve(_ path: String, relativeTo folder: String) -> String {
        let expanded = expandingTilde(path)
        if expanded.hasPrefix("/") { return expanded }
        return joined(folder, expanded)
    }

    private func base(_ variable: String, fallback: String) -> String {
        if let value = environment[variable], value.hasPrefix("/") {
            return trimmingTrailingSlashes(value)
        }
        return joined(home, fallback)
    }

    private func joined(_ folder: String, _ name: String) -> String {
        let head = trimmingTrailingSlashes(folder)
        return name.isEmpty ? (head.isEmpty ? "/" : head) : head + "/" + name
    }

    private func trimmingTrailingSlashes(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return path == "/" ? "" : String(path)
    }
}
