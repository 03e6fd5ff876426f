public import Foundation

/// The services a `[[notify]]` table can name.
public enum NotifyKind: String, Sendable, Hashable, CaseIterable {
    case webhook
    case telegram
    case feishu
    case lark
    case dingtalk
    case wecom
    case slack
    case discord

    /// The least time between two messages to one channel of this kind, from each service's documented limit
    /// (docs/NOTIFY.md): Telegram about one message a second to a chat, DingTalk and WeCom 20 a minute, Slack one
    /// a second per webhook. A channel's `min_interval` may only make it longer.
    public var defaultSpacing: Duration {
        switch self {
        case .telegram, .slack: .seconds(1)
        case .dingtalk, .wecom: .seconds(3)
        case .feishu, .lark: .milliseconds(200)
        case .webhook, .discord: .zero
        }
    }
}

/// The events a message can be about; the names are those of `events = [...]` and of the webhook's `kind`.
public enum AlertKind: String, Sendable, Hashable, CaseIterable, Codable {
    case maintenanceDue = "maintenance_due"
    case actionStarted = "action_started"
    case actionCompleted = "action_completed"
    case actionFailed = "action_failed"
    case actionInterrupted = "action_interrupted"
    case accountDown = "account_down"
    case accountRecovered = "account_recovered"
    case liquidationNear = "liquidation_near"
    case daemonStarted = "daemon_started"
    case daemonStopped = "daemon_stopped"
    /// `okx-anchor notify --test`; always sent, whatever `events` says.
    case test
}

/// One `[[notify]]` table: where alerts go and which ones.
public struct NotifyChannel: Sendable, Hashable {
    public var kind: NotifyKind
    /// Its place among the `[[notify]]` tables, from 0: with the kind, the channel's name.
    public var index: Int
    /// The events sent to it.
    public var events: Set<AlertKind>
    /// The least time between two messages, on top of the service's own limit.
    public var minInterval: Duration
    /// The webhook URL; for Telegram the Bot API base (`https://api.telegram.org`). May hold a token: never shown.
    public var url: String
    /// Telegram's bot token. Secret.
    public var botToken: String?
    /// Telegram's chat: a number (`-1001234`) or `@channelname`.
    public var chatId: String?
    /// Feishu/Lark and DingTalk signing secret. Secret.
    public var secret: String?

    public init(
        kind: NotifyKind, index: Int = 0, events: Set<AlertKind> = Set(AlertKind.allCases),
        minInterval: Duration = .zero, url: String, botToken: String? = nil, chatId: String? = nil,
        secret: String? = nil
    ) {
        self.kind = kind
        self.index = index
        self.events = events
        self.minInterval = minInterval
        self.url = url
        self.botToken = botToken
        self.chatId = chatId
        self.secret = secret
    }

    /// How the channel is named in logs, the dashboard and `doctor`: `telegram#1` for the first table. Never the
    /// URL, which for most services is itself the credential.
    public var name: String { "\(kind.rawValue)#\(index + 1)" }

    /// Everything about this channel that must never be printed.
    public var secrets: [String] {
        var values = [botToken, secret].compactMap { $0 }
        if kind != .telegram { values.append(url) }
        // Also the URL's path and query alone, as a library error might quote them without the host.
        if kind != .telegram, let parts = URLComponents(string: url) {
            values.append(parts.percentEncodedPath)
            if let query = parts.percentEncodedQuery { values.append(query) }
        }
        return values.filter { $0.count >= 4 && $0 != "/" }.sorted { $0.count > $1.count }
    }

    /// The spacing this channel keeps between messages.
    public var spacing: Duration { max(kind.defaultSpacing, minInterval) }

    /// Whether alerts of `kind` go to this channel.
    public func wants(_ kind: AlertKind) -> Bool { kind == .test || events.contains(kind) }

    /// `text` with every secret of this channel replaced.
    public func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }
}

/// When the conditions that are alerted on count as met.
public struct AlertSettings: Sendable, Hashable {
    /// An account is "down" after more than this many polls in a row failed (unreachable or key refused).
    public var accountDownAfter: Int
    /// The margin is "near liquidation" when the mark is within this share of the liquidation price (0.02 = 2 %).
    public var liquidationWarn: Decimal

    public init(accountDownAfter: Int = 3, liquidationWarn: Decimal = Decimal(string: "0.02")!) {
        self.accountDownAfter = accountDownAfter
        self.liquidationWarn = liquidationWarn
    }

    public static let houseDefault = AlertSettings()
}
