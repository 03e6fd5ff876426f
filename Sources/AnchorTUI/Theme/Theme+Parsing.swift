import TOMLKit

extension Theme {
    /// Reads a theme file's text.
    ///
    /// - Parameters:
    ///   - name: the name the theme is chosen by.
    ///   - file: the path to name in errors.
    /// - Throws: ``ThemeError`` naming the line and key of the first problem in the file.
    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(file: file, line: error.source.begin.line, message: error.description)
        } catch {
            throw ThemeError(file: file, message: "\(error)")
        }
        var problems: [ThemeError] = []
        func problem(_ path: [String], _ message: String) {
            problems.append(
                ThemeError(
                    file: file, line: TOMLKeyLocator.line(of: path, in: text), key: path.joined(separator: "."),
                    message: message))
        }

        var summary = ""
        var styles: [StyleRole: RoleStyle] = [:]
        for key in table.keys {
            switch key {
            case "summary":
                if let text = table[key]?.string {
                    summary = text
                } else {
                    problem([key], "must be a string")
                }
            case "roles":
                guard let roles = table[key]?.table else {
                    problem([key], "must be a table of role = { fg = ..., bg = ..., attrs = [...] }")
                    continue
                }
                for roleKey in roles.keys {
                    guard let role = StyleRole(rawValue: roleKey) else {
                        let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                        problem(["roles", roleKey], "is not a role; the roles are \(known)")
                        continue
                    }
                    guard let entry = roles[roleKey]?.table else {
                        problem(["roles", roleKey], "must be a table such as { fg = \"#d7dae0\", attrs = [\"bold\"] }")
                        continue
                    }
                    styles[role] = parseRole(entry, path: ["roles", roleKey], problem: problem)
                }
            default:
                problem([key], "is not a theme setting; a theme file holds summary and [roles]")
            }
        }
        if table["roles"] == nil && problems.isEmpty {
            problems.append(ThemeError(file: file, line: 1, key: "roles", message: "the [roles] table is missing"))
        }
        if let first = problems.min(by: { ($0.line ?? .max) < ($1.line ?? .max) }) {
            throw first
        }
        return Theme(name: name, summary: summary, styles: styles)
    }

    private static func parseRole(
        _ entry: TOMLTable, path: [String], problem: ([String], String) -> Void
    ) -> RoleStyle {
        var style = RoleStyle()
        for key in entry.keys {
            let keyPath = path + [key]
            switch key {
            case "fg", "bg":
                guard let text = entry[key]?.string, let color = ThemeColor(parsing: text) else {
                    let shown = entry[key]?.string.map { "\"\($0)\"" } ?? "this value"
                    problem(
                        keyPath,
                        "\(shown) is not a colour; use \"#rrggbb\", a name such as \"green\" or "
                            + "\"bright-red\", or \"default\"")
                    continue
                }
                if key == "fg" {
                    style.foreground = color
                } else {
                    style.background = color
                }
            case "attrs":
                guard let list = entry[key]?.array else {
                    problem(keyPath, "must be a list such as [\"bold\", \"underline\"]")
                    continue
                }
                for element in list {
                    guard let name = element.string, let attribute = TextAttributes(name: name) else {
                        let known = TextAttributes.named.map(\.name).joined(separator: ", ")
                        let shown = element.string.map { "\"\($0)\"" } ?? "this value"
                        problem(keyPath, "\(shown) is not an attribute; the attributes are \(known)")
                        continue
                    }
                    style.attributes.insert(attribute)
                }
            default:
                problem(keyPath, "is not a style setting; a role takes fg, bg and attrs")
            }
        }
        return style
    }
}
