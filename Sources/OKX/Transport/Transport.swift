internal import Foundation

/// An HTTP method the OKX client uses.
public enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET"
    case post = "POST"
}

/// One header line, kept in order and with its spelling.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A request as it goes on the wire: the URL's target and the body are sent byte for byte.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// Absolute URL, e.g. `http://127.0.0.1:8080/api/v5/account/positions?instType=SWAP`.
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// Overrides the transport's total timeout for this request.
    public var timeout: Duration?

    public init(
        method: HTTPMethod, url: String, headers: [HTTPHeader] = [], body: [UInt8] = [], timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// A complete response. Any status is a response; only a failure to get one is a `TransportError`.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Moves requests to a server and responses back. The real one is libcurl; tests use an in-memory fake.
///
/// Implementations throw `TransportError` only; never retry on their own (the OKX client decides, because a
/// POST must not be sent twice).
public protocol Transport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Sends every request at once and returns each one's outcome, in order, when all have ended. The default
    /// sends each through `send`, concurrently; libcurl's hands them to its thread together and wakes the caller
    /// once, instead of once per request.
    func sendAll(_ requests: [HTTPRequest]) async -> [Result<HTTPResponse, TransportError>]
}

extension Transport {
    public func sendAll(_ requests: [HTTPRequest]) async -> [Result<HTTPResponse, TransportError>] {
        await withTaskGroup(of: (Int, Result<HTTPResponse, TransportError>).self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask {
                    do {
                        return (index, .success(try await send(request)))
                    } catch let error as TransportError {
                        return (index, .failure(error))
                    } catch {
                        return (index, .failure(TransportError(.other, "\(error)")))
                    }
                }
            }
            var results = [Result<HTTPResponse, TransportError>?](repeating: nil, count: requests.count)
            for await (index, result) in group { results[index] = result }
            return results.map { $0 ?? .failure(TransportError(.cancelled)) }
        }
    }
}

/// Settings of the libcurl transport.
///
/// TLS is always verified for `https://`: against the system's CA store, or `caFile` for a private CA. There is
/// no switch to turn verification off; tests make a CA of their own and pass it as `caFile`.
public struct TransportOptions: Sendable, Hashable {
    /// Time allowed to open a connection (TCP and TLS).
    public var connectTimeout: Duration
    /// Time allowed for a whole request, from start to the last byte of the response.
    public var totalTimeout: Duration
    /// A response body larger than this is refused (`TransportError.Kind.responseTooLarge`).
    public var maxResponseBytes: Int
    /// Idle connections kept open for reuse (never fewer than `maxConnectionsPerHost`, so a poll's connections
    /// all stay warm for the next one).
    public var maxCachedConnections: Int
    /// Connections open to one host at most; requests beyond them wait for one to be free. Over HTTP/2 (OKX over
    /// TLS) requests share a connection and this is rarely reached; over HTTP/1.1 (the paper exchange) one
    /// connection carries one request at a time, so a poll of a thousand accounts (two thousand requests) goes
    /// out in waves of this many, on the same warm connections every cycle, instead of opening two thousand
    /// (each a file descriptor, and more than a default limit of 1,024 allows).
    public var maxConnectionsPerHost: Int
    /// The proxy every request goes through (`http://`, `https://` or `socks5h://`, credentials allowed in the
    /// URL). `nil` leaves the choice to libcurl's environment variables (`http_proxy`, `https_proxy`,
    /// `HTTPS_PROXY`, `all_proxy`, `ALL_PROXY`, `no_proxy`, `NO_PROXY`); an empty string means no proxy at all,
    /// whatever the environment says. Loopback addresses never go through a proxy.
    public var proxy: String?
    /// A PEM file of CA certificates trusted instead of the system's, for the server and for an `https://`
    /// proxy.
    public var caFile: String?

    public init(
        connectTimeout: Duration = .seconds(5), totalTimeout: Duration = .seconds(10),
        maxResponseBytes: Int = 8 << 20, maxCachedConnections: Int = 256, maxConnectionsPerHost: Int = 256,
        proxy: String? = nil, caFile: String? = nil
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxResponseBytes = maxResponseBytes
        self.maxCachedConnections = maxCachedConnections
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.proxy = proxy
        self.caFile = caFile
    }
}

/// Why no response came back.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The connection could not be opened (refused, unreachable, DNS): the request was never sent.
        case couldNotConnect
        /// Opening the connection took longer than the connect timeout: the request was never sent.
        case connectTimeout
        /// The whole request took longer than the total timeout: the server may have acted on it.
        case timedOut
        /// The connection closed before a complete response arrived: the server may have acted on it.
        case connectionDropped
        /// The body was larger than `TransportOptions.maxResponseBytes`.
        case responseTooLarge
        /// The caller's task was cancelled.
        case cancelled
        /// TLS handshake or certificate verification failed: the request was never sent.
        case tls
        /// The request itself was malformed (bad URL).
        case invalidRequest
        /// Anything else libcurl reported.
        case other
    }

    public var kind: Kind
    /// What went wrong, in libcurl's or the fake's words.
    public var detail: String
    /// libcurl's `CURLcode`, when libcurl reported it.
    public var curlCode: Int?

    public init(_ kind: Kind, _ detail: String = "", curlCode: Int? = nil) {
        self.kind = kind
        self.detail = detail
        self.curlCode = curlCode
    }

    /// False only when the request certainly never reached the server; a POST that failed this way may be resent.
    public var mayHaveReachedServer: Bool {
        switch kind {
        case .couldNotConnect, .connectTimeout, .tls, .invalidRequest: false
        case .timedOut, .connectionDropped, .responseTooLarge, .cancelled, .other: true
        }
    }

    public var description: String {
        let what =
            switch kind {
            case .couldNotConnect: "could not connect"
            case .connectTimeout: "connect timed out"
            case .timedOut: "request timed out"
            case .connectionDropped: "connection dropped before the reply"
            case .responseTooLarge: "response too large"
            case .cancelled: "cancelled"
            case .tls: "TLS failure"
            case .invalidRequest: "invalid request"
            case .other: "transport error"
            }
        return detail.isEmpty ? what : "\(what): \(detail)"
    }
}
