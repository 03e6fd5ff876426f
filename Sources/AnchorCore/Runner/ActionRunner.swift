public import AnchorStore
public import Foundation
public import Logging
public import OKX

#if canImport(Glibc)
    import Glibc
#endif

/// Why a plan could not even be made.
public struct PlanningError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Carries out confirmed plans, one action at a time per position, crash-safely.
///
/// Every step is written to the journal before its request is sent and its outcome after. After each step the
/// position is read again and the next step is decided on what the exchange now says, at once: no fixed sleeps,
/// only short polls while waiting for a close or a fill to show. A market order is never resent blindly: after an
/// unknown outcome the runner asks for its client order id and for the position first.
public actor ActionRunner {
    let store: Store
    let clients: [String: OKXClient]
    /// Accounts whose positions the policy may act on (`[[accounts]] manage`).
    let managedAccounts: Set<String>
    let instruments: InstrumentCatalog
    public let policy: Policy
    let options: RunnerOptions
    let now: @Sendable () -> Date
    let checkpointHook: @Sendable (String) throws -> Void
    let logger: Logger
    let pid: Int32
    var running: Set<PositionKey> = []

    /// - Parameters:
    ///   - clients: one client per account name.
    ///   - managedAccounts: the accounts whose positions may be acted on; every other is only watched.
    ///   - checkpoint: called at each `Checkpoint`; throwing `SimulatedCrash` stops the action as kill -9 would.
    public init(
        store: Store, clients: [String: OKXClient], managedAccounts: Set<String>,
        instruments: InstrumentCatalog, policy: Policy,
        options: RunnerOptions = RunnerOptions(), now: @escaping @Sendable () -> Date = { Date() },
        checkpoint: @escaping @Sendable (String) throws -> Void = { _ in },
        logger: Logger = Logger(label: "okx-anchor.runner")
    ) {
        self.store = store
        self.clients = clients
        self.managedAccounts = managedAccounts
        self.instruments = instruments
        self.policy = policy
        self.options = options
        self.now = now
        self.checkpointHook = checkpoint
        self.logger = logger
        self.pid = Int32(getpid())
    }

    /// Positions with an action running in this process.
    public var runningKeys: Set<PositionKey> { running }

    /// A fresh plan for one position, from what the exchange says now. A watched position gets a plan with the
    /// reason as its blocker, and nothing can run from it.
    public func plan(_ kind: ActionKind, for key: PositionKey) async throws -> Plan {
        guard let client = clients[key.account] else { throw PlanningError("no account named \(key.account)") }
        async let positionsRead = client.positions(instIds: [key.instId])
        async let balanceRead = client.balance()
        let positions = try await positionsRead
        let balance = try await balanceRead
        guard let position = positions.first(where: { key.matches($0) && $0.isOpen }) else {
            throw PlanningError(
                "no open \(key.posSide.rawValue) \(key.mgnMode) position on \(key.instId) in \(key.account)")
        }
        guard let instrument = try await instruments.instrument(key.instId) else {
            throw PlanningError("OKX does not list \(key.instId)")
        }
        let input = PlanInput(
            key: key, position: position, instrument: instrument, maintenanceCount: try store.maintenanceCount(key),
            availableBalance: balance.usdt?.availBal ?? 0, policy: policy,
            accountManaged: managedAccounts.contains(key.account))
        return kind == .correction ? Planner.correction(input) : Planner.maintenance(input)
    }

    /// Runs a confirmed plan. Returns how it ended; never throws (every ending is a result).
    public func run(
        _ plan: Plan, origin: ActionOrigin, parentId: String? = nil,
        progress: @escaping @Sendable (ActionProgress) -> Void = { _ in }
    ) async -> ActionResult {
        let key = plan.key
        func refusal(_ why: String) -> ActionResult {
            ActionResult(actionId: nil, key: key, kind: plan.kind, state: .refused, summary: why)
        }
        if let blocker = plan.blockers.first { return refusal(blocker) }
        // The plan's own scope check already refused a watched position; this holds for a plan made elsewhere.
        guard key.mgnMode == .isolated else {
            return refusal(Planner.watchedRefusal(key.mgnMode == .cross ? .cross : .marginMode(key.mgnMode.rawValue)))
        }
        guard managedAccounts.contains(key.account) else { return refusal(Planner.watchedRefusal(.accountNotManaged)) }
        if plan.isNoop {
            return ActionResult(
                actionId: nil, key: key, kind: plan.kind, state: .completed,
                summary: "nothing to do: " + (plan.notes.first ?? "margin in band"), finalMargin: plan.basis.margin,
                finalSize: plan.basis.size)
        }
        guard plan.isRunnable else { return refusal(plan.blockers.first ?? "the plan cannot run") }
        guard !running.contains(key) else { return refusal("another action is already running on this position") }
        guard let client = clients[key.account] else { return refusal("no account named \(key.account)") }
        running.insert(key)
        defer { running.remove(key) }

        let instrument: Instrument
        switch await lookUpInstrument(key) {
        case .success(let found): instrument = found
        case .failure(let problem): return refusal(problem.message)
        }
        let id = ActionIdentifier.make()
        let planJSON = (try? String(decoding: JSONEncoder().encode(plan), as: UTF8.self)) ?? "{}"
        let record = ActionRecord(
            id: id, kind: plan.kind, origin: origin, key: key, posId: plan.basis.posId, phase: .begun, plan: planJSON,
            createdAt: now(), ownerPid: pid, parentId: parentId)
        do {
            try store.begin(record)
        } catch {
            return refusal(error.description)
        }
        var context = ActionContext(
            id: id, kind: plan.kind, origin: origin, key: key, client: client, instrument: instrument,
            progress: progress, total: max(1, plan.requestCount))
        context.direction = plan.basis.direction
        context.posId = plan.basis.posId
        context.report(.started, plan.kind == .maintenance ? "super maintenance started" : "correction started")
        let result = await perform(&context) { runner, context in
            try runner.checkpoint(Checkpoint.begun)
            switch plan.kind {
            case .correction:
                return try await runner.correct(&context, basis: plan.basis)
            case .maintenance:
                return try await runner.maintain(&context, basis: plan.basis)
            }
        }
        // The action is over: free the position before the correction that may follow it.
        running.remove(key)
        return await followUp(after: result, context: context)
    }

    /// Runs an action body and turns how it ended into the journal's final state and a result.
    func perform(
        _ context: inout ActionContext,
        _ body: (isolated ActionRunner, inout ActionContext) async throws -> ActionResult
    ) async -> ActionResult {
        do {
            let result = try await body(self, &context)
            return finish(
                &context, state: result.state, summary: result.summary, code: result.errorCode, result: result)
        } catch let crash as SimulatedCrash {
            // As after kill -9: nothing more is written. The journal shows the action as it was.
            logger.warning("simulated crash at \(crash.checkpoint)")
            return ActionResult(
                actionId: context.id, key: context.key, kind: context.kind, state: .running,
                summary: "stopped at \(crash.checkpoint) (simulated crash)")
        } catch let stop as Stop {
            return finish(&context, state: stop.state, summary: stop.summary, code: stop.code, result: nil)
        } catch {
            return finish(&context, state: .interrupted, summary: "stopped: \(error)", code: nil, result: nil)
        }
    }

    /// Writes the final state with its event and reports it.
    func finish(
        _ context: inout ActionContext, state: ActionState, summary: String, code: String?, result: ActionResult?
    ) -> ActionResult {
        let (kind, outcome): (EventKind, EventOutcome) =
            switch state {
            case .completed: (context.kind == .correction ? .correction : .resumed, .ok)
            case .refused: (.refused, .refused)
            case .interrupted: (.interrupted, .interrupted)
            case .abandoned: (.abandoned, .info)
            case .failed, .running: (.failed, .failed)
            }
        var event = EventRecord(
            time: now(), key: context.key, posId: context.posId, origin: context.origin, kind: kind,
            actionId: context.id, outcome: outcome,
            message: "\(context.kind == .correction ? "correction" : "super maintenance"): \(summary)")
        event.errorCode = code
        if let result {
            event.values(
                margin: (context.before?.margin, result.finalMargin),
                size: (context.before?.pos.absoluteValue, result.finalSize),
                lever: (context.before?.lever, context.leverAfter))
        }
        // A completed maintenance already wrote its `maintenance` event with the count; no second summary line.
        let writeEvent = !(state == .completed && context.kind == .maintenance)
        do {
            try store.update(
                actionId: context.id, state: state, summary: summary, errorCode: code,
                errorMessage: state == .completed ? nil : summary, event: writeEvent ? event : nil, at: now())
        } catch {
            logger.error("could not write the end of action \(context.id): \(error)")
        }
        context.report(.finished(state), summary)
        var final =
            result
            ?? ActionResult(actionId: context.id, key: context.key, kind: context.kind, state: state, summary: summary)
        final.actionId = context.id
        final.state = state
        final.summary = summary
        final.errorCode = code
        return final
    }

    /// The correction that follows a completed maintenance, when the policy asks for it.
    func followUp(after result: ActionResult, context: ActionContext) async -> ActionResult {
        guard result.kind == .maintenance, result.state == .completed, policy.correctAfterMaintenance else {
            return result
        }
        var result = result
        do {
            let plan = try await self.plan(.correction, for: result.key)
            let correction = await run(plan, origin: context.origin, parentId: context.id, progress: context.progress)
            result.followUp = [correction]
            if let margin = correction.finalMargin { result.finalMargin = margin }
            if let size = correction.finalSize { result.finalSize = size }
        } catch {
            result.followUp = [
                ActionResult(
                    actionId: nil, key: result.key, kind: .correction, state: .refused,
                    summary: "the correction after it could not be planned: \(error)")
            ]
        }
        return result
    }

    /// Calls the checkpoint hook.
    func checkpoint(_ name: String) throws {
        try checkpointHook(name)
    }

    /// The instrument of `key` from the catalogue, or why an action on it cannot start.
    func lookUpInstrument(_ key: PositionKey) async -> Result<Instrument, CannotStart> {
        do {
            guard let found = try await instruments.instrument(key.instId) else {
                return .failure(CannotStart(message: "OKX does not list \(key.instId)"))
            }
            return .success(found)
        } catch {
            return .failure(CannotStart(message: "could not read the instrument: \(error)"))
        }
    }
}

