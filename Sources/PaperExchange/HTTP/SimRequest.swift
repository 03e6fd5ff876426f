/// One HTTP request as the exchange sees it, independent of the server library: the raw target and body are
/// what the signature covers.
struct SimRequest: Sendable {
    /// `GET`, `POST`, …
    var method: String
    /// The raw request target as sent, e.g. `/api/v5/account/positions?instId=a%2Cb`.
    var target: String
    /// The headers the exchange reads, by lower-cased name.
    var headers: [String: String]
    /// The raw body bytes.
    var body: [UInt8]
    /// The peer's address, for per-IP limits.
    var remoteAddress: String

    /// The path part of the target.
    var path: Substring {
        target.firstIndex(of: "?").map { target[..<$0] } ?? target[...]
    }

    /// Query parameters, percent-decoded; the first value wins.
    var query: [String: String] {
        guard let mark = target.firstIndex(of: "?") else { return [:] }
        var result: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = SimRequest.percentDecode(parts[0])
            let value = parts.count > 1 ? SimRequest.percentDecode(parts[1]) : ""
            if result[key] == nil { result[key] = value }
        }
        return result
    }

    /// `%2C` → `,`; malformed escapes are kept as they are.
    static func percentDecode(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What the exchange answers: a status and a body, or a dropped connection, possibly after a delay.
struct SimResponse: Sendable {
    /// HTTP status.
    var status: Int
    /// JSON body.
    var body: String
    /// Close the connection without replying.
    var drop = false
    /// Hold the reply (or the drop) this long.
    var delayMs = 0

    /// A JSON reply.
    static func json(_ body: String, status: Int = 200) -> SimResponse {
        SimResponse(status: status, body: body)
    }

    /// OKX's error envelope with the rejection's status.
    static func rejection(_ rejection: ExchangeRejection) -> SimResponse {
        SimResponse(status: rejection.httpStatus, body: Envelope.error(rejection))
    }

    /// A dropped connection.
    static var dropped: SimResponse { SimResponse(status: 0, body: "", drop: true) }
}
