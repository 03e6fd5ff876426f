import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exchange's own clock: real time plus an offset that the admin API can advance.
package final class SimClock: Sendable {
    private let offset = Atomic<Int64>(0)
    /// When not `Int64.min`, the time the clock stands still at (tests that must not depend on the machine's speed).
    private let frozenAt = Atomic<Int64>(Int64.min)

    /// Creates a clock at real time.
    package init() {}

    /// Milliseconds since the epoch, exchange time.
    package func now() -> Int64 {
        let frozen = frozenAt.load(ordering: .relaxed)
        if frozen != Int64.min { return frozen + offset.load(ordering: .relaxed) }
        return SimClock.realMilliseconds() + offset.load(ordering: .relaxed)
    }

    /// Stops the clock at the present moment; `advance` still moves it. For tests of time windows (rate
    /// limits) that must hold however slowly a loaded machine sends the requests.
    package func freeze() {
        frozenAt.store(SimClock.realMilliseconds(), ordering: .relaxed)
    }

    /// Moves exchange time forward (or back, with a negative value).
    package func advance(byMilliseconds milliseconds: Int64) {
        offset.add(milliseconds, ordering: .relaxed)
    }

    /// Real time in ms since the epoch.
    package static func realMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// Real time in µs since the epoch (OKX's `inTime`/`outTime`).
    package static func realMicroseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }
}
