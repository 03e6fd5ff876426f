public import AnchorCore

extension Language {
    /// The dashboard's language: `--lang` first, then the config's `lang`, then the locale (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG` starting with `zh` give Chinese; anything else English).
    public static func forDashboard(flag: Language?, config: Language?, environment: [String: String]) -> Language {
        flag ?? config ?? Strings.language(fromEnvironment: environment)
    }
}
