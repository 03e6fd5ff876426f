/// The time a rate limiter counts in: how long since a fixed origin, never going back, and a sleep until such a
/// moment. The system's is ``SystemMonotonicClock``; tests hand the limiter one that moves only when they say.
public protocol MonotonicClock: Sendable {
    /// Time since this clock's origin.
    func elapsed() -> Duration
    /// Returns once ``elapsed()`` has reached `deadline`; throws `CancellationError` when the task is cancelled.
    func sleep(untilElapsed deadline: Duration) async throws
}

/// The system's monotonic clock (`ContinuousClock`), counted from the moment it was made.
public struct SystemMonotonicClock: MonotonicClock {
    private let origin: ContinuousClock.Instant

    public init() {
        origin = ContinuousClock.now
    }

    public func elapsed() -> Duration { ContinuousClock.now - origin }

    public func sleep(untilElapsed deadline: Duration) async throws {
        try await ContinuousClock().sleep(until: origin + deadline, tolerance: .milliseconds(5))
    }
}