/// Why an action cannot start, in words for its result.
struct CannotStart: Error {
    var message: String
}

/// Ends an action with a state and a reason.
struct Stop: Error {
    var state: ActionState
    var summary: String
    var code: String?

    init(_ state: ActionState, _ summary: String, code: String? = nil) {
        self.state = state
        self.summary = summary
        self.code = code
    }
}

/// The running state of one action.
struct ActionContext: Sendable {
    let id: String
    let kind: ActionKind
    let origin: ActionOrigin
    let key: PositionKey
    let client: OKXClient
    let instrument: Instrument
    let progress: @Sendable (ActionProgress) -> Void
    var total: Int
    var step = 0
    /// True once a request that changes something was confirmed.
    var changedSomething = false
    /// The position when the action began.
    var before: Position?
    var leverAfter: Decimal?
    /// Which way the position bets: trims reduce it this way, a maintenance reopens it this way.
    var direction: Direction?
    /// OKX's id of the position acted on (the events name it).
    var posId: String?

    init(
        id: String, kind: ActionKind, origin: ActionOrigin, key: PositionKey, client: OKXClient,
        instrument: Instrument, progress: @escaping @Sendable (ActionProgress) -> Void, total: Int
    ) {
        self.id = id
        self.kind = kind
        self.origin = origin
        self.key = key
        self.client = client
        self.instrument = instrument
        self.progress = progress
        self.total = total
    }

    /// Moves to the next step.
    mutating func nextStep() -> Int {
        step += 1
        total = max(total, step)
        return step
    }

    func report(_ stage: ActionProgress.Stage, _ message: String) {
        progress(
            ActionProgress(
                actionId: id, key: key, kind: kind, step: step, total: total, stage: stage, message: message))
    }
}
