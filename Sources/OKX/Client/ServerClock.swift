import Foundation

/// The offset between our clock and OKX's, so signed timestamps fall inside OKX's ±30 s window.
///
/// Learned from `GET /api/v5/public/time` (the midpoint of the round trip is taken as the server's moment) and
/// learned again when OKX answers 50102. Shared by every client of one base URL.
public actor ServerClock {
    private var offsetMilliseconds: Int64?
    private var syncTask: Task<Void, any Error>?
    private let localNow: @Sendable () -> Int64

    /// - Parameter localNow: our clock in epoch milliseconds (tests pass a skewed one).
    public init(localNow: (@Sendable () -> Int64)? = nil) {
        self.localNow = localNow ?? { Int64(Date().timeIntervalSince1970 * 1000) }
    }

    /// Our best estimate of OKX's time now, in epoch milliseconds.
    public func now() -> Int64 { localNow() + (offsetMilliseconds ?? 0) }

    /// True once an offset has been learned.
    public var isSynchronized: Bool { offsetMilliseconds != nil }

    /// The learned offset (server minus local), in milliseconds.
    public var offset: Int64? { offsetMilliseconds }

    /// Learns the offset with `fetch` (which returns the server's time in ms). Concurrent callers share one fetch.
    public func synchronize(force: Bool, fetch: @escaping @Sendable () async throws -> Int64) async throws {
        if !force, offsetMilliseconds != nil { return }
        if let syncTask {
            try await syncTask.value
            return
        }
        let localNow = self.localNow
        let task = Task<Void, any Error> {
            let sent = localNow()
            let server = try await fetch()
            let received = localNow()
            self.record(offset: server - (sent + (received - sent) / 2))
        }
        syncTask = task
        defer { syncTask = nil }
        try await task.value
    }

    private func record(offset: Int64) {
        offsetMilliseconds = offset
    }
}
