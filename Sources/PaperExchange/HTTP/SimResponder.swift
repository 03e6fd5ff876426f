import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// The request context: Hummingbird's core storage plus the channel, which a dropped reply closes.
struct SimRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Set when the server stops, so stalled replies give up instead of holding the shutdown.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isSet: Bool { flag.load(ordering: .relaxed) }

    func set() { flag.store(true, ordering: .relaxed) }
}

/// The thrown value that makes Hummingbird give up on a request whose connection was closed on purpose.
struct DroppedConnection: Error {}

/// Adapts Hummingbird to ``ExchangeService``: raw target and body in, JSON out; drops close the channel.
struct SimResponder: HTTPResponder {
    let service: ExchangeService
    let stop: StopFlag

    private static let names: [(String, HTTPField.Name)] = [
        "ok-access-key", "ok-access-sign", "ok-access-timestamp", "ok-access-passphrase", "x-simulated-trading",
        "content-type",
    ].compactMap { name in HTTPField.Name(name).map { (name, $0) } }

    func respond(to request: Request, context: SimRequestContext) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: 1 << 20)
        } catch {
            return SimResponder.response(
                .json(Envelope.make(code: "50000", msg: "Request body too large", rows: []), status: 413))
        }
        var headers: [String: String] = [:]
        for (key, name) in SimResponder.names {
            if let value = request.headers[name] { headers[key] = value }
        }
        let simRequest = SimRequest(
            method: request.method.rawValue, target: request.uri.string, headers: headers,
            body: Array(buffer: body), remoteAddress: context.channel.remoteAddress?.ipAddress ?? "")
        let reply = service.handle(simRequest)
        if reply.delayMs > 0 { await pause(milliseconds: reply.delayMs) }
        if reply.drop {
            // Closing the channel first makes the reply Hummingbird then tries to write fail: the client sees the
            // connection end with no response at all.
            try? await context.channel.close()
            throw DroppedConnection()
        }
        return SimResponder.response(reply)
    }

    private static func response(_ reply: SimResponse) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }

    /// Sleeps, in short steps so a stopping server is not held up by a stalled reply.
    private func pause(milliseconds: Int) async {
        var left = milliseconds
        while left > 0, !stop.isSet {
            let step = min(left, 50)
            try? await Task.sleep(for: .milliseconds(step))
            left -= step
        }
    }
}
