public import Foundation

/// The time as the engine and the dashboard read it: the system's clock in a process, a clock a test moves by hand
/// in the tests, so that what depends on time (polls on whole seconds, balances due, the autopilot's schedule and
/// cooldown, the instrument list's age, the dashboard's clock and frame timing) is tested without waiting.
///
/// Wall time, not a monotonic clock: polls and the dashboard's clock tick on whole seconds of the wall clock, and
/// what it tells (a snapshot's time, a cooldown since a failure) is shown as wall time.
public protocol WallClock: Sendable {
    /// Now.
    func now() -> Date
    /// Returns at `deadline` (at once if it has passed); throws `CancellationError` if the task is cancelled first.
    func sleep(until deadline: Date) async throws
}

extension WallClock {
    /// Returns after `duration` of this clock's time.
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now().addingTimeInterval(duration.seconds))
    }
}

/// The system's wall clock.
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        if seconds > 0 {
            try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
        } else {
            try Task.checkCancellation()
        }
    }
}
