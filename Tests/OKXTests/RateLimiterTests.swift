import OKX
import Synchronization
import TestSupport
import Testing

@Suite struct RateLimiterTests {
    let key = RateLimitKey(endpoint: "/api/v5/account/positions", owner: "k1", instId: nil)

    @Test func aBurstIsSmoothedSoNoWindowEverHoldsMoreThanTheLimit() async throws {
        // 5 per 200 ms; 20 requests at once must spread over several windows, on a clock moved 5 ms at a time.
        let limit = RateLimit(5, per: .milliseconds(200), .uid)
        let clock = TestClock()
        let limiter = RateLimiter(safetyMargin: .milliseconds(10), clock: clock)
        let stamps = Stamps()
        let key = self.key
        let burst = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await limiter.acquire(key, limit: limit)
                        stamps.append(clock.elapsed())
                    }
                }
                try await group.waitForAll()
            }
        }
        // Each request is either through or asleep on the clock before the clock moves on.
        var steps = 0
        while stamps.count < 20, steps < 1_000 {
            await clock.waitUntil { clock.sleeping + stamps.count == 20 }
            clock.advance(by: .milliseconds(5))
            steps += 1
        }
        try await burst.value
        let times = stamps.all.sorted()
        #expect(times.count == 20)
        // In any trailing window of 200 ms there are never more than 5 (we keep one in reserve: 4).
        for (index, start) in times.enumerated() {
            let inWindow = times[index...].prefix { $0 < start + .milliseconds(200) }.count
            #expect(inWindow <= 4, "window starting at request \(index) held \(inWindow)")
        }
        // Four go at once and four more each 210 ms (window and margin) later: the last at 840 ms, none held longer.
        #expect(times.prefix(4).allSatisfy { $0 == .zero })
        #expect(times.last! >= .milliseconds(840))
        #expect(times.last! <= .milliseconds(845))
    }

    @Test func separateKeysDoNotWaitForEachOther() async throws {
        let limit = RateLimit(2, per: .seconds(60), .uid)
        let limiter = RateLimiter()
        try await limiter.acquire(key, limit: limit)
        // The bucket of k1 is now full (capacity 1 of 2 kept in reserve); another owner is not held back.
        let other = RateLimitKey(endpoint: key.endpoint, owner: "k2", instId: nil)
        try await limiter.acquire(other, limit: limit)
        #expect(await limiter.count(key) == 1)
        #expect(await limiter.count(other) == 1)
        #expect(await limiter.headroom() == 0)
    }

    @Test func aWaitingAcquireCanBeCancelled() async throws {
        let limit = RateLimit(2, per: .seconds(60), .uid)
        let clock = TestClock()
        let limiter = RateLimiter(clock: clock)
        try await limiter.acquire(key, limit: limit)
        let waiter = Task { try await limiter.acquire(key, limit: limit) }
        await clock.waitForSleepers(1)
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
    }

    @Test func backOffHoldsAKeyBack() async throws {
        let limit = RateLimit(100, per: .seconds(1), .uid)
        let clock = TestClock()
        let limiter = RateLimiter(clock: clock)
        let key = self.key
        try await limiter.acquire(key, limit: limit)
        await limiter.backOff(key, for: .milliseconds(150))
        let held = Task {
            try await limiter.acquire(key, limit: limit)
            return clock.elapsed()
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(100))
        // Still held: the back-off has 50 ms to go.
        await clock.waitForSleepers(1)
        #expect(await limiter.count(key) == 1)
        clock.advance(by: .milliseconds(50))
        #expect(try await held.value == .milliseconds(150))
        #expect(await limiter.count(key) == 2)
    }

    /// `tryAcquire` counts a request exactly when `acquire` would let it through at once, and never waits.
    @Test func tryAcquireCountsOnlyWhatFitsNow() async throws {
        let limit = RateLimit(4, per: .milliseconds(300), .uid)
        let clock = TestClock()
        let limiter = RateLimiter(safetyMargin: .milliseconds(10), clock: clock)
        // One kept in reserve: three fit.
        let admitted = [
            await limiter.tryAcquire(key, limit: limit), await limiter.tryAcquire(key, limit: limit),
            await limiter.tryAcquire(key, limit: limit), await limiter.tryAcquire(key, limit: limit),
        ]
        #expect(admitted == [true, true, true, false])
        #expect(await limiter.count(key) == 3)
        // Not before the window and its margin have passed, then at once.
        clock.advance(by: .milliseconds(309))
        #expect(!(await limiter.tryAcquire(key, limit: limit)))
        clock.advance(by: .milliseconds(1))
        #expect(await limiter.tryAcquire(key, limit: limit))
        await limiter.backOff(key, for: .seconds(5))
        #expect(!(await limiter.tryAcquire(key, limit: limit)))
        #expect(await limiter.count(key) == 1)
    }

    @Test func headroomIsFullWhenIdle() async {
        #expect(await RateLimiter().headroom() == 1)
    }
}

/// Times collected from concurrent tasks.
final class Stamps: Sendable {
    private let times = Mutex<[Duration]>([])
    func append(_ time: Duration) { times.withLock { $0.append(time) } }
    var all: [Duration] { times.withLock { $0 } }
    var count: Int { times.withLock { $0.count } }
}
