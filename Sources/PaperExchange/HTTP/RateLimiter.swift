import Synchronization

/// OKX's per-endpoint request limits: at most `limit` requests in any `windowMs`, per key (a UID, a UID and an
/// instrument, or an IP). Each key keeps the times of its last `limit` requests in a ring, so a check is O(1).
final class RateLimiter: Sendable {
    private struct Window {
        var times: [Int64]
        var next = 0
    }

    private let windows = Mutex<[String: Window]>([:])

    /// Records a request at `now` and says whether it is within the limit (refused requests are not recorded).
    func allow(key: String, limit: Int, windowMs: Int64, now: Int64) -> Bool {
        windows.withLock { windows in
            var window = windows[key] ?? Window(times: [])
            defer { windows[key] = window }
            if window.times.count < limit {
                window.times.append(now)
                return true
            }
            // The oldest of the last `limit` requests must have left the window.
            guard window.times[window.next] <= now - windowMs else { return false }
            window.times[window.next] = now
            window.next = (window.next + 1) % limit
            return true
        }
    }

    /// Forgets every key.
    func reset() {
        windows.withLock { $0.removeAll() }
    }
}
