import AnchorStore
import Foundation
import OKX
import PaperExchange
import TestSupport
import Testing

@testable import AnchorCore

/// The poller against the paper exchange: what each poll asks for, and when polls start.
@Suite struct PollerTests {
    /// Positions every poll; balances on the first poll, after an action on the account, and then once they are
    /// older than the balance interval.
    @Test func balancesAreReadFirstAfterAnActionAndThenEveryInterval() async throws {
        let harness = try await SimHarness.start()
        let accounts = harness.engine.pollerAccounts
        let clock = TestClock()
        let poller = Poller(
            accounts: accounts, instruments: harness.engine.instruments, store: harness.store, policy: .houseDefault,
            interval: .milliseconds(500), balanceInterval: .milliseconds(800), clock: clock)
        func requests(_ body: () async -> Void) async -> Int {
            let before = harness.server.requestCount
            await body()
            return harness.server.requestCount - before
        }
        let count = accounts.count
        let first = await requests { await poller.pollOnce() }
        let snapshot = await poller.latest
        #expect(snapshot.accounts.allSatisfy { $0.availableBalance != nil && !$0.isStale })
        let second = await requests { await poller.pollOnce() }
        #expect(first >= second + count, "the first poll also reads every balance")
        let refresh = await requests { await poller.refresh(account: accounts[0].config.name) }
        #expect(refresh == 2)
        clock.advance(by: .milliseconds(700))
        #expect(await requests { await poller.pollOnce() } == second, "700 ms on, the balances are not due yet")
        clock.advance(by: .milliseconds(200))
        let later = await requests { await poller.pollOnce() }
        #expect(later == second + count, "balances older than the interval are read again")
        let next = await requests { await poller.pollOnce() }
        #expect(next == second)
        await harness.stop()
    }

    /// The counts and actions are read from the store only when something was committed, but a commit from
    /// another process (here another connection to the same file) still shows in the next snapshot.
    @Test func countsCommittedByAnotherProcessShowInTheNextSnapshot() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("poller-\(UUID().uuidString)/anchor.sqlite").path
        let harness = try await SimHarness.start(store: try Store(path: path))
        let accounts = harness.engine.pollerAccounts
        let poller = Poller(
            accounts: accounts, instruments: harness.engine.instruments, store: harness.store, policy: .houseDefault)
        let first = await poller.pollOnce()
        let view = try #require(first.positions.first)
        #expect(view.maintenanceCount == 0)
        let second = await poller.pollOnce()
        #expect(second.storeVersion != nil)
        #expect(second.storeVersion == first.storeVersion, "nothing was committed between the polls")

        let otherProcess = try Store(path: path)
        let action = ActionRecord(
            id: "elsewhere1", kind: .maintenance, origin: .autopilot, key: view.key, posId: view.position.posId,
            phase: .opened, plan: "{}", createdAt: Date(), ownerPid: 4242)
        try otherProcess.begin(action)
        let event = EventRecord(
            time: Date(), key: view.key, origin: .autopilot, kind: .maintenance, actionId: action.id, outcome: .ok,
            message: "counted")
        _ = try otherProcess.recordMaintenanceCounted(actionId: action.id, event: event, phase: .opened)
        let third = await poller.pollOnce()
        #expect(third.storeVersion != second.storeVersion)
        #expect(third.position(view.key)?.maintenanceCount == 1)
        #expect(third.position(view.key)?.actionId == action.id, "the running action holds the position")
        await harness.stop()
    }

    /// The running poller sleeps until the next whole multiple of its interval on its clock, and polls then: on a
    /// test clock, a poll per advance and none in between.
    @Test func theRunningPollerPollsOnEachMultipleOfItsIntervalOnItsClock() async throws {
        let harness = try await SimHarness.start()
        let accounts = harness.engine.pollerAccounts
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_767_268_800.25))
        let poller = Poller(
            accounts: accounts, instruments: harness.engine.instruments, store: harness.store, policy: .houseDefault,
            interval: .seconds(1), clock: clock)
        let snapshots = await poller.subscribe()
        let running = Task { await poller.run() }
        var iterator = snapshots.makeAsyncIterator()
        // The first poll at once, then the ticker sleeps until 12:00:01.
        #expect(await iterator.next()?.generation == 1)
        await clock.waitForSleepers()
        #expect(await poller.latest.generation == 1, "no poll before the next whole second")
        clock.advance(by: 0.75)
        let second = await iterator.next()
        #expect(second?.generation == 2)
        #expect(second?.takenAt == Date(timeIntervalSince1970: 1_767_268_801), "taken on the clock's whole second")
        await clock.waitForSleepers()
        clock.advance(by: 1)
        #expect(await iterator.next()?.generation == 3)
        running.cancel()
        await harness.stop()
    }

    @Test func pollsStartOnWholeMultiplesOfTheInterval() {
        func wait(_ interval: TimeInterval, at time: TimeInterval) -> TimeInterval {
            Poller.untilNextMultiple(of: interval, now: Date(timeIntervalSince1970: time))
        }
        #expect(abs(wait(1, at: 100.25) - 0.75) < 1e-6)
        #expect(abs(wait(2, at: 101.5) - 0.5) < 1e-6)
        #expect(abs(wait(5, at: 100) - 5) < 1e-6)
        // A hair before the boundary: the next one, not a double poll.
        #expect(abs(wait(1, at: 100.97) - 1.03) < 1e-6)
        #expect(wait(0, at: 100) == 0)
    }
}
