import AnchorStore
import Foundation
import OKX
import PaperExchange
import TestSupport
import Testing

@testable import AnchorCore

/// A fleet larger than a poll's budget is read in turns: a steady number of reads a poll, every account once a turn,
/// the accounts that need watching at every poll without starving the rest.
@Suite struct PollScheduleTests {
    /// Runs `polls` polls and returns, by account, the polls (1-based) that read it.
    static func run(
        _ schedule: inout PollSchedule, polls: Int, watching: (Int) -> Bool = { _ in false }
    ) -> [[Int]] {
        var reads = [[Int]](repeating: [], count: schedule.accounts)
        for poll in 1...polls {
            for index in schedule.next(watching: watching) { reads[index].append(poll) }
        }
        return reads
    }

    @Test func aFleetWithinTheBudgetIsReadWholeAtEveryPoll() {
        var schedule = PollSchedule(accounts: 100, interval: 2, readsPerSecond: 50)
        #expect(schedule.readsWhole)
        #expect(schedule.turnPolls == 1)
        let reads = Self.run(&schedule, polls: 5, watching: { $0 == 7 })
        #expect(reads.allSatisfy { $0 == [1, 2, 3, 4, 5] })
    }

    @Test func aThousandAccountsAreReadFiftyAPollEachOnceATurn() {
        var schedule = PollSchedule(accounts: 1001, interval: 1, readsPerSecond: 50)
        #expect(schedule.perPoll == 50)
        #expect(schedule.turnPolls == 21)
        #expect(schedule.next(watching: { _ in false }).count == 1001, "the first poll reads the whole fleet")
        var reads = [[Int]](repeating: [], count: 1001)
        for poll in 2...43 {
            let picked = schedule.next(watching: { _ in false })
            #expect(picked.count <= 50)
            #expect(picked == picked.sorted())
            for index in picked { reads[index].append(poll) }
        }
        // Spread over the turn from the first poll on: never the whole fleet due at once.
        #expect(reads.allSatisfy { $0.count == 2 }, "two turns of 21 polls: each account read twice")
        #expect(reads.allSatisfy { $0[1] - $0[0] == 21 })
        #expect(Set(reads.map { $0[0] }) == Set(2...22))
    }

