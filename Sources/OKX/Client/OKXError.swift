/// Anything that went wrong between asking OKX and getting a usable answer.
///
/// Carries what a trader, a log and the engine each need: the endpoint, the HTTP status, OKX's top-level code
/// and message, the per-item `sCode`/`sMsg` of order endpoints, or the transport failure; and a classification
/// that tells the engine whether it may retry, must find out what happened, or must stop.
public struct OKXError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the caller may do next.
    public enum Classification: String, Sendable, Hashable {
        /// A read that failed in passing: it may be sent again.
        case retryableRead
        /// A write whose outcome is unknown (timeout, dropped reply, 50004, 51149, 5xx on a POST): ask the
        /// exchange what happened before doing anything else. Never resend blindly.
        case unknownOutcome
        /// OKX's rate limit (50011, 429): nothing was done; wait, then try again.
        case rateLimited
        /// A definite answer: the request was refused or cannot work as sent.
        case final
    }

    /// `METHOD /api/v5/...`, without the query.
    public var endpoint: String
    public var method: HTTPMethod
    /// nil when no response came back.
    public var httpStatus: Int?
    /// OKX's top-level `code`, e.g. "51008" or "1" (all items failed).
    public var code: String?
    /// OKX's top-level `msg`, or what was wrong with the reply.
    public var message: String
    /// The item's `sCode` on order endpoints, authoritative when present.
    public var itemCode: String?
    public var itemMessage: String?
    /// Set when no usable response came back at all.
    public var transport: TransportError?
    /// Set when the reply could not be read (HTML page, truncated or malformed JSON, unknown shape).
    public var malformedReply: Bool

    public init(
        endpoint: String, method: HTTPMethod, httpStatus: Int? = nil, code: String? = nil, message: String = "",
        itemCode: String? = nil, itemMessage: String? = nil, transport: TransportError? = nil,
        malformedReply: Bool = false
    ) {
        self.endpoint = endpoint
        self.method = method
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
        self.itemCode = itemCode
        self.itemMessage = itemMessage
        self.transport = transport
        self.malformedReply = malformedReply
    }

    /// The most specific OKX code: the item's `sCode` when it carries one, else the top-level code.
    public var okxCode: String? {
        if let itemCode, itemCode != "0", !itemCode.isEmpty { return itemCode }
        return code
    }

    /// The code without a sub-code (`51008_1001` → `51008`).
    public var baseCode: String? {
        okxCode.map { code in code.split(separator: "_", maxSplits: 1).first.map(String.init) ?? code }
    }

    public var classification: Classification {
        if let transport {
            switch method {
            case .get: return transport.kind == .cancelled ? .final : .retryableRead
            case .post: return transport.mayHaveReachedServer ? .unknownOutcome : .final
            }
        }
        if let base = baseCode, Self.rateLimitCodes.contains(base) { return .rateLimited }
        if httpStatus == 429 { return .rateLimited }
        if let base = baseCode, Self.unknownOutcomeCodes.contains(base) {
            return method == .post ? .unknownOutcome : .retryableRead
        }
        if malformedReply || (httpStatus ?? 200) >= 500 || baseCode == "50001" {
            return method == .post ? .unknownOutcome : .retryableRead
        }
        return .final
    }

    /// OKX codes that mean "slow down; nothing was done".
    static let rateLimitCodes: Set<String> = ["50011", "50013", "50061", "51113", "51115"]
    /// OKX codes that mean "timed out; the outcome is unknown".
    static let unknownOutcomeCodes: Set<String> = ["50004", "51149"]

    /// One line a trader understands, e.g. `59301 margin adjustment exceeds the maximum: reduce less`.
    public var description: String {
        if let transport {
            return "\(transport) (\(endpoint))"
        }
        if malformedReply {
            let status = httpStatus.map { "HTTP \($0): " } ?? ""
            return "\(status)unreadable reply: \(message) (\(endpoint))"
        }
        let code = okxCode ?? (httpStatus.map { "HTTP \($0)" } ?? "error")
        let detail = [itemMessage, message].compactMap { $0 }.first { !$0.isEmpty }
        if let base = baseCode, let plain = Self.plainWords[base] {
            if let detail, !plain.lowercased().contains(detail.lowercased()), Self.showsDetail.contains(base) {
                return "\(code) \(plain) (\(detail))"
            }
            return "\(code) \(plain)"
        }
        return "\(code) \(detail ?? "refused by OKX") (\(endpoint))"
    }
}
