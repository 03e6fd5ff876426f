import AnchorStore
import Foundation
import OKX
import PaperExchange
import TestSupport
import Testing

@testable import AnchorCore

/// A poll reads each account once: an account that OKX rate-limits or fails, or that its own rate limit holds back,
/// keeps its last reading and shows why, and the poll never waits on its back-off or retries (the next poll reads it
/// again); every other account is read fresh in the same poll.
@Suite struct PollerFaultIsolationTests {
    @Test(arguments: [SimFault.Kind.rateLimit, .unavailable, .serverError])
    func aFailingAccountIsAskedOnceAndTheOthersAreReadFresh(_ kind: SimFault.Kind) async throws {
        let harness = try await SimHarness.start()
        let poller = harness.engine.poller
        let accounts = harness.engine.config.accounts.count
        let first = await poller.pollOnce()
        #expect(first.accounts.allSatisfy { $0.lastError == nil })
        harness.server.arm(
            SimFault(kind, account: "Wu666666", path: "/api/v5/account/positions", count: nil, durationMs: 60_000))
        let before = harness.server.requestCount
        let second = await poller.pollOnce()
        #expect(harness.server.requestCount - before == accounts, "one positions request per account, no retry")
        let failing = try #require(second.accounts.first { $0.name == "Wu666666" })
        #expect(failing.lastError != nil)
        #expect(failing.isStale)
        #expect(failing.positionCount == first.accounts.first { $0.name == "Wu666666" }?.positionCount)
        #expect(second.positions.contains { $0.key.account == "Wu666666" }, "its last positions are kept")
        for account in second.accounts where account.name != "Wu666666" {
            #expect(account.lastError == nil, "\(account.name): \(account.lastError ?? "")")
            #expect(account.fetchedAt! > first.accounts.first { $0.name == account.name }!.fetchedAt!)
        }
        harness.server.clearFaults()
        let third = await poller.pollOnce()
        #expect(third.accounts.allSatisfy { $0.lastError == nil }, "the next poll reads it again")
        await harness.stop()
    }

    /// An account never read has nothing to show: its first read gets the usual retries (`status` is one poll).
    @Test func anAccountNeverReadIsRetriedInItsFirstPoll() async throws {
        let harness = try await SimHarness.start()
        harness.server.arm(SimFault(.unavailable, account: "Wu666666", path: "/api/v5/account/positions", count: 1))
        harness.server.arm(SimFault(.unavailable, account: "Li888888", path: "/api/v5/account/balance", count: 1))
        let accounts = harness.engine.config.accounts.count
        let before = harness.server.requestCount
        let first = await harness.engine.poller.pollOnce()
        #expect(first.accounts.allSatisfy { $0.lastError == nil && $0.availableBalance != nil })
        #expect(first.positions.contains { $0.key.account == "Wu666666" })
        #expect(harness.server.requestCount - before >= 2 * accounts + 2, "the two failed first reads were retried")
        await harness.stop()
    }

    @Test func anAccountItsOwnRateLimitHoldsBackIsNotSentAndTheOthersAreRead() async throws {
        let harness = try await SimHarness.start()
        let poller = harness.engine.poller
        let accounts = harness.engine.config.accounts.count
        await poller.pollOnce()
        let busy = try #require(harness.engine.config.accounts.first { $0.name == "Wu666666" })
        let key = RateLimitKey(endpoint: "/api/v5/account/positions", owner: busy.credentials.apiKey, instId: nil)
        // Fill its positions bucket, as a burst of an action's reads would.
        for _ in 0..<20 {
            _ = await harness.engine.rateLimiter.tryAcquire(key, limit: RateLimit(10, per: .seconds(2), .uid))
        }
        let before = harness.server.requestCount
        let snapshot = await poller.pollOnce()
        #expect(harness.server.requestCount - before == accounts - 1, "nothing sent for the held-back account")
        let held = try #require(snapshot.accounts.first { $0.name == "Wu666666" })
        #expect(held.lastError?.contains("rate limit") == true, "\(held.lastError ?? "")")
        #expect(snapshot.accounts.filter { $0.lastError != nil }.count == 1)
        await harness.stop()
    }

    /// An account that hangs holds a poll for the poll's read timeout at most (not the request timeout, 3 s here),
    /// shows why, and every other account is read in the same poll.
    @Test func anAccountThatHangsHoldsThePollOnlyForTheReadTimeout() async throws {
        let harness = try await SimHarness.start()
        let accounts = harness.engine.pollerAccounts
        let poller = Poller(
            accounts: accounts, instruments: harness.engine.instruments, store: harness.store, policy: .houseDefault,
            interval: .milliseconds(500), readTimeout: .milliseconds(800))
        let first = await poller.pollOnce()
        harness.server.arm(
            SimFault(.stall(milliseconds: 5_000), account: "Wu666666", path: "/api/v5/account/positions", count: 1))
        let clock = ContinuousClock()
        let started = clock.now
        let second = await poller.pollOnce()
        let took = clock.now - started
        #expect(took < .milliseconds(2_500), "\(took)")
        let hung = try #require(second.accounts.first { $0.name == "Wu666666" })
        #expect(hung.lastError?.contains("timed out") == true, "\(hung.lastError ?? "")")
        #expect(hung.isStale)
        for account in second.accounts where account.name != "Wu666666" {
            #expect(account.lastError == nil, "\(account.name): \(account.lastError ?? "")")
            #expect(account.fetchedAt! > first.accounts.first { $0.name == account.name }!.fetchedAt!)
        }
        await harness.stop()
    }

    /// Twice the refresh, at least 2 s, at most the request timeout.
    @Test func thePollReadTimeoutFollowsTheRefresh() {
        func timeout(refresh: Double, request: Duration = .seconds(10)) -> Duration {
            Engine.pollReadTimeout(
                AppConfig(refreshSeconds: refresh, databasePath: ":memory:", requestTimeout: request))
        }
        #expect(timeout(refresh: 0.5) == .seconds(2))
        #expect(timeout(refresh: 2) == .seconds(4))
        #expect(timeout(refresh: 2, request: .seconds(3)) == .seconds(3))
        #expect(timeout(refresh: 30) == .seconds(10))
    }
}
