import AnchorStore
import Foundation
import Logging
import OKX
import Synchronization
import TestSupport

@testable import AnchorCore

#if canImport(Glibc)
    import Glibc
#endif

/// Loopback receivers, workers and a clock pump for the alert tests.
enum NotifyTestKit {
    static let transport = CurlTransport(
        options: TransportOptions(connectTimeout: .seconds(5), totalTimeout: .seconds(10)))

    /// A text with a quote, a newline and CJK, so the JSON escaping shows.
    static let message = AlertMessage(text: "hello \"desk\"\n维护", storedPayload: "{\"schema\":\"x\",\"count\":1}")

    /// A worker for `channel` on an in-memory store, logging into `sink`.
    static func worker(
        _ channel: NotifyChannel, clock: any WallClock, sink: NotifyLogSink = NotifyLogSink(), store: Store? = nil,
        options: DeliveryOptions = DeliveryOptions()
    ) throws -> ChannelWorker {
        ChannelWorker(
            channel: channel, store: try store ?? Store(), transport: transport, clock: clock,
            logger: Logger(label: "notify-test") { _ in NotifyLogHandler(sink: sink) }, owner: getpid(),
            options: options)
    }

    /// Runs `body` while moving `clock` on by half a second whenever something sleeps on it, so backoff and spacing
    /// take no real time.
    static func pumping<T: Sendable>(_ clock: TestClock, _ body: @Sendable () async throws -> T) async rethrows -> T {
        let pump = Task {
            while !Task.isCancelled {
                if clock.sleeping > 0 { clock.advance(by: 0.5) }
                try? await Task.sleep(for: .milliseconds(1))
            }
        }
        defer { pump.cancel() }
        return try await body()
    }

    /// The clock's time at each request, in order.
    final class Times: Sendable {
        let values = Mutex<[TimeInterval]>([])
        func append(_ value: TimeInterval) { values.withLock { $0.append(value) } }
        var all: [TimeInterval] { values.withLock { $0 } }
        var gaps: [TimeInterval] { zip(all.dropFirst(), all).map { $0 - $1 } }
    }

    /// A server answering with `replies` in turn (the last one again once they run out), noting the clock's time.
    static func server(
        _ replies: [LoopbackReply], clock: TestClock? = nil, times: Times = Times()
    ) throws
        -> LoopbackHTTPServer
    {
        let index = Mutex(0)
        return try LoopbackHTTPServer { _ in
            if let clock { times.append(clock.now().timeIntervalSince1970) }
            let next = index.withLock { value in
                defer { value += 1 }
                return value
            }
            return replies[min(next, replies.count - 1)]
        }
    }

    /// The success reply each service documents.
    static func success(_ kind: NotifyKind) -> LoopbackReply {
        switch kind {
        case .webhook: .json("{}")
        case .telegram: .json("{\"ok\":true,\"result\":{\"message_id\":1}}")
        case .feishu, .lark: .json("{\"code\":0,\"data\":{},\"msg\":\"success\"}")
        case .dingtalk, .wecom: .json("{\"errcode\":0,\"errmsg\":\"ok\"}")
        case .slack: .text("ok")
        case .discord: LoopbackReply(status: 204)
        }
    }

    /// Each service's own "too many requests" reply.
    static func tooMany(_ kind: NotifyKind) -> LoopbackReply {
        switch kind {
        case .webhook: LoopbackReply(status: 429, headers: [HTTPHeader("Retry-After", "2")])
        case .telegram:
            .json(
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 3\","
                    + "\"parameters\":{\"retry_after\":3}}", status: 429)
        case .feishu, .lark: .json("{\"code\":9499,\"msg\":\"too many request\",\"data\":{}}")
        case .dingtalk: .json("{\"errcode\":130101,\"errmsg\":\"send too fast\"}")
        case .wecom: .json("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")
        case .slack: .text("rate_limited", status: 429).withHeader("Retry-After", "2")
        case .discord:
            .json("{\"message\":\"You are being rate limited.\",\"retry_after\":2.5,\"global\":false}", status: 429)
        }
    }

    /// A channel of `kind` pointing at `server` (path `/hook/TOKEN123` as the services' URLs hold their token).
    static func channel(_ kind: NotifyKind, _ server: LoopbackHTTPServer, secret: String? = nil) -> NotifyChannel {
        switch kind {
        case .telegram:
            NotifyChannel(
                kind: .telegram, url: server.baseURL, botToken: "123456:TELEGRAM-test-token", chatId: "-100777")
        case .dingtalk:
            NotifyChannel(kind: kind, url: server.url("/robot/send?access_token=DINGTALK-token"), secret: secret)
        default:
            NotifyChannel(kind: kind, url: server.url("/hook/\(kind.rawValue)-TOKEN123"), secret: secret)
        }
    }
}

extension LoopbackReply {
    func withHeader(_ name: String, _ value: String) -> LoopbackReply {
        var reply = self
        reply.headers.append(HTTPHeader(name, value))
        return reply
    }
}

/// Every log line written through a `NotifyLogHandler`.
final class NotifyLogSink: Sendable {
    let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// Collects every log line at every level.
struct NotifyLogHandler: LogHandler {
    let sink: NotifyLogSink
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        sink.append("\(event.level) \(event.message) \(event.metadata ?? [:])")
    }
}
