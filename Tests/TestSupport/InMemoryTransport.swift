public import OKX
import Synchronization

/// A `Transport` that answers from a closure, with no network at all, and records every request.
public final class InMemoryTransport: Transport {
    public typealias Handler = @Sendable (HTTPRequest) async throws -> HTTPResponse

    private let handler: Handler
    private let recorded = Mutex<[HTTPRequest]>([])

    public init(handler: @escaping Handler) {
        self.handler = handler
    }

    /// Every request sent so far, oldest first.
    public var requests: [HTTPRequest] { recorded.withLock { $0 } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        recorded.withLock { $0.append(request) }
        return try await handler(request)
    }
}

extension HTTPResponse {
    /// A 200 reply with a JSON body, for fakes.
    public static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader("Content-Type", "application/json")], body: Array(text.utf8))
    }
}
