import AnchorStore
import Foundation
import OKX

extension ActionRunner {
    /// Finishes an interrupted action from where the exchange says it stands.
    ///
    /// A maintenance asks first for every open it may have sent (by client order id): one that exists is
    /// confirmed and counted (once); only when none reached the exchange does it look at the position: the
    /// original still open means close first; nothing open means open now.
    public func resume(
        actionId: String, progress: @escaping @Sendable (ActionProgress) -> Void = { _ in }
    ) async -> ActionResult {
        let action: ActionRecord
        do {
            guard let found = try store.action(id: actionId) else {
                return ActionResult(
                    actionId: actionId, key: PositionKey(account: "?", instId: "?", posSide: .long), kind: .correction,
                    state: .refused, summary: "no action \(actionId) in the journal")
            }
            action = found
        } catch {
            return ActionResult(
                actionId: actionId, key: PositionKey(account: "?", instId: "?", posSide: .long), kind: .correction,
                state: .refused, summary: error.description)
        }
        let key = action.key
        func refusal(_ why: String) -> ActionResult {
            ActionResult(actionId: actionId, key: key, kind: action.kind, state: .refused, summary: why)
        }
        guard action.state == .interrupted else {
            return refusal("only an interrupted action can be resumed; this one is \(action.state.rawValue)")
        }
        guard !running.contains(key) else { return refusal("another action is already running on this position") }
        guard let client = clients[key.account] else { return refusal("no account named \(key.account)") }
        // Reserved before the first await, as `run` does: the actor lets other calls in while it waits.
        running.insert(key)
        defer { running.remove(key) }
        let instrument: Instrument
        switch await lookUpInstrument(key) {
        case .success(let found): instrument = found
        case .failure(let problem): return refusal(problem.message)
        }
        let steps: [StepRecord]
        do {
            steps = try store.steps(actionId: actionId)
            let event = EventRecord(
                time: now(), key: key, posId: action.posId, origin: action.origin, kind: .resumed, actionId: actionId,
                outcome: .info,
                message: "\(action.kind == .maintenance ? "super maintenance" : "correction") resumed at "
                    + action.phase.rawValue)
            try store.update(actionId: actionId, state: .running, ownerPid: pid, event: event, at: now())
        } catch {
            return refusal(error.description)
        }
        var context = ActionContext(
            id: actionId, kind: action.kind, origin: action.origin, key: key, client: client, instrument: instrument,
            progress: progress, total: max(1, steps.map(\.stepIndex).max() ?? 1))
        context.posId = action.posId
        context.step = steps.map(\.stepIndex).max() ?? 0
        context.changedSomething = steps.contains { $0.state == .ok }
        context.report(.started, "resuming at \(action.phase.rawValue)")
        let result = await perform(&context) { runner, context in
            switch action.kind {
            case .correction:
                try await runner.settleOrders(&context, steps: steps, kind: .trim)
                return try await runner.correct(&context, basis: nil)
            case .maintenance:
                return try await runner.resumeMaintenance(&context, action: action, steps: steps)
            }
        }
        // The action is over: free the position before the correction that may follow it.
        running.remove(key)
        return await followUp(after: result, context: context)
    }

    /// Marks an interrupted action abandoned: the trader takes it from here.
    public func abandon(actionId: String) -> ActionResult {
        do {
            guard let action = try store.action(id: actionId) else {
                return ActionResult(
                    actionId: actionId, key: PositionKey(account: "?", instId: "?", posSide: .long), kind: .correction,
                    state: .refused, summary: "no action \(actionId) in the journal")
            }
            guard action.state == .interrupted else {
                return ActionResult(
                    actionId: actionId, key: action.key, kind: action.kind, state: .refused,
                    summary: "only an interrupted action can be abandoned; this one is \(action.state.rawValue)")
            }
            let event = EventRecord(
                time: now(), key: action.key, posId: action.posId, origin: action.origin, kind: .abandoned,
                actionId: actionId,
                outcome: .info,
                message: "\(action.kind == .maintenance ? "super maintenance" : "correction") abandoned at "
                    + action.phase.rawValue)
            try store.update(
                actionId: actionId, state: .abandoned, summary: "abandoned at \(action.phase.rawValue)", event: event,
                at: now())
            return ActionResult(
                actionId: actionId, key: action.key, kind: action.kind, state: .abandoned,
                summary: "abandoned at \(action.phase.rawValue)")
        } catch {
            return ActionResult(
                actionId: actionId, key: PositionKey(account: "?", instId: "?", posSide: .long), kind: .correction,
                state: .refused, summary: error.description)
        }
    }

