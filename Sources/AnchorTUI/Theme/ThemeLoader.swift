import Foundation

/// The theme chosen, where it came from, and what went wrong on the way (shown to the user, never fatal).
public struct ThemeChoice: Sendable {
    /// The theme to use.
    public var theme: Theme
    /// The file it was read from, or `built-in`.
    public var source: String
    /// Set when the requested theme could not be used and another took its place.
    public var warning: String?
}

/// Finds themes by name in a list of directories, then among the built-in ones.
///
/// A broken or missing theme never stops the program: ``load(_:)`` falls back to the built-in `default` and says
/// why in ``ThemeChoice/warning``.
public struct ThemeLoader: Sendable {
    /// Searched in order; the first `NAME.toml` found wins over a built-in theme of the same name.
    public var directories: [String]

    /// A loader searching `directories` in order.
    public init(directories: [String]) {
        self.directories = directories
    }

    /// The names of the built-in themes, default first.
    public static var builtInNames: [String] { BuiltInThemes.files.map(\.name) }

    /// A built-in theme; nil for an unknown name.
    public static func builtIn(_ name: String) -> Theme? {
        guard let file = BuiltInThemes.files.first(where: { $0.name == name }) else {
            return nil
        }
        return try? Theme.parse(file.text, name: name, file: "built-in \(name).toml")
    }

    /// The theme everything falls back to: the built-in `default`.
    public static var fallback: Theme {
        builtIn("default") ?? Theme(name: "default", styles: [:])
    }

    /// Where themes live: `$XDG_DATA_HOME/okx-anchor/themes` (else `~/.local/share/okx-anchor/themes`), then
    /// `themes/` beside the executable, `../share/okx-anchor/themes` from it, and the `themes/` of a source checkout
    /// the executable was built in (a folder above it that holds `Package.swift`).
    public static func standardDirectories(environment: [String: String], executablePath: String?) -> [String] {
        var directories: [String] = []
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            directories.append(dataHome + "/okx-anchor/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.local/share/okx-anchor/themes")
        }
        if let executablePath {
            let binary = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            directories.append(binary.appendingPathComponent("themes").path)
            directories.append(
                binary.deletingLastPathComponent().appendingPathComponent("share/okx-anchor/themes").path)
            var folder = binary
            for _ in 0..<6 {
                folder = folder.deletingLastPathComponent()
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                    directories.append(folder.appendingPathComponent("themes").path)
                    break
                }
            }
        }
        return directories
    }

    /// The loader for this process: ``standardDirectories(environment:executablePath:)`` of its own environment
    /// and executable.
    public static func standard() -> ThemeLoader {
        ThemeLoader(
            directories: standardDirectories(
                environment: ProcessInfo.processInfo.environment, executablePath: Bundle.main.executablePath))
    }

    /// The theme called `name`, or read from `name` when it is a path (holds a `/` or ends in `.toml`).
    public func load(_ name: String) -> ThemeChoice {
        if name.contains("/") || name.hasSuffix(".toml") {
            let themeName = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            return loadFile(name, themeName: themeName)
        }
        for directory in directories {
            let path = directory + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: path) {
                return loadFile(path, themeName: name)
            }
        }
        if let theme = Self.builtIn(name) {
            return ThemeChoice(theme: theme, source: "built-in")
        }
        let known = availableNames().joined(separator: ", ")
        return ThemeChoice(
            theme: Self.fallback, source: "built-in",
            warning: "no theme named \"\(name)\" (themes: \(known)); using default")
    }

    /// Every theme name on offer: the built-in ones and the files in the directories, without repeats.
    public func availableNames() -> [String] {
        var names = Self.builtInNames
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files.sorted() where file.hasSuffix(".toml") {
                let name = String(file.dropLast(5))
                if !names.contains(name) {
                    names.append(name)
                }
            }
        }
        return names
    }

    private func loadFile(_ path: String, themeName: String) -> ThemeChoice {
        do {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ThemeError(file: path, message: "cannot be read as UTF-8 text (\(error.localizedDescription))")
            }
            let theme = try Theme.parse(text, name: themeName, file: path)
            return ThemeChoice(theme: theme, source: path)
        } catch let error as ThemeError {
            return ThemeChoice(theme: Self.fallback, source: "built-in", warning: "\(error); using default")
        } catch {
            return ThemeChoice(theme: Self.fallback, source: "built-in", warning: "\(error); using default")
        }
    }
}
