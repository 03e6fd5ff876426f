public import OKX

/// One request as the loopback server read it off the wire.
public struct LoopbackRequest: Sendable {
    /// The method, as sent.
    public var method: String
    /// The request target exactly as received, e.g. `/api/v5/market/tickers?instId=A%2CB`.
    public var target: String
    /// The protocol version from the request line, e.g. `HTTP/1.1`.
    public var version: String
    /// Every header line in order, names as spelled, values without surrounding spaces.
    public var headers: [HTTPHeader]
    /// The body's raw bytes.
    public var body: [UInt8]
    /// Which connection it came on: 1 for the first the server accepted, and so on.
    public var connectionID: Int
    /// Its place among all requests the server read: 1 for the first.
    public var sequence: Int

    /// A request with every field given, for tests that build one by hand.
    public init(
        method: String, target: String, version: String, headers: [HTTPHeader], body: [UInt8], connectionID: Int,
        sequence: Int
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.connectionID = connectionID
        self.sequence = sequence
    }

    /// The target before any `?`.
    public var path: String {
        String(target.prefix { $0 != "?" })
    }

    /// The raw query after `?`, or nil when there is none.
    public var query: String? {
        target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every header with this name, compared case-insensitively.
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}
