public import Foundation
public import OKX

/// What a service's reply means for a delivery.
public enum DeliveryVerdict: Sendable, Hashable {
    case delivered
    /// Try again: a timeout, a 5xx, or the service's "too many requests"; after `after` when it said so.
    case retry(reason: String, after: Duration?)
    /// The service refused it for good (a bad token, a bad chat): retrying cannot help.
    case refused(reason: String)
}

/// Each service's request and the meaning of its reply, as documented (sources in docs/NOTIFY.md). Pure: the
/// time comes in, the request goes out.
public enum ChannelRequest {
    /// The request that sends `message` to `channel` at `now`.
    public static func make(_ channel: NotifyChannel, _ message: AlertMessage, now: Date) -> HTTPRequest {
        let text = message.shownText
        let json = [HTTPHeader("Content-Type", "application/json; charset=utf-8")]
        func post(_ url: String, _ body: String) -> HTTPRequest {
            HTTPRequest(method: .post, url: url, headers: json, body: Array(body.utf8))
        }
        switch channel.kind {
        case .webhook:
            return post(channel.url, message.payload)
        case .telegram:
            let chat = channel.chatId ?? ""
            let chatValue = Int64(chat) != nil ? chat : "\"" + JSONBody.escape(chat) + "\""
            let url = channel.url + "/bot" + (channel.botToken ?? "") + "/sendMessage"
            return post(url, "{\"chat_id\":\(chatValue),\"text\":\"\(JSONBody.escape(text))\"}")
        case .feishu, .lark:
            var body = "{"
            if let secret = channel.secret {
                let timestamp = String(Int64(now.timeIntervalSince1970.rounded(.down)))
                body +=
                    "\"timestamp\":\"\(timestamp)\",\"sign\":\"\(feishuSign(timestamp: timestamp, secret: secret))\","
            }
            body += "\"msg_type\":\"text\",\"content\":{\"text\":\"\(JSONBody.escape(text))\"}}"
            return post(channel.url, body)
        case .dingtalk:
            var url = channel.url
            if let secret = channel.secret {
                let timestamp = String(Int64((now.timeIntervalSince1970 * 1000).rounded(.down)))
                let sign = dingTalkSign(timestamp: timestamp, secret: secret)
                url += (url.contains("?") ? "&" : "?") + "timestamp=\(timestamp)&sign=\(sign)"
            }
            return post(url, "{\"msgtype\":\"text\",\"text\":{\"content\":\"\(JSONBody.escape(text))\"}}")
        case .wecom:
            return post(channel.url, "{\"msgtype\":\"text\",\"text\":{\"content\":\"\(JSONBody.escape(text))\"}}")
        case .slack:
            return post(channel.url, "{\"text\":\"\(JSONBody.escape(text))\"}")
        case .discord:
            return post(channel.url, "{\"content\":\"\(JSONBody.escape(text))\"}")
        }
    }

    /// Feishu/Lark: base64(HMAC-SHA256(key: timestamp + "\n" + secret, message: empty)), timestamp in seconds.
    public static func feishuSign(timestamp: String, secret: String) -> String {
        let key = Array((timestamp + "\n" + secret).utf8)
        return Data(RequestSigner.hmacSHA256(key: key, message: [])).base64EncodedString()
    }

    /// DingTalk: urlencode(base64(HMAC-SHA256(key: secret, message: timestamp + "\n" + secret))), timestamp in ms.
    public static func dingTalkSign(timestamp: String, secret: String) -> String {
        let mac = RequestSigner.hmacSHA256(key: Array(secret.utf8), message: Array((timestamp + "\n" + secret).utf8))
        let base64 = Data(mac).base64EncodedString()
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return base64.addingPercentEncoding(withAllowedCharacters: allowed) ?? base64
    }

    /// What the reply means. Bodies are read as each service documents them; an unreadable 200 from a service that
    /// answers JSON is a refusal with the body quoted (cut short).
    public static func verdict(_ kind: NotifyKind, _ response: HTTPResponse) -> DeliveryVerdict {
        let status = response.status
        let body = String(decoding: response.body, as: UTF8.self)
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        let retryAfterHeader = response.header("Retry-After").flatMap(Double.init).map(seconds)
        let shown = body.count > 200 ? String(body.prefix(200)) + "…" : body
        if status == 429 {
            var after = retryAfterHeader
            if let parameters = object?["parameters"] as? [String: Any], let wait = number(parameters["retry_after"]) {
                after = seconds(wait)
            }
            if kind == .discord, let wait = number(object?["retry_after"]) { after = seconds(wait) }
            return .retry(reason: "HTTP 429 too many requests", after: after)
        }
        if status >= 500 { return .retry(reason: "HTTP \(status)", after: retryAfterHeader) }
        guard (200..<300).contains(status) else {
            let described = (object?["description"] as? String) ?? (object?["message"] as? String) ?? shown
            return .refused(reason: "HTTP \(status): \(described)")
        }
        switch kind {
        case .webhook, .discord:
            return .delivered
        case .slack:
            return body == "ok" || body.isEmpty ? .delivered : .refused(reason: "Slack answered \(shown)")
        case .telegram:
            if object?["ok"] as? Bool == true { return .delivered }
            return .refused(reason: "Telegram: \((object?["description"] as? String) ?? shown)")
        case .feishu, .lark:
            guard let code = number(object?["code"] ?? object?["StatusCode"]) else {
                return .refused(reason: "\(kind.rawValue) answered \(shown)")
            }
            let message = (object?["msg"] as? String) ?? (object?["StatusMessage"] as? String) ?? ""
            if code == 0 { return .delivered }
            if code == 9499 || code == 11232 {
                return .retry(reason: "\(kind.rawValue) code \(Int(code)) (too many requests)", after: nil)
            }
            return .refused(reason: "\(kind.rawValue) code \(Int(code)): \(message)")
        case .dingtalk, .wecom:
            guard let code = number(object?["errcode"]) else {
                return .refused(reason: "\(kind.rawValue) answered \(shown)")
            }
            let message = (object?["errmsg"] as? String) ?? ""
            if code == 0 { return .delivered }
            if (kind == .dingtalk && code == 130101) || (kind == .wecom && code == 45009) {
                return .retry(reason: "\(kind.rawValue) errcode \(Int(code)) (too many requests)", after: nil)
            }
            return .refused(reason: "\(kind.rawValue) errcode \(Int(code)): \(message)")
        }
    }

    private static func number(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber: number.doubleValue
        case let text as String: Double(text)
        default: nil
        }
    }

    private static func seconds(_ value: Double) -> Duration {
        .milliseconds(Int64(max(0, min(value, 3600)) * 1000))
    }
}
