package import AnchorCore
package import Foundation

/// A wall clock that moves only when a test says so: sleepers wake when ``advance(by:)`` passes their deadline, so
/// tests of polls, cooldowns and frame timing run without waiting on real time.
package final class TestClock: WallClock, @unchecked Sendable {
    private struct Sleeper {
        var deadline: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let lock = NSLock()
    private var current: Date
    private var sleepers: [UUID: Sleeper] = [:]

    /// A clock at `start`.
    package init(start: Date = Date(timeIntervalSince1970: 1_767_268_800)) {
        current = start
    }

    package func now() -> Date { lock.withLock { current } }

    package func sleep(until deadline: Date) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = lock.withLock {
                    if deadline <= current || Task.isCancelled { return true }
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

    /// Moves the clock on and wakes every sleeper whose deadline is passed, earliest first.
    package func advance(by interval: TimeInterval) {
        let woken: [Sleeper] = lock.withLock {
            current = current.addingTimeInterval(interval)
            let due = sleepers.filter { $0.value.deadline <= current }
            for id in due.keys { sleepers[id] = nil }
            return due.values.sorted { $0.deadline < $1.deadline }
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Moves the clock on by a duration.
    package func advance(by duration: Duration) {
        advance(by: duration.seconds)
    }

    /// How many tasks are asleep on this clock now.
    package var sleeping: Int { lock.withLock { sleepers.count } }

    /// Waits until at least `count` tasks are asleep on this clock: the moment a test may advance it and know whom
    /// it wakes. It looks every millisecond; the deadline only guards against a hang.
    package func waitForSleepers(_ count: Int = 1) async {
        let deadline = ContinuousClock.now + .seconds(20)
        while sleeping < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
}
