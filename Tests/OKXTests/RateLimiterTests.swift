import OKX
import Synchronization
import Testing

@Suite struct RateLimiterTests {
    let key = RateLimitKey(endpoint: "/api/v5/account/positions", owner: "k1", instId: nil)

    @Test func aBurstIsSmoothedSoNoWindowEverHoldsMoreThanTheLimit() async throws {
        // 5 per 200 ms; 20 requests at once must spread over several windows.
        let limit = RateLimit(5, per: .milliseconds(200), .uid)
        let limiter = RateLimiter(safetyMargin: .milliseconds(10))
        let clock = ContinuousClock()
        let stamps = Stamps()
        let key = self.key
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await limiter.acquire(key, limit: limit)
                    let now = clock.now
                    stamps.append(now)
                }
            }
            try await group.waitForAll()
        }
        let times = stamps.all.sorted()
        #expect(times.count == 20)
        // In any trailing window of 200 ms there are never more than 5 (we keep one in reserve: 4).
        for (index, start) in times.enumerated() {
            let inWindow = times[index...].prefix { $0 < start + .milliseconds(200) }.count
            #expect(inWindow <= 4, "window starting at request \(index) held \(inWindow)")
        }
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
        let limiter = RateLimiter()
        try await limiter.acquire(key, limit: limit)
        let waiter = Task { try await limiter.acquire(key, limit: limit) }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
    }

    @Test func backOffHoldsAKeyBack() async throws {
        let limit = RateLimit(100, per: .seconds(1), .uid)
        let limiter = RateLimiter()
        try await limiter.acquire(key, limit: limit)
        await limiter.backOff(key, for: .milliseconds(150))
        let clock = ContinuousClock()
        let start = clock.now
        try await limiter.acquire(key, limit: limit)
        #expect(clock.now - start >= .milliseconds(100))
    }

    /// `tryAcquire` counts a request exactly when `acquire` would let it through at once, and never waits.
    @Test func tryAcquireCountsOnlyWhatFitsNow() async throws {
        let limit = RateLimit(4, per: .milliseconds(300), .uid)
        let limiter = RateLimiter(safetyMargin: .milliseconds(10))
        // One kept in reserve: three fit.
        let admitted = [
            await limiter.tryAcquire(key, limit: limit), await limiter.tryAcquire(key, limit: limit),
            await limiter.tryAcquire(key, limit: limit), await limiter.tryAcquire(key, limit: limit),
        ]
        #expect(admitted == [true, true, true, false])
        #expect(await limiter.count(key) == 3)
        try await Task.sleep(for: .milliseconds(350))
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
    private let times = Mutex<[ContinuousClock.Instant]>([])
    func append(_ time: ContinuousClock.Instant) { times.withLock { $0.append(time) } }
    var all: [ContinuousClock.Instant] { times.withLock { $0 } }
}