    /// A maintenance from wherever it stopped.
    ///
    /// Opens only after a close of this action's own is confirmed: a position found gone without one (liquidated,
    /// auto-deleveraged, closed elsewhere) ends the action with nothing opened, and a position found where this
    /// action's close already ended the old one is someone else's, and is left alone.
    func resumeMaintenance(
        _ context: inout ActionContext, action: ActionRecord, steps: [StepRecord]
    ) async throws
        -> ActionResult
    {
        let key = context.key
        let events = try store.events(actionId: action.id)
        if let counted = events.first(where: { $0.kind == .maintenance }) {
            let position = try await readPosition(context)
            return ActionResult(
                actionId: action.id, key: key, kind: .maintenance, state: .completed,
                summary: "already counted (maintenance count \(counted.countAfter ?? 0))",
                countAfter: counted.countAfter,
                finalMargin: position?.margin, finalSize: position?.pos.absoluteValue)
        }
        let count = try store.maintenanceCount(key)
        let closedEvent = events.last { $0.kind == .maintenanceClose }
        let closedFacts = closedEvent.flatMap { event in
            Build.closedPosition(key: key, event: event)
        }
        let plan = try? JSONDecoder().decode(Plan.self, from: Data(action.plan.utf8))
        context.direction = plan?.basis.direction ?? key.posSide.direction
        context.posId = action.posId
        // Any open that may have reached the exchange: ask for it before anything else.
        for step in steps.reversed() where step.kind == .open && step.state != .failed {
            guard let clientOrderId = step.clientOrderId, let stepId = step.id else { continue }
            context.report(.waiting, "asking OKX for the open \(clientOrderId)")
            if case .seen = try await resolveOrder(context, clientOrderId: clientOrderId) {
                let order = try await confirmFill(
                    &context, clientOrderId: clientOrderId, stepId: stepId, what: "the open")
                return try await countMaintenance(&context, order: order, closed: closedFacts, count: count)
            }
            try store.finishStep(id: stepId, state: .failed, at: now(), detail: "never reached OKX")
        }
        // No open reached the exchange. Settle any close whose outcome the journal does not know.
        try await settleOrders(&context, steps: steps, kind: .close)
        let settled = try store.steps(actionId: action.id)
        let closedByUs = closedEvent != nil || settled.contains { $0.kind == .close && $0.state == .ok }
        if let position = try await readPosition(context) {
            guard !closedByUs, action.posId.isEmpty || position.posId == action.posId else {
                throw Stop(
                    .interrupted,
                    "a position this action did not open now holds this side (posId \(position.posId)): check it, "
                        + "then abandon the action")
            }
            context.before = position
            context.direction = position.direction ?? context.direction
            try await close(&context, position: position)
            return try await openAndCount(&context, closed: position, count: count)
        }
        guard closedByUs else {
            throw await positionGone(context, during: "the interrupted maintenance (found on resume)", begun: true)
        }
        if closedEvent == nil {
            var event = EventRecord(
                time: now(), key: key, posId: action.posId, origin: context.origin, kind: .maintenanceClose,
                actionId: context.id, outcome: .ok, message: "this action's close was found filled on resume")
            event.values()
            try store.update(actionId: context.id, phase: .closed, event: event, at: now())
        }
        return try await openAndCount(&context, closed: closedFacts, count: count)
    }

    /// Waits out orders of `kind` whose outcome the journal does not know, so nothing is decided on a position
    /// that an in-flight order is about to change.
    func settleOrders(_ context: inout ActionContext, steps: [StepRecord], kind: StepKind) async throws {
        for step in steps where step.kind == kind && (step.state == .pending || step.state == .unknown) {
            guard let clientOrderId = step.clientOrderId, let stepId = step.id else { continue }
            switch try await resolveOrder(context, clientOrderId: clientOrderId) {
            case .seen:
                _ = try await confirmFill(
                    &context, clientOrderId: clientOrderId, stepId: stepId, what: "the \(kind.rawValue)")
            case .neverSeen:
                try store.finishStep(id: stepId, state: .failed, at: now(), detail: "never reached OKX")
            }
        }
    }
}

/// Rebuilds what the journal says of a closed position, for the maintenance event's before values.
enum Build {
    static func closedPosition(key: PositionKey, event: EventRecord) -> Position? {
        var fields: [String: JSONValue] = [
            "instId": .string(key.instId), "posSide": .string(key.posSide.rawValue), "mgnMode": .string("isolated"),
            "posId": .string(""),
        ]
        if let size = event.sizeBefore { fields["pos"] = .string(size) }
        if let margin = event.marginBefore { fields["margin"] = .string(margin) }
        if let lever = event.leverBefore { fields["lever"] = .string(lever) }
        return try? Position(fields: try OKXFields(.object(fields)))
    }
}
