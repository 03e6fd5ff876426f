/// A named set of styles, one per ``StyleRole``.
public struct Theme: Sendable, Hashable {
    /// The name it is chosen by (`--theme NAME`, `theme = "NAME"`): the file name without `.toml`.
    public var name: String
    /// One line for a theme list.
    public var summary: String
    /// The styles the theme defines. A role it leaves out is shown as `text`.
    public var styles: [StyleRole: RoleStyle]

    /// A theme; most come from ``Theme/parse(_:name:file:)``.
    public init(name: String, summary: String = "", styles: [StyleRole: RoleStyle]) {
        self.name = name
        self.summary = summary
        self.styles = styles
    }

    /// The style of `role`, falling back to `text`'s, then to the terminal's own colours.
    public func style(for role: StyleRole) -> RoleStyle {
        styles[role] ?? styles[.text] ?? RoleStyle()
    }

    /// The roles the theme does not define.
    public var missingRoles: [StyleRole] {
        StyleRole.allCases.filter { styles[$0] == nil }
    }

    /// The foreground `role` is drawn in, after inheritance.
    public func foreground(for role: StyleRole) -> ThemeColor {
        style(for: role).foreground ?? styles[.text]?.foreground ?? .terminalDefault
    }

    /// The background `role` is drawn on, after inheritance.
    public func background(for role: StyleRole) -> ThemeColor {
        style(for: role).background ?? styles[.background]?.background ?? .terminalDefault
    }
}
