public import AnchorStore
import Foundation
public import Logging
public import OKX

/// Reads every account concurrently and publishes snapshots.
///
/// One poll sends every account's positions request at once (the transport multiplexes them), so a hundred accounts
/// cost about one round trip. Balances ride along on the first poll, after an action (`refresh(account:)`) and then
/// every `balanceInterval`: positions carry the PnL the screen shows, the available balance only feeds the plans,
/// which read it fresh anyway, so reading it every second would double the requests for nothing. A failing account
/// keeps its last good data, is marked stale and shows its error; the others stay live. A fleet larger than a poll's
/// budget of reads (`readsPerSecond`) is read in turns (see `PollSchedule`); a one-shot command, the bench and the
/// trader's `r` read every account.
public actor Poller {
    /// An account and the client that reads it.
    public struct Account: Sendable {
        public var config: AccountConfig
        public var client: OKXClient

        public init(config: AccountConfig, client: OKXClient) {
            self.config = config
            self.client = client
        }
    }

    let accounts: [Account]
    let instruments: InstrumentCatalog
    let store: Store
    let policy: Policy
    let rateLimiter: RateLimiter?
    let interval: Duration
    /// How old a balance may get before a poll reads it again.
    let balanceInterval: TimeInterval
    let staleAfter: TimeInterval
    /// The longest a poll waits for an account it has read before (nil: the transport's timeout); a first read gets
    /// the transport's timeout and its retries.
    let readTimeout: Duration?
    let clock: any WallClock
    let logger: Logger
    private var readings: [String: AccountReading]
    private var schedule: PollSchedule
    /// By account index: the account needs watching (see `needsWatching`), from the last snapshot.
    private var watching: [Bool]
    private let indexByName: [String: Int]
    private var generation = 0
    /// The views of the accounts not read since the last snapshot are kept, not made again.
    private var reuse = SnapshotBuilder.Reuse()
    private var lastPollDuration: Duration?
    private var subscribers: [UUID: AsyncStream<Snapshot>.Continuation] = [:]
    /// Wakes the loop for a poll now; true reads every account.
    private var wake: AsyncStream<Bool>.Continuation?
    private var instrumentError: String?
    /// The counts and unfinished actions last read from the store, and the store's version read just before.
    private var stored: (version: StoreVersion, counts: [PositionKey: Int], unfinished: [ActionRecord])?
    /// The last snapshot published.
    public private(set) var latest: Snapshot = .empty

    public init(
        accounts: [Account], instruments: InstrumentCatalog, store: Store, policy: Policy,
        rateLimiter: RateLimiter? = nil, interval: Duration = .seconds(2), balanceInterval: Duration = .seconds(30),
        readsPerSecond: Double = AppConfig.defaultReadsPerSecond, readTimeout: Duration? = nil,
        clock: any WallClock = SystemClock(),
        logger: Logger = Logger(label: "okx-anchor.poller")
    ) {
        self.accounts = accounts
        self.instruments = instruments
        self.store = store
        self.policy = policy
        self.rateLimiter = rateLimiter
        self.interval = interval
        let seconds = interval.seconds
        self.balanceInterval = max(seconds, balanceInterval.seconds)
        self.readTimeout = readTimeout
        let schedule = PollSchedule(accounts: accounts.count, interval: seconds, readsPerSecond: readsPerSecond)
        self.schedule = schedule
        // A turn slowed by accounts that need watching takes at most twice its length.
        self.staleAfter = max(10, seconds * 3, schedule.turnSeconds.map { 2 * $0 + 2 * seconds } ?? 0)
        watching = Array(repeating: false, count: accounts.count)
        indexByName = Dictionary(
            accounts.enumerated().map { ($0.element.config.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        self.clock = clock
        self.logger = logger
        self.readings = Dictionary(
            uniqueKeysWithValues: accounts.map {
                (
                    $0.config.name,
                    AccountReading(name: $0.config.name, role: $0.config.role, managed: $0.config.manage)
                )
            })
    }

    /// A stream of every snapshot published from now on, starting with the latest.
    public func subscribe() -> AsyncStream<Snapshot> {
        let (stream, continuation) = AsyncStream<Snapshot>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        subscribers[id] = continuation
        if latest.generation > 0 { continuation.yield(latest) }
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    /// Reads the accounts due (every account of a fleet within the budget, see `PollSchedule`) once, concurrently,
    /// and publishes the snapshot. `everyAccount` reads them all; `allBalances` reads every account and every
    /// balance (the benchmark's full cycle). Balances are otherwise read when they are due.
    @discardableResult
    public func pollOnce(everyAccount: Bool = false, allBalances: Bool = false) async -> Snapshot {
        let stopwatch = ContinuousClock()
        let started = stopwatch.now
        await loadInstruments()
        let now = clock.now()
        let balanceInterval = self.balanceInterval
        let watching = self.watching
        let chosen = schedule.next(everyAccount: everyAccount || allBalances) { watching[$0] }
        // The chosen accounts' positions go out in one batch, and the balances that are due (every account's on the
        // first poll, then each every `balanceInterval`) in a second one beside it: two hand-overs to the transport
        // and two wake-ups of this task, whatever the number of accounts.
        var balanceDue: [Int] = []
        for index in chosen {
            let account = accounts[index]
            let previous = readings[account.config.name]!
            if allBalances || previous.balanceFetchedAt.map({ now.timeIntervalSince($0) >= balanceInterval }) ?? true {
                balanceDue.append(index)
            }
        }
        let previousReadings = readings
        let clock = self.clock
        let accounts = self.accounts
        let balanceClients = balanceDue.map { accounts[$0].client }
        let balanceNeverRead = balanceDue.map { previousReadings[accounts[$0].config.name]!.balanceFetchedAt == nil }
        let timeout = readTimeout
        async let balancesRead = Self.readSplit(balanceClients, neverRead: balanceNeverRead) { clients, retrying in
            await OKXClient.balances(of: clients, retrying: retrying, timeout: retrying ? nil : timeout)
        }
        // In the order of `chosen`.
        var results = await Self.readPositions(
            chosen.map { accounts[$0] }, previous: previousReadings, timeout: timeout, clock: clock)
        let finished = clock.now()
        let place = Dictionary(uniqueKeysWithValues: chosen.enumerated().map { ($0.element, $0.offset) })
        for (index, balance) in zip(balanceDue, await balancesRead) {
            let at = place[index]!
            switch balance {
            case .success(let balance):
                results[at].balance = balance
                results[at].balanceFetchedAt = finished
            case .failure(let error):
                // The positions (if they came) are kept; the account shows the error until a poll reads both.
                results[at].lastError = results[at].lastError ?? "\(error)"
            }
        }
        for reading in results { readings[reading.name] = reading }
        lastPollDuration = stopwatch.now - started
        let snapshot = await publish()
        // A burst far above a poll's budget (the first poll of a fleet read in turns) leaves its replies' memory
        // free but resident: give it back, once the snapshot holds what it needs.
        if !schedule.readsWhole, chosen.count > 2 * schedule.perPoll { MallocArenas.trim() }
        return snapshot
    }

    /// Reads one account now (after an action on it) and publishes.
    @discardableResult
    public func refresh(account name: String) async -> Snapshot {
        guard let account = accounts.first(where: { $0.config.name == name }), let previous = readings[name] else {
            return latest
        }
        readings[name] = await Self.read(account, previous: previous, balance: true, clock: clock)
        if let index = indexByName[name] { schedule.didRead(index) }
        return await publish()
    }

    /// Publishes a snapshot again from what is known, without reading the exchange (after an action changed state).
    @discardableResult
    public func republish() async -> Snapshot {
        await publish()
    }

    /// Asks the running loop to poll every account now instead of at its next tick.
    public func pollNow() {
        wake?.yield(true)
    }

    /// Polls every `interval` until the task is cancelled.
    ///
    /// Polls start on the wall clock's multiples of the interval (whole seconds for a 1 s refresh), the same
    /// instants the dashboard's clock ticks on, so a second's new snapshot and its clock change make one frame.
    public func run() async {
        let (stream, continuation) = AsyncStream<Bool>.makeStream(bufferingPolicy: .bufferingNewest(1))
        wake = continuation
        defer { wake = nil }
        let interval = self.interval.seconds
        let clock = self.clock
        let ticker = Task {
            while !Task.isCancelled {
                let now = clock.now()
                try? await clock.sleep(until: now.addingTimeInterval(Self.untilNextMultiple(of: interval, now: now)))
                continuation.yield(false)
            }
        }
        defer { ticker.cancel() }
        await pollOnce()
        for await everyAccount in stream {
            if Task.isCancelled { break }
            await pollOnce(everyAccount: everyAccount)
        }
    }

    /// Seconds from `now` to the next wall-clock multiple of `interval` (never less than a tenth of it, so a tick
    /// that wakes a hair early does not poll twice).
    static func untilNextMultiple(of interval: TimeInterval, now: Date) -> TimeInterval {
        guard interval > 0 else { return 0 }
        let time = now.timeIntervalSince1970
        var wait = (time / interval).rounded(.down) * interval + interval - time
        if wait < interval / 10 { wait += interval }
        return wait
    }

    private func loadInstruments() async {
        do {
            _ = try await instruments.all()
            instrumentError = nil
        } catch {
            instrumentError = "instruments: \(error)"
            logger.warning("could not load instruments: \(error)")
        }
    }

    private func publish() async -> Snapshot {
        generation += 1
        let (version, counts, unfinished, storeError) = readStore()
        var holds: [PositionKey: SnapshotBuilder.Hold] = [:]
        for action in unfinished {
            holds[action.key] = SnapshotBuilder.Hold(actionId: action.id, interrupted: action.state == .interrupted)
        }
        let catalog = await instruments.cachedWithLoad
        let headroom = await rateLimiter?.headroom() ?? 1
        var snapshot = SnapshotBuilder.build(
            generation: generation, now: clock.now(), readings: accounts.map { readings[$0.config.name]! },
            instruments: catalog.instruments, instrumentsLoad: catalog.load, counts: counts, holds: holds,
            policy: policy, staleAfter: staleAfter, pollDuration: lastPollDuration, rateLimitHeadroom: headroom,
            storeVersion: version, reuse: &reuse)
        snapshot.storeError = storeError
        snapshot.turnSeconds = schedule.turnSeconds
        if !schedule.readsWhole { noteWatching(snapshot) }
        latest = snapshot
        for continuation in subscribers.values { continuation.yield(snapshot) }
        return snapshot
    }

    /// How close above the maintenance trigger a managed position's profit rate makes its account read at every
    /// poll while the fleet is read in turns.
    static let watchMargin = Decimal(string: "0.03")!

    /// Marks the accounts to read at every poll: the last read failed, or a position needs watching.
    private func noteWatching(_ snapshot: Snapshot) {
        for (index, account) in snapshot.accounts.enumerated() where index < watching.count {
            watching[index] = account.lastError != nil
        }
        for view in snapshot.positions where Self.needsWatching(view) {
            if let index = indexByName[view.key.account] { watching[index] = true }
        }
    }

    /// An action holds the position, or it is managed and at or near the maintenance trigger.
    static func needsWatching(_ view: PositionView) -> Bool {
        switch view.status {
        case .actionRunning, .interrupted, .maintenanceDue: return true
        default: return view.isManaged && view.distanceToTrigger.map { $0.isAtMost(watchMargin) } == true
        }
    }

    /// The maintenance counts and unfinished actions, read again only when something was committed since the last
    /// read (in this process or another); with the store's version taken before the read. When they cannot be read
    /// (a locked file, a journal value this version does not know), the last ones read are shown with the error,
    /// which keeps the autopilot from acting on counts it cannot trust.
    private func readStore() -> (StoreVersion?, [PositionKey: Int], [ActionRecord], String?) {
        let version = store.version()
        if let version, let stored, stored.version == version {
            return (version, stored.counts, stored.unfinished, nil)
        }
        do {
            let read = try store.countsAndUnfinishedActions()
            stored = version.map { ($0, read.counts, read.unfinished) }
            return (version, read.counts, read.unfinished, nil)
        } catch {
            logger.error("could not read the maintenance counts and the journal: \(error)")
            let last = stored
            stored = nil
            return (nil, last?.counts ?? [:], last?.unfinished ?? [], "journal: \(error)")
        }
    }

    /// The positions of several accounts, read in one batch (see `OKXClient.positions(of:)`).
    static func readPositions(
        _ accounts: [Account], previous: [String: AccountReading], timeout: Duration? = nil, clock wall: any WallClock
    ) async -> [AccountReading] {
        let clock = ContinuousClock()
        let started = clock.now
        let neverRead = accounts.map { previous[$0.config.name]!.fetchedAt == nil }
        let results = await readSplit(accounts.map(\.client), neverRead: neverRead) { clients, retrying in
            await OKXClient.positions(of: clients, retrying: retrying, timeout: retrying ? nil : timeout)
        }
        let finished = wall.now()
        let latency = clock.now - started
        return zip(accounts, results).map { account, result in
            var reading = previous[account.config.name]!
            switch result {
            case .success(let positions):
                reading.positions = positions
                reading.fetchedAt = Self.readTime(finished, after: reading.fetchedAt)
                reading.latency = latency
                reading.lastError = nil
            case .failure(let error):
                reading.lastError = "\(error)"
            }
            return reading
        }
    }

    /// Reads every client with `read`: those read before with one attempt each (an account that fails, or that its
    /// own rate limit holds back, keeps its last reading and shows why, and the next poll reads it again; the others
    /// are never kept waiting on its back-off), those never read with the usual retries beside them (they have
    /// nothing to show yet: `status` and a dashboard's first screen would show the account empty).
    static func readSplit<T: Sendable>(
        _ clients: [OKXClient], neverRead: [Bool],
        read: @escaping @Sendable ([OKXClient], _ retrying: Bool) async -> [Result<T, OKXError>]
    ) async -> [Result<T, OKXError>] {
        guard !clients.isEmpty else { return [] }
        let fresh = clients.indices.filter { neverRead[$0] }
        let known = clients.indices.filter { !neverRead[$0] }
        if fresh.isEmpty { return await read(clients, false) }
        if known.isEmpty { return await read(clients, true) }
        async let freshResults = read(fresh.map { clients[$0] }, true)
        let knownResults = await read(known.map { clients[$0] }, false)
        var results = [Result<T, OKXError>?](repeating: nil, count: clients.count)
        for (index, result) in zip(known, knownResults) { results[index] = result }
        for (index, result) in zip(fresh, await freshResults) { results[index] = result }
        return results.map { $0! }
    }

    /// The time a new reading is stamped with: `now`, or a microsecond after the last reading when the clock has not
    /// moved (a test's clock). Two readings of one account never share a time, since the snapshot and the screen keep
    /// whatever was made from a reading of the same time (see `SnapshotBuilder.Reuse`, `PositionView.readAt`).
    static func readTime(_ now: Date, after last: Date?) -> Date {
        guard let last, now <= last else { return now }
        return last.addingTimeInterval(0.000_001)
    }

    /// One account's positions, and its balance when `balance` is set (both in flight at once).
    static func read(
        _ account: Account, previous: AccountReading, balance: Bool, clock wall: any WallClock
    ) async -> AccountReading {
        var reading = previous
        let clock = ContinuousClock()
        let started = clock.now
        async let balanceRead = balance ? account.client.balance() : nil
        async let positionsRead = account.client.positions()
        do {
            let balance = try await balanceRead
            let positions = try await positionsRead
            let finished = wall.now()
            if let balance {
                reading.balance = balance
                reading.balanceFetchedAt = finished
            }
            reading.positions = positions
            reading.fetchedAt = Self.readTime(finished, after: reading.fetchedAt)
            reading.latency = clock.now - started
            reading.lastError = nil
        } catch {
            _ = try? await positionsRead
            reading.lastError = "\(error)"
        }
        return reading
    }
}
