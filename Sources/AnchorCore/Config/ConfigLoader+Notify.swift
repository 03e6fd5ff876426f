import Foundation
import OKX

extension ConfigLoader {
    static let notifyCommonKeys = ["kind", "events", "min_interval"]
    static let alertsKeys = ["account_down_after", "liquidation_warn"]

    /// The keys each kind takes besides the common ones.
    static func notifyKeys(_ kind: NotifyKind) -> [String] {
        switch kind {
        case .telegram: ["bot_token", "bot_token_env", "chat_id", "api_base"]
        case .feishu, .lark, .dingtalk: ["url", "secret", "secret_env"]
        case .webhook, .wecom, .slack, .discord: ["url"]
        }
    }

    /// The `[[notify]]` tables, in order; none is fine (no alerts are sent).
    static func readNotify(_ root: TableReader, environment: [String: String]) throws(ConfigError) -> [NotifyChannel] {
        guard let node = root.value("notify") else { return [] }
        guard case .array(let items) = node else {
            throw root.error("notify", "expected [[notify]] tables, found \(node.kindName)")
        }
        var channels: [NotifyChannel] = []
        for (index, item) in items.enumerated() {
            let itemPath = "notify[\(index)]"
            guard case .table(let entries) = item else {
                throw root.error(itemPath, "expected a [[notify]] table, found \(item.kindName)")
            }
            let reader = TableReader(source: root.source, path: itemPath, entries: entries)
            let kinds = NotifyKind.allCases.map(\.rawValue)
            guard let kindText = try reader.choice("kind", kinds), let kind = NotifyKind(rawValue: kindText) else {
                let list = kinds.map { "\"\($0)\"" }.joined(separator: ", ")
                throw reader.error("kind", "required key is missing (one of \(list))")
            }
            try reader.rejectUnknownKeys(notifyCommonKeys + notifyKeys(kind))
            var channel = NotifyChannel(kind: kind, index: index, url: "")
            channel.events = try notifyEvents(reader) ?? channel.events
            channel.minInterval =
                try reader.duration(
                    "min_interval", expected: "a duration, 0 or more, like \"0s\", \"2s\" or \"1m\"",
                    accepts: { $0 >= .zero }) ?? .zero
            switch kind {
            case .telegram:
                channel.botToken = try credential(reader, "bot_token", environment: environment)
                guard let chat = reader.value("chat_id") else {
                    throw reader.error("chat_id", "required key is missing (the chat's id, or \"@channelname\")")
                }
                switch chat {
                case .integer(let number): channel.chatId = String(number)
                case .string(let text) where !text.isEmpty: channel.chatId = text
                default: throw reader.mismatch("chat_id", "a chat id (a number) or \"@channelname\"", chat)
                }
                channel.url = try notifyURL(reader, "api_base") ?? "https://api.telegram.org"
            default:
                guard let url = try notifyURL(reader, "url") else {
                    throw reader.error("url", "required key is missing (the \(kind.rawValue) webhook's URL)")
                }
                channel.url = url
                if reader.has("secret") || reader.has("secret_env") {
                    channel.secret = try credential(reader, "secret", environment: environment)
                }
            }
            channels.append(channel)
        }
        return channels
    }

    /// An http(s) URL. Its value is never quoted back: a webhook URL holds the bot's token.
    private static func notifyURL(_ reader: TableReader, _ key: String) throws(ConfigError) -> String? {
        guard let node = reader.value(key) else { return nil }
        guard case .string(let text) = node, let parts = URLComponents(string: text),
            let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = parts.host, !host.isEmpty
        else { throw reader.error(key, "expected an http:// or https:// URL, found \(node.kindName) (not shown)") }
        var cleaned = Substring(text)
        if key == "api_base" { while cleaned.hasSuffix("/") { cleaned = cleaned.dropLast() } }
        return String(cleaned)
    }

    private static func notifyEvents(_ reader: TableReader) throws(ConfigError) -> Set<AlertKind>? {
        guard let node = reader.value("events") else { return nil }
        let names = AlertKind.allCases.filter { $0 != .test }.map(\.rawValue)
        let expected = "a list of events from " + names.joined(separator: ", ")
        guard case .array(let items) = node else { throw reader.mismatch("events", expected, node) }
        var events: Set<AlertKind> = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item, let kind = AlertKind(rawValue: text), kind != .test else {
                throw reader.mismatch("events[\(index)]", "one of " + names.joined(separator: ", "), item)
            }
            events.insert(kind)
        }
        return events
    }

    /// `[alerts]`, each absent key from `AlertSettings.houseDefault`.
    static func readAlerts(_ table: TableReader) throws(ConfigError) -> AlertSettings {
        try table.rejectUnknownKeys(alertsKeys)
        var settings = AlertSettings.houseDefault
        settings.accountDownAfter =
            try table.integer(
                "account_down_after", expected: "a whole number of polls, 1 or more", accepts: { $0 >= 1 })
            ?? settings.accountDownAfter
        settings.liquidationWarn =
            try table.decimal(
                "liquidation_warn", expected: "a share above 0 and below 1, like 0.02 for 2 %",
                accepts: { $0 > 0 && $0 < 1 }) ?? settings.liquidationWarn
        return settings
    }

    /// Whether a `[[notify]]` table writes a webhook URL inline: for most services the URL is the credential, so
    /// it counts as a secret for the mode-600 rule (`bot_token` and `secret` already do, as secret keys).
    static func notifyHoldsInlineSecrets(_ root: TableReader) -> Bool {
        !notifyURLs(root).isEmpty
    }

    /// The webhook URLs of the `[[notify]]` tables (not Telegram's API base), so that no error quotes one.
    static func notifyURLs(_ root: TableReader) -> [String] {
        guard case .array(let items)? = root.value("notify") else { return [] }
        return items.compactMap { item -> String? in
            guard case .table(let entries) = item,
                case .string(let url)? = entries.first(where: { $0.key == "url" })?.value, url.count >= 4
            else { return nil }
            return url
        }
    }
}