    @Test func accountsThatNeedWatchingAreReadAtEveryPollAndTheTurnGoesOn() {
        var schedule = PollSchedule(accounts: 1000, interval: 1, readsPerSecond: 50)
        let watched: Set = [3, 500, 999]
        var reads = Self.run(&schedule, polls: 1)
        for poll in 2...61 {
            let picked = schedule.next(watching: { watched.contains($0) })
            #expect(picked.count <= 50)
            for index in picked { reads[index].append(poll) }
        }
        for index in watched { #expect(reads[index] == Array(1...61)) }
        // The three watched take three of the fifty: the other 997 are read within a slightly longer turn.
        let gaps = reads.enumerated().filter { !watched.contains($0.offset) }.flatMap { item in
            zip(item.element.dropFirst(), item.element).map { $0 - $1 }
        }
        #expect(gaps.max()! <= 22, "997 accounts at 47 a poll: 22 polls")
        #expect(reads.allSatisfy { $0.count >= 3 })
    }

    /// Six hundred failing accounts get half of each poll; the other four hundred are still read within two turns.
    @Test func aCrowdOfFailingAccountsNeverStopsTheTurn() {
        var schedule = PollSchedule(accounts: 1000, interval: 1, readsPerSecond: 50)
        var reads = Self.run(&schedule, polls: 1)
        for poll in 2...81 {
            let picked = schedule.next(watching: { $0 < 600 })
            #expect(picked.count == 50)
            #expect(picked.filter { $0 < 600 }.count >= 25, "the failing accounts get at least half")
            for index in picked { reads[index].append(poll) }
        }
        for index in 600..<1000 {
            let polls = [1] + reads[index].dropFirst()
            let gaps = zip(polls.dropFirst(), polls).map { $0 - $1 }
            #expect(gaps.max()! <= 2 * schedule.turnPolls, "account \(index): \(reads[index])")
        }
        #expect(reads[0..<600].allSatisfy { $0.count >= 2 }, "each failing account is retried")
    }

    @Test func everyAccountReadsTheWholeFleetAndAReadOutsideDelaysTheNext() {
        var schedule = PollSchedule(accounts: 10, interval: 1, readsPerSecond: 5)
        #expect(schedule.turnPolls == 2)
        _ = schedule.next(watching: { _ in false })
        #expect(schedule.next(watching: { _ in false }) == [0, 1, 2, 3, 4])
        schedule.didRead(5)
        #expect(schedule.next(watching: { _ in false }) == [6, 7, 8, 9], "5 was read at the last poll")
        #expect(schedule.next(everyAccount: true, watching: { _ in false }) == Array(0..<10))
        #expect(schedule.next(watching: { _ in false }) == [0, 1, 2, 3, 4], "spread over the turn again")
        #expect(schedule.next(watching: { _ in false }) == [5, 6, 7, 8, 9])
    }

    /// Against the paper exchange: twelve accounts at four reads a poll are read in turns of three polls, and an
    /// account whose read failed is read again at the very next poll, out of its turn, within the same budget.
    @Test func thePollerReadsALargeFleetInTurnsAndAFailedAccountAtTheNextPoll() async throws {
        let harness = try await SimHarness.start(
            scenario: BuiltInScenarios.generated(subAccounts: 11, positionsPerAccount: 1))
        let accounts = harness.engine.pollerAccounts
        #expect(accounts.count == 12)
        let clock = TestClock()
        // A trigger no generated position is near, so that none is watched for it (see the next test).
        var policy = Policy.houseDefault
        policy.maintenanceTrigger = -5
        let poller = Poller(
            accounts: accounts, instruments: harness.engine.instruments, store: harness.store, policy: policy,
            interval: .seconds(1), readsPerSecond: 4, clock: clock)
        var previous = await poller.pollOnce()
        #expect(previous.turnSeconds == 3)
        #expect(previous.accounts.allSatisfy { $0.fetchedAt != nil && !$0.isStale })
        /// One poll a second on: the names of the accounts it read, and the requests it sent.
        func poll() async -> (read: [String], requests: Int) {
            clock.advance(by: .seconds(1))
            let before = harness.server.requestCount
            let snapshot = await poller.pollOnce()
            let read = zip(previous.accounts, snapshot.accounts).filter { $0.fetchedAt != $1.fetchedAt }.map(\.1.name)
            #expect(snapshot.accounts.filter(\.isStale).allSatisfy { $0.lastError != nil }, "none stale for its turn")
            previous = snapshot
            return (read, harness.server.requestCount - before)
        }
        var turn: [String] = []
        for _ in 0..<3 {
            let (read, requests) = await poll()
            #expect(read.count == 4)
            #expect(requests == 4, "one positions request per account read")
            turn += read
        }
        #expect(Set(turn) == Set(accounts.map(\.config.name)), "each account once in a turn of three polls")

        let failing = accounts[5].config.name
        harness.server.arm(
            SimFault(.rateLimit, account: failing, path: "/api/v5/account/positions", count: nil, durationMs: 60_000))
        var failed = false
        for _ in 0..<3 where !failed {
            #expect(await poll().requests == 4)
            failed = previous.accounts.first { $0.name == failing }?.lastError != nil
        }
        #expect(failed, "read within its turn, and refused")
        harness.server.clearFaults()
        let next = await poll()
        #expect(next.requests == 4, "within the same budget")
        #expect(next.read.contains(failing), "read again at the next poll, out of its turn")
        #expect(previous.accounts.allSatisfy { $0.lastError == nil })
        await harness.stop()
    }

    /// Read at every poll: a managed position within three points of the trigger or past it, or one an action holds.
    @Test func aManagedPositionNearTheTriggerOrHeldByAnActionNeedsWatching() {
        func view(_ rate: String, managed: Bool = true, held: Bool = false) -> PositionView {
            let mark = dec("0.1")
            let position = Build.position(
                instId: "CRO-USDT-SWAP", pos: 108, avgPx: mark, markPx: mark, lever: 10, margin: dec("10.5"),
                upl: dec("-0.2"), mmr: dec("0.05"), uplRatio: dec(rate), liqPx: dec("0.09"), posId: "777")
            let now = Date(timeIntervalSince1970: 1_767_268_800)
            let reading = AccountReading(
                name: "Wu666666", role: .sub, managed: managed, positions: [position], fetchedAt: now)
            let key = PositionKey(account: "Wu666666", position: position)
            return SnapshotBuilder.build(
                generation: 1, now: now, readings: [reading], instruments: ["CRO-USDT-SWAP": Build.cro],
                counts: [:], holds: held ? [key: .init(actionId: "a1", interrupted: false)] : [:],
                policy: .houseDefault, staleAfter: 10
            ).positions[0]
        }
        #expect(!Poller.needsWatching(view("-0.0699")))
        #expect(Poller.needsWatching(view("-0.07")), "three points above the -10% trigger")
        #expect(Poller.needsWatching(view("-0.12")))
        #expect(!Poller.needsWatching(view("-0.12", managed: false)), "a position the policy never acts on")
        #expect(Poller.needsWatching(view("0.20", held: true)))
    }

    /// What the daemon's start line says: the turn of a fleet larger than a poll's budget, nothing for a smaller one.
    @Test func aConfigsTurnFollowsItsFleetRefreshAndBudget() {
        func config(accounts: Int, refresh: Double, reads: Double) -> AppConfig {
            var config = AppConfig(refreshSeconds: refresh, databasePath: ":memory:")
            config.readsPerSecond = reads
            config.accounts = (0..<accounts).map {
                AccountConfig(
                    name: "a\($0)", role: $0 == 0 ? .main : .sub,
                    credentials: Credentials(apiKey: "k\($0)", secretKey: "s", passphrase: "p"))
            }
            return config
        }
        #expect(config(accounts: 100, refresh: 2, reads: 50).turnSeconds == nil)
        #expect(config(accounts: 101, refresh: 2, reads: 50).turnSeconds == 4)
        #expect(config(accounts: 1001, refresh: 1, reads: 50).turnSeconds == 21)
        #expect(config(accounts: 1001, refresh: 2, reads: 50).turnSeconds == 22)
    }

    /// Views are kept for a reading of the same time: a new reading must never have the time of the last one, even
    /// when the clock has not moved. A margin added between two polls at the same clock time shows in the second.
    @Test func aNewReadingAtTheSameClockTimeIsNeverTakenForTheLastOne() async throws {
        let harness = try await SimHarness.start()
        let accounts = harness.engine.pollerAccounts
        let poller = Poller(
            accounts: accounts, instruments: harness.engine.instruments, store: harness.store, policy: .houseDefault,
            clock: TestClock())
        let first = await poller.pollOnce()
        let view = try #require(first.positions.first { $0.isManaged && $0.position.margin != nil })
        _ = try await harness.engine.clients[view.key.account]!.adjustMargin(
            instId: view.key.instId, posSide: view.key.posSide, type: .add, amount: 1)
        let second = await poller.pollOnce()
        let after = try #require(second.position(view.key))
        #expect(after.position.margin == view.position.margin.map { $0 + 1 })
        #expect(after.readAt! > view.readAt!)
        await harness.stop()
    }
}
