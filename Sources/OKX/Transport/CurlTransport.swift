internal import CCurl

/// The real `Transport`: libcurl's multi interface, driven by one thread this object owns.
///
/// Callers never block: `send` queues the request under a lock, wakes the curl thread with
/// `curl_multi_wakeup`, and waits on a continuation that the curl thread resumes when the transfer ends. All
/// requests share the multi handle's connection cache, so requests to one host reuse kept-alive connections, and
/// any number of concurrent requests cost about one round trip without a thread each.
///
/// Two guarantees the OKX client relies on: the request target, headers and body go out byte for byte as given
/// (the signature covers them), and a POST is never sent twice — libcurl silently resends a request whose
/// reused connection died before any reply, so this transport refuses that resend for a POST and reports
/// `.connectionDropped` instead; the caller decides what to do.
public final class CurlTransport: Transport, Sendable {
    private let engine: Engine
    private let thread: JoinableThread?

    /// Starts the curl thread at once; it lives until `shutdown()` or until this object is released.
    public init(options: TransportOptions = .init()) {
        let engine = Engine(options: options)
        self.engine = engine
        guard engine.isStarted else {
            thread = nil
            return
        }
        do {
            thread = try JoinableThread(name: "okx-curl") {
                Loop(engine: engine).run()
            }
        } catch {
            thread = nil
            engine.refuseAll(TransportError(.other, error.description))
        }
    }

    deinit {
        shutdown()
    }

    /// Sends one request and returns its response, whatever its status.
    ///
    /// Throws `TransportError` only. Cancelling the calling task stops the transfer and throws `.cancelled` at
    /// once; the server may still have received the request.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = engine.register()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                engine.submit(id: id, request: request, continuation: continuation)
            }
        } onCancel: {
            engine.cancel(id: id)
        }
    }

    /// Sends every request at once: one hand-over to the curl thread and one resumption of the caller when the
    /// last has ended (a poll of a hundred accounts used to wake a pool thread for each reply).
    ///
    /// Cancelling the calling task stops every transfer still running; those end as `.cancelled`.
    public func sendAll(_ requests: [HTTPRequest]) async -> [Result<HTTPResponse, TransportError>] {
        guard !requests.isEmpty else { return [] }
        let ids = requests.map { _ in engine.register() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                engine.submitAll(ids: ids, requests: requests, continuation: continuation)
            }
        } onCancel: {
            for id in ids { engine.cancel(id: id) }
        }
    }

    /// Stops the curl thread and fails every pending request with `.cancelled`; later requests fail the same
    /// way. Safe to call more than once. Blocks until the thread has ended (at most one poll cycle of curl).
    public func shutdown() {
        engine.stop()
        thread?.join()
    }

    /// Running totals since this transport started.
    public var statistics: TransportStatistics {
        engine.statistics
    }
}
