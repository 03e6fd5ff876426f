import Foundation
public import Logging

/// How reads are retried. Writes (POST) are never retried by the client: the caller decides (see `OKXError`).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all for a GET, including the first.
    public var readAttempts: Int
    /// First pause after a failed read; doubled each time, with jitter.
    public var baseDelay: Duration
    /// Pause after OKX says 50011 / 429, before the bucket lets requests through again.
    public var rateLimitBackoff: Duration

    public init(
        readAttempts: Int = 3, baseDelay: Duration = .milliseconds(200), rateLimitBackoff: Duration = .seconds(1)
    ) {
        self.readAttempts = readAttempts
        self.baseDelay = baseDelay
        self.rateLimitBackoff = rateLimitBackoff
    }

    /// A pause of `base × 2^attempt`, ±25 % jitter, so a hundred clients do not retry in step.
    func delay(afterAttempt attempt: Int, base: Duration) -> Duration {
        let factor = Double(1 << min(attempt, 6)) * Double.random(in: 0.75...1.25)
        return base * factor
    }
}

/// One OKX account's view of the REST API: one typed async method per endpoint.
///
/// Clients of different accounts share a transport (so a hundred requests cost one round trip), a rate limiter
/// and a server clock; each has its own credentials.
public final class OKXClient: Sendable {
    public let baseURL: String
    public let credentials: Credentials?
    public let simulatedTrading: Bool
    let transport: any Transport
    let rateLimiter: RateLimiter
    let serverClock: ServerClock
    let retry: RetryPolicy
    let logger: Logger

