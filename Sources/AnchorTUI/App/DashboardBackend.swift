public import AnchorCore
public import AnchorStore

/// What the dashboard asks of the engine, behind a protocol so the app loop runs against a fake in tests.
public protocol DashboardBackend: Sendable {
    /// Every snapshot published from now on, starting with the latest.
    func snapshots() async -> AsyncStream<Snapshot>
    /// Polls on the engine's interval until the task is cancelled.
    func runPolling() async
    /// Polls every account now.
    func pollNow() async
    /// Reads one account again and publishes a snapshot.
    func refresh(account: String) async
    /// A fresh plan from what the exchange says now.
    func plan(_ kind: ActionKind, for key: PositionKey) async throws -> Plan
    /// Runs a confirmed plan; never throws (every ending is a result).
    func run(_ plan: Plan, progress: @escaping @Sendable (ActionProgress) -> Void) async -> ActionResult
    /// Finishes an interrupted action.
    func resume(actionId: String, progress: @escaping @Sendable (ActionProgress) -> Void) async -> ActionResult
    /// Gives up an interrupted action.
    func abandon(actionId: String) async -> ActionResult
    /// Makes the autopilot and tells it where to report; returns whether it starts armed.
    func startAutopilot(
        onProgress: @escaping @Sendable (ActionProgress) -> Void, onResult: @escaping @Sendable (ActionResult) -> Void
    ) async -> Bool
    /// Arms or disarms the autopilot; returns the new state.
    func toggleAutopilot() async -> Bool
    /// Hands a snapshot to the autopilot, which starts what is due when armed.
    func considerForAutopilot(_ snapshot: Snapshot) async
    /// Disarms the autopilot for good (the dashboard is closing).
    func stopAutopilot() async
    /// The newest `limit` events before `beforeId` (all when nil), oldest first.
    func events(limit: Int, beforeId: Int64?) async throws -> [EventRecord]
    /// Events newer than `afterId`, oldest first.
    func events(afterId: Int64) async throws -> [EventRecord]
    /// Actions running or interrupted in the journal.
    func unfinishedActions() async throws -> [ActionRecord]
    /// The first-day checks of one account (`okx-anchor doctor` for one account); nil when there is no such account.
    func checkAccount(named name: String) async -> AccountCheck?
}

/// The real backend: an ``Engine`` and an ``Autopilot`` made from it.
public actor EngineBackend: DashboardBackend {
    let engine: Engine
    private var autopilot: Autopilot?

    /// A backend over `engine`.
    public init(engine: Engine) {
        self.engine = engine
    }

    /// The poller's snapshots, with the alerts' health when the config has channels.
    public func snapshots() async -> AsyncStream<Snapshot> {
        await AlertHealth.annotating(engine.poller.subscribe(), store: engine.store, channels: engine.config.notify)
    }
    /// The poller's loop.
    public func runPolling() async { await engine.poller.run() }
    /// Wakes the poller's loop.
    public func pollNow() async { await engine.poller.pollNow() }
    /// Reads one account and publishes.
    public func refresh(account: String) async { await engine.poller.refresh(account: account) }

    /// The runner's plan.
    public func plan(_ kind: ActionKind, for key: PositionKey) async throws -> Plan {
        try await engine.runner.plan(kind, for: key)
    }

    /// The runner's run, as a manual action.
    public func run(_ plan: Plan, progress: @escaping @Sendable (ActionProgress) -> Void) async -> ActionResult {
        await engine.runner.run(plan, origin: .manual, progress: progress)
    }

    /// The runner's resume.
    public func resume(actionId: String, progress: @escaping @Sendable (ActionProgress) -> Void) async -> ActionResult {
        await engine.runner.resume(actionId: actionId, progress: progress)
    }

    /// The runner's abandon.
    public func abandon(actionId: String) async -> ActionResult {
        await engine.runner.abandon(actionId: actionId)
    }

    /// Makes the engine's autopilot (armed when the config says `enabled`).
    public func startAutopilot(
        onProgress: @escaping @Sendable (ActionProgress) -> Void, onResult: @escaping @Sendable (ActionResult) -> Void
    ) async -> Bool {
        let made = engine.makeAutopilot(onProgress: onProgress, onResult: onResult)
        autopilot = made
        return await made.isArmed
    }

    /// Toggles the autopilot; false when there is none.
    public func toggleAutopilot() async -> Bool {
        guard let autopilot else { return false }
        return await autopilot.toggle()
    }

    /// The autopilot's `consider`.
    public func considerForAutopilot(_ snapshot: Snapshot) async {
        await autopilot?.consider(snapshot)
    }

    /// Disarms the autopilot.
    public func stopAutopilot() async {
        await autopilot?.disarm()
    }

    /// The store's page of events.
    public func events(limit: Int, beforeId: Int64?) async throws -> [EventRecord] {
        try engine.store.events(limit: limit, beforeId: beforeId)
    }

    /// The store's newer events.
    public func events(afterId: Int64) async throws -> [EventRecord] {
        try engine.store.events(afterId: afterId)
    }

    /// The journal's unfinished actions.
    public func unfinishedActions() async throws -> [ActionRecord] {
        try engine.store.unfinishedActions()
    }

    /// The engine's account check.
    public func checkAccount(named name: String) async -> AccountCheck? {
        await engine.checkAccount(named: name)
    }
}
