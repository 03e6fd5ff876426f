package import AnchorCore
package import Foundation
package import OKX

/// A clock that moves only when a test says so: sleepers wake when ``advance(by:)`` passes their deadline, so tests
/// of polls, cooldowns, rate limits and frame timing run without waiting on real time. It is both a wall clock (the
/// poller's, the autopilot's, the dashboard's) and a monotonic one (the rate limiter's); inside, time is kept as an
/// exact offset from the start, so advancing by 100 ms and then 50 ms reaches a deadline set 150 ms on.
package final class TestClock: WallClock, MonotonicClock, @unchecked Sendable {
    private struct Sleeper {
        var deadline: Duration
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let lock = NSLock()
    private let start: Date
    private var offset: Duration = .zero
    private var sleepers: [UUID: Sleeper] = [:]

    /// A clock at `start`.
    package init(start: Date = Date(timeIntervalSince1970: 1_767_268_800)) {
        self.start = start
    }

    package func now() -> Date { start.addingTimeInterval(elapsed().seconds) }

    package func elapsed() -> Duration { lock.withLock { offset } }

    package func sleep(until deadline: Date) async throws {
        try await sleep(untilElapsed: Self.duration(deadline.timeIntervalSince(start)))
    }

    package func sleep(untilElapsed deadline: Duration) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = lock.withLock {
                    if deadline <= offset || Task.isCancelled { return true }
                    sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeNow {
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        continuation.resume()
                    }
                }
            }
        } onCancel: {
            let sleeper = lock.withLock { sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Seconds as a duration, to the nanosecond.
    private static func duration(_ seconds: TimeInterval) -> Duration {
        .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// Moves the clock on and wakes every sleeper whose deadline is passed, earliest first.
    package func advance(by duration: Duration) {
        let woken: [Sleeper] = lock.withLock {
            offset += duration
            let due = sleepers.filter { $0.value.deadline <= offset }
            for id in due.keys { sleepers[id] = nil }
            return due.values.sorted { $0.deadline < $1.deadline }
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Moves the clock on by seconds.
    package func advance(by interval: TimeInterval) {
        advance(by: Self.duration(interval))
    }

    /// How many tasks are asleep on this clock now.
    package var sleeping: Int { lock.withLock { sleepers.count } }

    /// Waits until at least `count` tasks are asleep on this clock: the moment a test may advance it and know whom
    /// it wakes. It looks every millisecond; the deadline only guards against a hang.
    package func waitForSleepers(_ count: Int = 1) async {
        await waitUntil { self.sleeping >= count }
    }

    /// Waits until `condition` holds, such as "every task is done or asleep on this clock". It looks every
    /// millisecond; the deadline only guards against a hang.
    package func waitUntil(_ condition: () -> Bool) async {
        let deadline = ContinuousClock.now + .seconds(20)
        while !condition() && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
}
