public import AnchorStore
public import Foundation
import OKX

/// One event worth a message, with everything the message says. Holds no secret: only names, numbers and the
/// exchange's own error texts.
public struct Alert: Sendable, Hashable {
    public var kind: AlertKind
    /// `LIVE`, `DEMO` or `SIMULATED TRADING`.
    public var environment: String
    public var account: String?
    public var instId: String?
    /// OKX's posSide (`long`, `short`, `net`).
    public var side: String?
    /// The numbers that matter, in order, e.g. `profit_rate` → `-10.2%`.
    public var facts: [Fact]
    /// A line of detail: an action's outcome, an account's error.
    public var detail: String?
    public var time: Date
    /// Unique per event across processes (see `AlertDraft.dedupKey`).
    public var dedupKey: String

    /// One named number.
    public struct Fact: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        kind: AlertKind, environment: String, account: String? = nil, instId: String? = nil, side: String? = nil,
        facts: [Fact] = [], detail: String? = nil, time: Date, dedupKey: String
    ) {
        self.kind = kind
        self.environment = environment
        self.account = account
        self.instId = instId
        self.side = side
        self.facts = facts
        self.detail = detail
        self.time = time
        self.dedupKey = dedupKey
    }

    /// The environment's label from how the process runs.
    public static func environmentLabel(demo: Bool, simulatedTrading: Bool) -> String {
        demo ? "DEMO" : (simulatedTrading ? "SIMULATED TRADING" : "LIVE")
    }

    /// What makes two alerts "identical" for coalescing.
    public var signature: String {
        [kind.rawValue, account ?? "", instId ?? "", side ?? ""].joined(separator: "|")
    }

    /// The webhook's JSON object, `okx-anchor.alert.v1` (docs/NOTIFY.md), its `text` in `language`. `count` is
    /// last, and always 1 here: a coalesced delivery says how many alerts it stands for (`AlertMessage.payload`).
    public func payload(_ language: Language) -> String {
        var root = JSONObject()
        root["schema"] = .string("okx-anchor.alert.v1")
        root["kind"] = .string(kind.rawValue)
        root["environment"] = .string(environment)
        root["time"] = .string(JSONReport.timestamp(time))
        root["account"] = .optionalString(account)
        root["inst_id"] = .optionalString(instId)
        root["side"] = .optionalString(side)
        root["facts"] = .object(JSONObject(facts.map { ($0.name, .string($0.value)) }))
        root["detail"] = .optionalString(detail)
        root["lang"] = .string(language.rawValue)
        root["text"] = .string(text(language))
        root["count"] = .int(1)
        return root.text
    }

    /// The row the store keeps, with the message in `language`.
    public func draft(language: Language) -> AlertDraft {
        AlertDraft(
            dedupKey: dedupKey, kind: kind.rawValue, signature: signature, createdAt: time, text: text(language),
            payload: payload(language))
    }
}

/// A message as a channel sends it: one alert, or several identical ones coalesced.
public struct AlertMessage: Sendable, Hashable {
    public var text: String
    /// The stored webhook JSON of the first alert.
    public var storedPayload: String
    public var count: Int

    public init(text: String, storedPayload: String, count: Int = 1) {
        self.text = text
        self.storedPayload = storedPayload
        self.count = count
    }

    /// The text with the count when it stands for more than one alert: `… (×3)`.
    public var shownText: String { count > 1 ? "\(text) (×\(count))" : text }

    /// The webhook JSON with its `count`.
    public var payload: String {
        let suffix = "\"count\":1}"
        guard count > 1, storedPayload.hasSuffix(suffix) else { return storedPayload }
        return String(storedPayload.dropLast(suffix.count)) + "\"count\":\(count)}"
    }
}
