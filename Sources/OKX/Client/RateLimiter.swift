/// One of OKX's documented per-endpoint limits: `requests` per `window`, counted per `scope`.
public struct RateLimit: Sendable, Hashable {
    /// Who the count belongs to.
    public enum Scope: Sendable, Hashable {
        /// Per user id (each sub-account has its own; one API key belongs to one UID).
        case uid
        /// Per user id and instrument.
        case uidInstrument
        /// Per client IP.
        case ip
        /// Per client IP and instrument.
        case ipInstrument
    }

    public var requests: Int
    public var window: Duration
    public var scope: Scope

    public init(_ requests: Int, per window: Duration, _ scope: Scope) {
        self.requests = requests
        self.window = window
        self.scope = scope
    }
}

/// What one request counts against: its endpoint, and the key or instrument its scope names.
public struct RateLimitKey: Sendable, Hashable {
    public var endpoint: String
    /// The API key for UID scopes, "ip" for IP scopes.
    public var owner: String
    public var instId: String?

    public init(endpoint: String, owner: String, instId: String?) {
        self.endpoint = endpoint
        self.owner = owner
        self.instId = instId
    }
}

/// Client-side rate limits, so that polling a hundred accounts never draws a 50011.
///
/// Each key keeps the times of its recent requests and admits one only while fewer than the limit fall inside the
/// trailing window. This is a token bucket whose tokens come back exactly one window after they were spent: a
/// classic bucket refilling continuously at `limit / window` would let `2 × limit` through in one window after an
/// idle spell, which OKX's fixed counting refuses. A small margin (one request and 50 ms) covers clock skew.
public actor RateLimiter {
    private struct Window {
        var times: [Duration] = []
        var head = 0
        var blockedUntil: Duration?
        var limit: RateLimit

        mutating func prune(before cutoff: Duration) {
            while head < times.count, times[head] <= cutoff { head += 1 }
            if head > 64, head * 2 > times.count {
                times.removeFirst(head)
                head = 0
            }
        }

        var count: Int { times.count - head }
    }

    private var windows: [RateLimitKey: Window] = [:]
    private let clock: any MonotonicClock
    private let safetyMargin: Duration

    /// - Parameters:
    ///   - safetyMargin: added to every window, against clock skew between us and OKX.
    ///   - clock: the time windows are counted in and waits are slept on.
    public init(safetyMargin: Duration = .milliseconds(50), clock: any MonotonicClock = SystemMonotonicClock()) {
        self.safetyMargin = safetyMargin
        self.clock = clock
    }

    /// The number of requests a limit lets through per window, keeping one in reserve.
    static func capacity(of limit: RateLimit) -> Int { max(1, limit.requests - 1) }

    /// Waits until a request under `key` fits its limit, then counts it. Throws only when cancelled.
    public func acquire(_ key: RateLimitKey, limit: RateLimit) async throws {
        while true {
            try Task.checkCancellation()
            let now = clock.elapsed()
            var window = windows[key] ?? Window(limit: limit)
            window.limit = limit
            let span = limit.window + safetyMargin
            window.prune(before: now - span)
            var wakeAt: Duration?
            if let blocked = window.blockedUntil, blocked > now {
                wakeAt = blocked
            } else if window.count >= Self.capacity(of: limit) {
                wakeAt = window.times[window.head] + span
            }
            guard let wakeAt else {
                window.times.append(now)
                windows[key] = window
                return
            }
            windows[key] = window
            try await clock.sleep(untilElapsed: wakeAt)
        }
    }

    /// Counts a request under `key` if it fits its limit now, as `acquire` would without waiting; false, counting
    /// nothing, when `acquire` would wait.
    public func tryAcquire(_ key: RateLimitKey, limit: RateLimit) -> Bool {
        let now = clock.elapsed()
        var window = windows[key] ?? Window(limit: limit)
        window.limit = limit
        window.prune(before: now - (limit.window + safetyMargin))
        let blocked = window.blockedUntil.map { $0 > now } ?? false
        guard !blocked, window.count < Self.capacity(of: limit) else {
            windows[key] = window
            return false
        }
        window.times.append(now)
        windows[key] = window
        return true
    }

    /// Holds every request under `key` back for `duration` (after OKX answered 50011 or 429).
    public func backOff(_ key: RateLimitKey, for duration: Duration) {
        guard var window = windows[key] else { return }
        let until = clock.elapsed() + duration
        if let current = window.blockedUntil, current > until { return }
        window.blockedUntil = until
        windows[key] = window
    }

    /// The smallest share of any limit still unused right now, from 1 (idle) to 0 (a bucket is full).
    public func headroom() -> Double {
        let now = clock.elapsed()
        var lowest = 1.0
        // Read only: writing every window back (two thousand at a thousand accounts) was most of its cost.
        for window in windows.values {
            let cutoff = now - (window.limit.window + safetyMargin)
            var first = window.head
            while first < window.times.count, window.times[first] <= cutoff { first += 1 }
            let count = window.times.count - first
            guard count > 0 else { continue }
            let capacity = Double(Self.capacity(of: window.limit))
            lowest = min(lowest, max(0, 1 - Double(count) / capacity))
        }
        return lowest
    }

    /// Requests counted under `key` in its current window (for tests).
    public func count(_ key: RateLimitKey) -> Int {
        guard var window = windows[key] else { return 0 }
        window.prune(before: clock.elapsed() - (window.limit.window + safetyMargin))
        return window.count
    }
}
