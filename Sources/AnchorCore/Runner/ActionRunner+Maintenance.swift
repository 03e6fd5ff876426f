import AnchorStore
import Foundation
import OKX

extension ActionRunner {
    /// Close first (freeing the margin), wait until the exchange shows it closed, open the policy's size in the same
    /// direction, count once.
    func maintain(_ context: inout ActionContext, basis: PlanBasis) async throws -> ActionResult {
        guard let position = try await readPosition(context) else {
            throw await positionGone(context, during: "the super maintenance")
        }
        let count = try store.maintenanceCount(context.key)
        try verify(position, against: basis, count: count)
        context.before = position
        context.direction = position.direction
        context.posId = position.posId
        try await close(&context, position: position)
        return try await openAndCount(&context, closed: position, count: count)
    }

    /// Closes the whole position and waits until the positions no longer show it.
    ///
    /// A position that disappears under the close without the close being what ended it (liquidated or
    /// auto-deleveraged first, closed by hand elsewhere before the close reached OKX) stops the action: nothing is
    /// opened in its place and nothing is counted.
    func close(_ context: inout ActionContext, position: Position) async throws {
        try store.update(actionId: context.id, phase: .closing, at: now())
        let client = context.client
        let key = context.key
        let sent: (clientOrderId: String, stepId: Int64)
        do {
            sent = try await submitOrder(
                &context, kind: .close, size: position.pos.absoluteValue, sentCheckpoint: Checkpoint.closeSent,
                send: { clientOrderId throws(OKXError) in
                    _ = try await client.closePosition(
                        instId: key.instId, posSide: key.posSide, clientOrderId: clientOrderId)
                })
        } catch let refused as StepRefused {
            // OKX refused the close (51023 when there is no position): whatever ended the position, it was not
            // this action, and nothing is opened in its place.
            if try await readPosition(context) == nil { throw await positionGone(context, during: "the close") }
            throw Stop(.failed, "the close was refused: \(refused.error)", code: refused.error.okxCode)
        }
        let clock = ContinuousClock()
        let deadline = clock.now + options.closeDeadline
        context.report(.waiting, "waiting for OKX to show the position closed")
        var wait = options.pollInterval
        var closeOrder: Order?
        while true {
            // The close order is read beside the position, in the same round trip: once the position is gone, the
            // order read with it usually says already whether this close is what ended it.
            async let orderRead = try? client.order(instId: key.instId, clientOrderId: sent.clientOrderId)
            let stillThere = try await readPosition(context) != nil
            closeOrder = await orderRead ?? nil
            if !stillThere { break }
            guard clock.now < deadline else {
                throw Stop(
                    .interrupted, "the close was sent but the position still shows after \(options.closeDeadline)")
            }
            try await pause(wait)
            wait = nextWait(after: wait)
        }
        guard try await closedByThisAction(context, clientOrderId: sent.clientOrderId, seen: closeOrder) else {
            try store.finishStep(id: sent.stepId, state: .failed, at: now(), detail: "the position ended otherwise")
            throw await positionGone(context, during: "the close", begun: true)
        }
        context.changedSomething = true
        try store.finishStep(id: sent.stepId, state: .ok, at: now(), detail: "position closed")
        var event = EventRecord(
            time: now(), key: key, posId: position.posId, origin: context.origin, kind: .maintenanceClose,
            actionId: context.id, outcome: .ok,
            message:
                "closed \(position.pos.absoluteValue) contracts (unrealised \(Format.usdt(position.upl ?? 0)) USDT)")
        event.values(
            margin: (position.margin, 0), size: (position.pos.absoluteValue, 0), lever: (position.lever, nil),
            amount: position.pos.absoluteValue)
        try store.update(actionId: context.id, phase: .closed, event: event, at: now())
        context.report(.done, "closed \(position.pos.absoluteValue) contracts")
        try checkpoint(Checkpoint.closeConfirmed)
    }

    /// Whether this action's close is what ended the position: its order filled, or (where OKX cannot find the
    /// order) the positions history says closed rather than liquidated or auto-deleveraged. `seen` is the order as
    /// read beside the last position read; only when it was not yet final is the order asked for again.
    func closedByThisAction(_ context: ActionContext, clientOrderId: String, seen: Order?) async throws -> Bool {
        if let said = Self.closeVerdict(order: seen) { return said }
        let order = try? await context.client.order(instId: context.key.instId, clientOrderId: clientOrderId)
        if let said = Self.closeVerdict(order: order ?? nil) { return said }
        return Self.closeVerdict(history: await historyRow(context, posId: context.posId ?? context.before?.posId))
    }

    /// What the close order says: true when it filled, false when it ended otherwise (cancelled: the position was
    /// gone before it could fill), nil while it is not final or was not found.
    static func closeVerdict(order: Order?) -> Bool? {
        guard let order, order.state.isFinal else { return nil }
        return order.state == .filled
    }

