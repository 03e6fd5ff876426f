public import OKX

/// Which account of the fleet an entry is.
public enum AccountRole: String, Sendable, Hashable, Codable {
    case main
    case sub
}

/// One account of the fleet with its key.
public struct AccountConfig: Sendable, Hashable {
    /// The name shown on screen and used on the command line, e.g. "main" or "Wu666666". Unique in a config.
    public var name: String
    public var role: AccountRole
    public var credentials: Credentials
    /// Whether the policy acts on this account's positions (corrections, maintenance, the autopilot). An account
    /// that is not managed is watched: shown and totalled, never touched.
    public var manage: Bool

    /// - Parameter manage: nil takes the role's default (`AccountConfig.managedByDefault`).
    public init(name: String, role: AccountRole, credentials: Credentials, manage: Bool? = nil) {
        self.name = name
        self.role = role
        self.credentials = credentials
        self.manage = manage ?? Self.managedByDefault(role)
    }

    /// Sub-accounts are managed unless the config says otherwise; the main account is watched (the desk's old
    /// correction and maintenance daemons ran over the sub-accounts and only totalled the main account).
    public static func managedByDefault(_ role: AccountRole) -> Bool { role == .sub }
}

/// Screen language.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case en
    case zh
}

/// Everything a config file says, with the house defaults filled in.
public struct AppConfig: Sendable, Hashable {
    /// Any OKX-compatible base URL, e.g. `https://www.okx.com` or the paper exchange's `http://127.0.0.1:PORT`.
    public var baseURL: String
    /// Sends OKX's demo-trading header (`x-simulated-trading: 1`).
    public var simulatedTrading: Bool
    /// Seconds between polls.
    public var refreshSeconds: Double
    /// Accounts read a second at most: a fleet larger than `readsPerSecond × refreshSeconds` is read in turns.
    public var readsPerSecond: Double = AppConfig.defaultReadsPerSecond
    /// The SQLite file, with `~` already expanded.
    public var databasePath: String
    public var theme: String
    /// nil: from the locale.
    public var language: Language?
    /// Ring the terminal bell once when a position falls due or an action fails.
    public var bell: Bool
    /// Time allowed to open a connection.
    public var connectTimeout: Duration
    /// Time allowed for one whole request.
    public var requestTimeout: Duration
    /// Every request goes through this proxy (`http://`, `https://`, `socks5h://`); nil: libcurl's proxy
    /// environment variables decide; "": no proxy, whatever the environment says.
    public var proxy: String?
    /// CA certificates (PEM) trusted instead of the system's, for a private CA; with `~` expanded.
    public var caFile: String?
    public var accounts: [AccountConfig]
    public var policy: Policy
    public var autopilot: AutopilotSettings
    /// The `[[notify]]` channels alerts go to (issue 15; see Notify/).
    public var notify: [NotifyChannel] = []
    /// `[alerts]`: when an account counts as down, a position as near liquidation.
    public var alerts: AlertSettings = .houseDefault
    /// The file this came from, if any.
    public var sourcePath: String?

    /// Fifty accounts a second: a hundred at the default 2 s refresh are all read at every poll, a thousand in turns
    /// of 20 s (accounts near the trigger, failing or held by an action at every poll).
    public static let defaultReadsPerSecond: Double = 50

    public init(
        baseURL: String = "https://www.okx.com", simulatedTrading: Bool = false, refreshSeconds: Double = 2,
        databasePath: String, theme: String = "default", language: Language? = nil, bell: Bool = true,
        connectTimeout: Duration = .seconds(5), requestTimeout: Duration = .seconds(10), proxy: String? = nil,
        caFile: String? = nil, accounts: [AccountConfig] = [], policy: Policy = .houseDefault,
        autopilot: AutopilotSettings = .houseDefault,
        sourcePath: String? = nil
    ) {
        self.baseURL = baseURL
        self.simulatedTrading = simulatedTrading
        self.refreshSeconds = refreshSeconds
        self.databasePath = databasePath
        self.theme = theme
        self.language = language
        self.bell = bell
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.proxy = proxy
        self.caFile = caFile
        self.accounts = accounts
        self.policy = policy
        self.autopilot = autopilot
        self.sourcePath = sourcePath
    }
}