    public init(
        baseURL: String, credentials: Credentials?, simulatedTrading: Bool = false, transport: any Transport,
        rateLimiter: RateLimiter = RateLimiter(), serverClock: ServerClock = ServerClock(),
        retry: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "okx")
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.credentials = credentials
        self.simulatedTrading = simulatedTrading
        self.transport = transport
        self.rateLimiter = rateLimiter
        self.serverClock = serverClock
        self.retry = retry
        self.logger = logger
    }

    /// Sends one call and returns the `data` array of a successful reply, read into `T`. A model that names its
    /// fields (`FieldFilteredDecodable`) is read from records of just those fields.
    func call<T: OKXDecodable>(
        _ endpoint: Endpoint, query: QueryString = QueryString(), body: JSONBody? = nil, instId: String? = nil,
        as type: T.Type = T.self
    ) async throws(OKXError) -> [T] {
        if let filter = (T.self as? any FieldFilteredDecodable.Type)?.dataItemFilter {
            let items = try await callRaw(endpoint, query: query, body: body, instId: instId) {
                response throws(OKXError) in
                try Self.readRecords(response, endpoint: endpoint, filter: filter)
            }
            return try Self.models(items, endpoint: endpoint)
        }
        let data = try await callRaw(endpoint, query: query, body: body, instId: instId)
        return try Self.models(data, endpoint: endpoint) { value throws(DecodingFailure) in try OKXFields(value) }
    }

    /// Each item's fields read into `T`; an item it cannot read makes the reply malformed.
    static func models<T: OKXDecodable>(
        _ items: [OKXFields], endpoint: Endpoint, as type: T.Type = T.self
    ) throws(OKXError) -> [T] {
        try models(items, endpoint: endpoint) { $0 }
    }

    /// Each item read into `T`, through its fields; an item whose fields or model cannot be read makes the reply
    /// malformed.
    static func models<T: OKXDecodable, Item>(
        _ items: [Item], endpoint: Endpoint, as type: T.Type = T.self,
        fields: (Item) throws(DecodingFailure) -> OKXFields
    ) throws(OKXError) -> [T] {
        var models: [T] = []
        models.reserveCapacity(items.count)
        for item in items {
            do {
                models.append(try T(fields: try fields(item)))
            } catch {
                throw malformedItem(error, endpoint: endpoint)
            }
        }
        return models
    }

    /// Sends one call with the read retries and the 50102 resync; returns the raw `data` array.
    func callRaw(
        _ endpoint: Endpoint, query: QueryString, body: JSONBody?, instId: String?
    ) async throws(OKXError) -> [JSONValue] {
        try await callRaw(endpoint, query: query, body: body, instId: instId) { response throws(OKXError) in
            try Self.readEnvelope(response, endpoint: endpoint)
        }
    }

    /// Sends one call with the read retries and the 50102 resync, each reply read by `read`. With `firstAttempt`
    /// (the outcome of a first request already sent, counted and read, as `positions(of:)` sends them), the loop
    /// goes on from it as if it had made it. `attempts` overrides the retry policy's read attempts.
    func callRaw<Reply>(
        _ endpoint: Endpoint, query: QueryString, body: JSONBody?, instId: String?,
        firstAttempt: Result<Reply, OKXError>? = nil, attempts: Int? = nil,
        read: (HTTPResponse) throws(OKXError) -> Reply
    ) async throws(OKXError) -> Reply {
        let key = rateLimitKey(endpoint, instId: instId)
        var attempt = 0
        var resynced = false
        var given = firstAttempt
        while true {
            let outcome: Result<Reply, OKXError>
            if let first = given {
                given = nil
                outcome = first
            } else {
                try await acquireRateLimit(endpoint, instId: instId)
                do {
                    outcome = .success(try await sendOnce(endpoint, query: query, body: body, read: read))
                } catch {
                    outcome = .failure(error)
                }
            }
            switch outcome {
            case .success(let reply):
                return reply
            case .failure(let error):
                // A stale timestamp was refused before anything was done: resync and sign again, once.
                if error.baseCode == "50102", endpoint.isPrivate, !resynced {
                    resynced = true
                    logger.notice("OKX refused the timestamp (50102); resynchronising the clock")
                    try await synchronizeClock(force: true, endpointName: endpoint.name)
                    continue
                }
                if error.classification == .rateLimited {
                    await rateLimiter.backOff(
                        key, for: retry.delay(afterAttempt: attempt, base: retry.rateLimitBackoff))
                }
                let retryable = error.classification == .retryableRead || error.classification == .rateLimited
                attempt += 1
                guard endpoint.method == .get, retryable, attempt < (attempts ?? retry.readAttempts), !Task.isCancelled
                else {
                    throw error
                }
                if error.classification == .retryableRead {
                    logger.debug("retrying \(endpoint.name) after: \(error)")
                    try? await Task.sleep(for: retry.delay(afterAttempt: attempt - 1, base: retry.baseDelay))
                }
            }
        }
    }

    /// Waits until a request to `endpoint` fits its rate limit, and counts it. Throws only when cancelled.
    func acquireRateLimit(_ endpoint: Endpoint, instId: String?) async throws(OKXError) {
        do {
            try await rateLimiter.acquire(rateLimitKey(endpoint, instId: instId), limit: endpoint.limit)
        } catch {
            throw OKXError(endpoint: endpoint.name, method: endpoint.method, transport: TransportError(.cancelled))
        }
    }

    /// Counts a request to `endpoint` if it fits its rate limit now; false, counting nothing, if it would wait.
    func tryAcquireRateLimit(_ endpoint: Endpoint, instId: String?) async -> Bool {
        await rateLimiter.tryAcquire(rateLimitKey(endpoint, instId: instId), limit: endpoint.limit)
    }

    /// Learns the server clock offset if needed (or always, with `force`).
    public func synchronizeClock(force: Bool = false) async throws(OKXError) {
        try await synchronizeClock(force: force, endpointName: Endpoint.time.name)
    }

    private func synchronizeClock(force: Bool, endpointName: String) async throws(OKXError) {
        do {
            try await serverClock.synchronize(force: force) { [self] in
                let data = try await sendOnce(.time, query: QueryString(), body: nil)
                guard let first = data.first else {
                    throw OKXError(
                        endpoint: Endpoint.time.name, method: .get, message: "empty time reply", malformedReply: true)
                }
                return try ServerTime(fields: try OKXFields(first)).ts
            }
        } catch let error as OKXError {
            throw error
        } catch {
            throw OKXError(endpoint: Endpoint.time.name, method: .get, message: "\(error)", malformedReply: true)
        }
    }

    private func rateLimitKey(_ endpoint: Endpoint, instId: String?) -> RateLimitKey {
        switch endpoint.limit.scope {
        case .uid: RateLimitKey(endpoint: endpoint.path, owner: credentials?.apiKey ?? "ip", instId: nil)
        case .uidInstrument: RateLimitKey(endpoint: endpoint.path, owner: credentials?.apiKey ?? "ip", instId: instId)
        case .ip: RateLimitKey(endpoint: endpoint.path, owner: "ip", instId: nil)
        case .ipInstrument: RateLimitKey(endpoint: endpoint.path, owner: "ip", instId: instId)
        }
    }
}