    /// What the position's row in the positions history says: whether an order closed it
    /// (``PositionHistory/closedByOrder``), and true when there is no row or it has no type (the close was sent and
    /// the position is gone: nothing says anything else ended it).
    static func closeVerdict(history row: PositionHistory?) -> Bool {
        row?.closedByOrder ?? true
    }

    /// After the close: open the policy's size in the closed position's direction, and count the maintenance once the
    /// fill is confirmed. Anything that stops it here leaves the action interrupted — closed, not reopened — until
    /// resumed.
    func openAndCount(_ context: inout ActionContext, closed: Position?, count: Int) async throws -> ActionResult {
        try store.update(actionId: context.id, phase: .opening, at: now())
        let client = context.client
        let key = context.key
        guard let direction = context.direction ?? closed?.direction ?? key.posSide.direction else {
            throw Stop(
                .interrupted, "closed, not reopened: the journal does not say which way the one-way position bet")
        }
        let mark: Decimal
        let available: Decimal
        do {
            async let markRead = client.markPrice(instId: key.instId)
            async let balanceRead = client.balance()
            mark = try await markRead.markPx
            available = try await balanceRead.usdt?.availBal ?? 0
        } catch {
            throw Stop(.interrupted, "closed, not reopened: could not read the price and balance: \(error)")
        }
        let open = Planner.openSize(instrument: context.instrument, markPrice: mark, policy: policy)
        if let problem = Planner.openProblem(open, instrument: context.instrument, policy: policy, available: available)
        {
            throw Stop(.interrupted, "closed, not reopened: \(problem)")
        }
        do {
            let lever = try await currentLeverage(context, known: closed?.lever)
            if lever != policy.leverage { try await setLeverage(&context, to: policy.leverage) }
        } catch let refused as StepRefused {
            throw Stop(
                .interrupted, "closed, not reopened: set leverage: \(refused.error)", code: refused.error.okxCode)
        }
        let sent: (clientOrderId: String, stepId: Int64)
        do {
            sent = try await submitOrder(
                &context, kind: .open, size: open.contracts, sentCheckpoint: Checkpoint.openSent
            ) { clientOrderId throws(OKXError) in
                _ = try await client.placeOrder(
                    OrderRequest(
                        instId: key.instId, side: .opening(direction), posSide: key.posSide, size: open.contracts,
                        clientOrderId: clientOrderId))
            }
        } catch let refused as StepRefused {
            throw Stop(.interrupted, "closed, not reopened: \(refused.error)", code: refused.error.okxCode)
        } catch let stop as Stop {
            throw Stop(.interrupted, "closed, not reopened: \(stop.summary)", code: stop.code)
        }
        let order = try await confirmFill(
            &context, clientOrderId: sent.clientOrderId, stepId: sent.stepId, what: "the open")
        return try await countMaintenance(&context, order: order, closed: closed, count: count)
    }

    /// Counts a confirmed open: the count and its event in one transaction, once per action.
    func countMaintenance(
        _ context: inout ActionContext, order: Order, closed: Position?, count: Int
    ) async throws -> ActionResult {
        try checkpoint(Checkpoint.openConfirmed)
        let fresh = try? await readPosition(context)
        let filled = order.accFillSz ?? order.sz ?? 0
        let closedSize = closed?.pos.absoluteValue ?? context.before?.pos.absoluteValue
        let direction = context.direction.map { " \($0.rawValue)" } ?? ""
        var event = EventRecord(
            time: now(), key: context.key, posId: fresh?.posId, origin: context.origin, kind: .maintenance,
            actionId: context.id, outcome: .ok,
            message: "super maintenance: closed \(closedSize.map { "\($0)" } ?? "the position"), opened \(filled) "
                + "contracts\(direction) at \(policy.leverage)x; count \(count) → \(count + 1)")
        event.values(
            margin: (closed?.margin, fresh?.margin), size: (closedSize, fresh?.pos.absoluteValue ?? filled),
            lever: (closed?.lever, policy.leverage), amount: filled)
        let newCount = try store.recordMaintenanceCounted(actionId: context.id, event: event, phase: .opened)
        context.leverAfter = policy.leverage
        if let posId = fresh?.posId { context.posId = posId }
        context.report(.done, "opened \(filled) contracts\(direction); maintenance count \(newCount)")
        try checkpoint(Checkpoint.counted)
        return ActionResult(
            actionId: context.id, key: context.key, kind: .maintenance, state: .completed,
            summary:
                "closed \(closedSize.map { "\($0)" } ?? "the position"), opened \(filled) contracts\(direction) at "
                + "\(policy.leverage)x; maintenance count \(newCount)",
            countAfter: newCount, finalMargin: fresh?.margin, finalSize: fresh?.pos.absoluteValue ?? filled)
    }

    /// The side's leverage setting: the closed position's, or OKX's leverage info when unknown.
    func currentLeverage(_ context: ActionContext, known: Decimal?) async throws -> Decimal? {
        if let known { return known }
        let rows = try? await context.client.leverageInfo(instIds: [context.key.instId])
        return rows?.first { $0.posSide == context.key.posSide || context.key.posSide == .net }?.lever
    }
}
