import Foundation

@testable import AnchorCore
@testable import AnchorStore
@testable import AnchorTUI

/// A backend that serves fixture snapshots and plans and records what the app asked for.
actor FakeBackend: DashboardBackend {
    /// How `run` ends.
    enum RunMode {
        /// Reports one step and completes.
        case complete
        /// Reports one step, then waits until its task is cancelled and ends interrupted.
        case waitForCancel
    }

    let mode: RunMode
    let armedAtStart: Bool
    private(set) var considered = 0
    /// How often the app read the journal.
    private(set) var journalReads = 0
    private var snapshot: Snapshot
    private var continuation: AsyncStream<Snapshot>.Continuation?
    private(set) var planned: [PositionKey] = []
    private(set) var ran: [Plan] = []
    private(set) var cancelled = false
    private(set) var refreshed: [String] = []
    private(set) var autopilotStopped = false

    /// The clock a delayed read waits on.
    let clock: any WallClock

    init(
        snapshot: Snapshot, mode: RunMode = .complete, armedAtStart: Bool = false,
        clock: any WallClock = SystemClock()
    ) {
        self.snapshot = snapshot
        self.mode = mode
        self.armedAtStart = armedAtStart
        self.clock = clock
    }

    /// Publishes a new snapshot to the app.
    func publish(_ snapshot: Snapshot) {
        self.snapshot = snapshot
        continuation?.yield(snapshot)
    }

    func snapshots() async -> AsyncStream<Snapshot> {
        let (stream, continuation) = AsyncStream<Snapshot>.makeStream()
        self.continuation = continuation
        continuation.yield(snapshot)
        return stream
    }

    func runPolling() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    func pollNow() async {}

    func refresh(account: String) async {
        refreshed.append(account)
    }

    func plan(_ kind: ActionKind, for key: PositionKey) async throws -> Plan {
        planned.append(key)
        return DemoFixture.plan(kind, for: key, in: snapshot)
    }

    func run(_ plan: Plan, progress: @escaping @Sendable (ActionProgress) -> Void) async -> ActionResult {
        ran.append(plan)
        progress(
            ActionProgress(
                actionId: "fake000001", key: plan.key, kind: plan.kind, step: 1, total: max(1, plan.requestCount),
                stage: .done, message: "margin 20.29 → 15.29 USDT"))
        if mode == .waitForCancel {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(10))
            }
            cancelled = true
            return ActionResult(
                actionId: "fake000001", key: plan.key, kind: plan.kind, state: .interrupted,
                summary: "stopped: cancelled")
        }
        return ActionResult(
            actionId: "fake000001", key: plan.key, kind: plan.kind, state: .completed,
            summary: "margin \(Format.usdt(plan.expected.margin)) USDT", finalMargin: plan.expected.margin)
    }

    func resume(actionId: String, progress: @escaping @Sendable (ActionProgress) -> Void) async -> ActionResult {
        ActionResult(
            actionId: actionId, key: DemoFixture.apt, kind: .maintenance, state: .completed, summary: "resumed")
    }

    func abandon(actionId: String) async -> ActionResult {
        ActionResult(
            actionId: actionId, key: DemoFixture.apt, kind: .maintenance, state: .abandoned, summary: "abandoned")
    }

    func startAutopilot(
        onProgress: @escaping @Sendable (ActionProgress) -> Void, onResult: @escaping @Sendable (ActionResult) -> Void
    ) async -> Bool { armedAtStart }

    func toggleAutopilot() async -> Bool { true }

    func considerForAutopilot(_ snapshot: Snapshot) async {
        considered += 1
    }

    func stopAutopilot() async {
        autopilotStopped = true
    }

    /// How often the app asked for a page of events (the newest at start, older ones on scrolling).
    private(set) var pageReads = 0

    func events(limit: Int, beforeId: Int64?) async throws -> [EventRecord] {
        pageReads += 1
        return Array(DemoFixture.events().filter { beforeId == nil || ($0.id ?? 0) < beforeId! }.suffix(limit))
    }

    func events(afterId: Int64) async throws -> [EventRecord] {
        newerReads += 1
        if newerEventsDelay > .zero { try? await clock.sleep(for: newerEventsDelay) }
        return DemoFixture.events().filter { ($0.id ?? 0) > afterId }
    }

    /// How often the app asked for events newer than the ones it has.
    private(set) var newerReads = 0

    /// How long a read of newer events takes (the real store's read can come back after a frame).
    private(set) var newerEventsDelay: Duration = .zero

    func delayNewerEvents(by delay: Duration) {
        newerEventsDelay = delay
    }

    func unfinishedActions() async throws -> [ActionRecord] {
        journalReads += 1
        return []
    }

    /// A healthy account with nothing out of scope.
    func checkAccount(named name: String) async -> AccountCheck? {
        AccountCheck(
            name: name, role: name == "main" ? .main : .sub, managed: name != "main", keyWorks: true, keyProblem: nil,
            errorCode: nil, uid: "1", permissions: ["read_only", "trade"], accountLevel: "2",
            positionMode: "long_short_mode", ipAllowList: nil, clockSkewMilliseconds: 0, pollHeadroom: 0.8,
            managedPositions: 1, watched: [], positionsProblem: nil)
    }
}
