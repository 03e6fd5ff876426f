public import OKX

/// What the loopback server does with one request: answer it properly, or misbehave on purpose.
public struct LoopbackReply: Sendable {
    /// How the reply goes on the wire.
    public enum Behaviour: Sendable, Hashable {
        /// Status, headers, body with a correct `Content-Length`; the connection stays open for the next request.
        case respond
        /// As `.respond`, with `Connection: close`, then the server closes the connection.
        case respondThenClose
        /// Status, headers and body without `Content-Length`; the server closes to end the body (HTTP/1.0 style).
        case respondWithoutLengthThenClose
        /// Declares this `Content-Length` (larger than the body), sends the body, then closes.
        case truncate(declaredLength: Int)
        /// Sends nothing and keeps the connection open until the client leaves or the server stops.
        case stall
        /// Closes the connection without sending a byte.
        case drop
        /// Sends exactly these bytes instead of a built reply, then closes or keeps the connection.
        case raw([UInt8], thenClose: Bool)
    }

    /// The HTTP status code.
    public var status: Int
    /// Sent in order as given; a `Content-Length` here is ignored, the server writes its own.
    public var headers: [HTTPHeader]
    /// The body bytes, sent as they are.
    public var body: [UInt8]
    /// Waited before anything is sent, while the request counts as in flight.
    public var delay: Duration
    /// How the reply goes on the wire, or fails to.
    public var behaviour: Behaviour

    /// A reply that by default answers 200 with no body and keeps the connection open.
    public init(
        status: Int = 200, headers: [HTTPHeader] = [], body: [UInt8] = [], delay: Duration = .zero,
        behaviour: Behaviour = .respond
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.behaviour = behaviour
    }

    /// A reply with a text body of the given content type.
    public static func text(
        _ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8"
    ) -> LoopbackReply {
        LoopbackReply(status: status, headers: [HTTPHeader("Content-Type", contentType)], body: Array(text.utf8))
    }

    /// A reply with a JSON body, sent as given (it need not be valid JSON).
    public static func json(_ text: String, status: Int = 200) -> LoopbackReply {
        .text(text, status: status, contentType: "application/json")
    }

    /// Never answers.
    public static let stall = LoopbackReply(behaviour: .stall)

    /// Closes the connection without answering.
    public static let drop = LoopbackReply(behaviour: .drop)

    /// Promises `declaredLength` bytes of body, sends only `body`, then closes.
    public static func truncated(_ body: [UInt8], declaredLength: Int) -> LoopbackReply {
        LoopbackReply(body: body, behaviour: .truncate(declaredLength: declaredLength))
    }

    /// Sends these bytes as they are: for replies no well-behaved server would give.
    public static func raw(_ bytes: [UInt8], thenClose: Bool = true) -> LoopbackReply {
        LoopbackReply(behaviour: .raw(bytes, thenClose: thenClose))
    }

    /// The same reply after waiting `delay`.
    public func delayed(by delay: Duration) -> LoopbackReply {
        var reply = self
        reply.delay = delay
        return reply
    }

    /// The same reply, then the server closes the connection.
    public func closingConnection() -> LoopbackReply {
        var reply = self
        reply.behaviour = .respondThenClose
        return reply
    }
}
