import AnchorStore
import Foundation
import Logging
import OKX

/// An OKX refusal that ends a step.
struct StepRefused: Error {
    var error: OKXError
}

/// What became of an order whose reply was lost.
enum OrderResolution {
    /// The exchange has it (in whatever state).
    case seen(Order)
    /// The exchange never saw it: it may be sent again with a fresh client order id.
    case neverSeen
}

extension ActionRunner {
    // MARK: Reads

    /// The position this action works on (its instrument, side and margin mode: never the cross position beside
    /// an isolated one) now, or nil when it is closed.
    func readPosition(_ context: ActionContext) async throws -> Position? {
        do {
            let positions = try await context.client.positions(instIds: [context.key.instId])
            return positions.first { context.key.matches($0) && $0.isOpen }
        } catch {
            throw Stop(.interrupted, "could not read the position: \(error)", code: error.okxCode)
        }
    }

    /// How a position that disappeared ended, in plain words, from OKX's positions history (liquidated,
    /// auto-deleveraged, closed): "liquidated (OKX positions history, 12:03:09 UTC)". A best effort: when the history
    /// cannot be read, it says so.
    func howPositionEnded(_ context: ActionContext, posId: String?) async -> String {
        guard let row = await historyRow(context, posId: posId) else {
            return "closed outside this action (OKX's positions history does not say how)"
        }
        var text = row.howClosed
        if let size = row.closeTotalPos {
            text += " (\(size) contracts" + (row.closeAvgPx.map { " at \($0)" } ?? "") + ")"
        }
        if let time = row.uTime {
            text += " at " + JSONReport.timestamp(Date(timeIntervalSince1970: Double(time) / 1000))
        }
        return text
    }

    /// The position's latest row in OKX's positions history; nil when the history cannot be read or has none.
    func historyRow(_ context: ActionContext, posId: String?) async -> PositionHistory? {
        let posId = posId.flatMap { $0.isEmpty ? nil : $0 }
        let rows = try? await context.client.positionsHistory(instId: context.key.instId, posId: posId)
        return Self.historyRow(of: posId, in: rows ?? [])
    }

    /// The first row of `rows` for the position `posId` (any row when there is no posId to go by).
    static func historyRow(of posId: String?, in rows: [PositionHistory]) -> PositionHistory? {
        rows.first { posId == nil || posId == "" || $0.posId == posId }
    }

    /// Ends an action whose position disappeared under it (liquidated, auto-deleveraged, closed elsewhere): an event
    /// says what happened, nothing more is sent, nothing is counted, and nothing is opened in its place. Gone before
    /// anything was sent, the action is refused; after, it failed.
    func positionGone(_ context: ActionContext, during what: String, begun sentSomething: Bool = false) async -> Stop {
        let how = await howPositionEnded(context, posId: context.posId ?? context.before?.posId)
        let begun = context.changedSomething || sentSomething
        let summary =
            begun
            ? "the position is gone during \(what): \(how); nothing more was sent, nothing counted or opened"
            : "the position is gone before \(what) began: \(how); nothing was sent, counted or opened"
        var event = EventRecord(
            time: now(), key: context.key, posId: context.posId, origin: context.origin, kind: .positionGone,
            actionId: context.id, outcome: .info, message: summary)
        event.values(margin: (context.before?.margin, 0), size: (context.before?.pos.absoluteValue, 0))
        do { try store.record(event) } catch { logger.error("could not record the end of \(context.id): \(error)") }
        context.report(.problem, summary)
        return Stop(begun ? .failed : .refused, summary)
    }

    /// USDT available to trade now.
    func readAvailable(_ context: ActionContext) async throws -> Decimal {
        do {
            return try await context.client.balance().usdt?.availBal ?? 0
        } catch {
            throw Stop(.interrupted, "could not read the balance: \(error)", code: error.okxCode)
        }
    }

    // MARK: Orders

    /// Sends one order step, resending with a fresh client order id only when the exchange never saw the
    /// previous attempt. Returns the client order id the exchange has.
    ///
    /// A never-seen close is sent again even when the position is gone meanwhile: OKX then refuses it (no position),
    /// and the caller learns the position ended some other way, rather than taking it for its own close.
    ///
    /// - Parameter send: sends the order with the given client order id.
    func submitOrder(
        _ context: inout ActionContext, kind: StepKind, size: Decimal, sentCheckpoint: String,
        send: (String) async throws(OKXError) -> Void
    ) async throws -> (clientOrderId: String, stepId: Int64) {
        let stepIndex = context.nextStep()
        var attempt = 0
        while true {
            attempt += 1
            guard attempt <= options.maxAttempts else {
                throw Stop(.interrupted, "\(kind.rawValue): gave up after \(options.maxAttempts) attempts")
            }
            let clientOrderId = ActionIdentifier.clientOrderId(actionId: context.id, step: stepIndex, attempt: attempt)
            let step = try store.recordStep(
                StepRecord(
                    actionId: context.id, stepIndex: stepIndex, attempt: attempt, kind: kind,
                    clientOrderId: clientOrderId, amount: size, sentAt: now()))
            let stepId = step.id!
            context.report(.sending, "\(kind.rawValue) \(size) contracts (order \(clientOrderId))")
            let failure: OKXError?
            do {
                try await send(clientOrderId)
                failure = nil
            } catch {
                failure = error
            }
            guard let error = failure else {
                try checkpoint(sentCheckpoint)
                return (clientOrderId, stepId)
            }
            do {
                switch error.classification {
                case .final, .retryableRead:
                    try store.finishStep(
                        id: stepId, state: .failed, at: now(), errorCode: error.okxCode,
                        errorMessage: error.description)
                    throw StepRefused(error: error)
                case .rateLimited:
                    try store.finishStep(
                        id: stepId, state: .failed, at: now(), errorCode: error.okxCode,
                        errorMessage: error.description)
                    context.report(.retrying, "\(error): waiting, then sending again")
                    try await pause(options.rateLimitPause)
                case .unknownOutcome:
                    try store.finishStep(
                        id: stepId, state: .unknown, at: now(), errorCode: error.okxCode,
                        errorMessage: error.description)
                    context.report(.problem, "\(error): asking OKX whether order \(clientOrderId) exists")
                    switch try await resolveOrder(context, clientOrderId: clientOrderId) {
                    case .seen:
                        try checkpoint(sentCheckpoint)
                        return (clientOrderId, stepId)
                    case .neverSeen:
                        context.report(.retrying, "OKX never saw order \(clientOrderId): sending a new one")
                    }
                }
            }
        }
    }

    /// Asks the exchange for a client order id until it answers definitely, within the unknown-outcome window.
    func resolveOrder(_ context: ActionContext, clientOrderId: String) async throws -> OrderResolution {
        let clock = ContinuousClock()
        let deadline = clock.now + options.unknownOutcomeWindow
        var lastError: OKXError?
        var answeredNotFound = false
        repeat {
            do {
                if let order = try await context.client.order(instId: context.key.instId, clientOrderId: clientOrderId)
                {
                    return .seen(order)
                }
                answeredNotFound = true
            } catch {
                lastError = error
            }
            try await pause(options.pollInterval * 2)
        } while clock.now < deadline
        if answeredNotFound { return .neverSeen }
        let why = lastError.map { "\($0)" } ?? "no answer"
        throw Stop(
            .interrupted, "the outcome of order \(clientOrderId) is unknown and OKX could not be asked: \(why)",
            code: lastError?.okxCode)
    }

    /// Waits until the order with this client id is filled. Returns it.
    func confirmFill(
        _ context: inout ActionContext, clientOrderId: String, stepId: Int64, what: String
    ) async throws
        -> Order
    {
        let clock = ContinuousClock()
        let deadline = clock.now + options.fillDeadline
        context.report(.waiting, "waiting for \(what) to fill")
        var last: Order?
        var wait = options.pollInterval
        while true {
            if let order = try? await context.client.order(instId: context.key.instId, clientOrderId: clientOrderId) {
                last = order
                switch order.state {
                case .filled:
                    let detail = "filled \(order.accFillSz ?? order.sz ?? 0) @ \(order.avgPx.map { "\($0)" } ?? "?")"
                    try store.finishStep(id: stepId, state: .ok, at: now(), detail: detail)
                    context.changedSomething = true
                    context.report(.done, "\(what) \(detail)")
                    return order
                case .canceled, .mmpCanceled:
                    try store.finishStep(id: stepId, state: .failed, at: now(), detail: "canceled")
                    throw Stop(.interrupted, "\(what) was canceled by OKX before it filled")
                case .live, .partiallyFilled, .other:
                    break
                }
            }
            guard clock.now < deadline else {
                let state = last.map { "\($0.state)" } ?? "not found"
                throw Stop(.interrupted, "\(what) did not show as filled in time (last seen: \(state))")
            }
            try await pause(wait)
            wait = nextWait(after: wait)
        }
    }

    // MARK: Margin and leverage

    /// How a margin step went.
    enum MarginStepOutcome {
        case applied
        /// 59301: more than OKX allows now.
        case tooMuch
        /// Nothing happened (rate limited, or a lost reply that turned out not applied): decide again.
        case notApplied
    }

    /// Sends one margin adjustment. On a lost reply, the position and the bills say whether it happened.
    func adjustMargin(
        _ context: inout ActionContext, type: MarginAdjustmentType, amount: Decimal, marginBefore: Decimal
    ) async throws -> MarginStepOutcome {
        let stepIndex = context.nextStep()
        let kind: StepKind = type == .reduce ? .reduceMargin : .addMargin
        let sentAt = now()
        let step = try store.recordStep(
            StepRecord(
                actionId: context.id, stepIndex: stepIndex, attempt: 1, kind: kind, clientOrderId: nil,
                amount: amount, sentAt: sentAt))
        let stepId = step.id!
        let words =
            type == .reduce ? "reduce margin by \(Format.usdt(amount)) USDT" : "add \(Format.usdt(amount)) USDT margin"
        context.report(.sending, words)
        let failure: OKXError?
        do {
            _ = try await context.client.adjustMargin(
                instId: context.key.instId, posSide: context.key.posSide, type: type, amount: amount)
            failure = nil
        } catch {
            failure = error
        }
        guard let error = failure else {
            try store.finishStep(id: stepId, state: .ok, at: now())
            try checkpoint(Checkpoint.marginSent)
            context.changedSomething = true
            return .applied
        }
        do {
            if error.baseCode == "59301" {
                try store.finishStep(
                    id: stepId, state: .failed, at: now(), errorCode: error.okxCode, errorMessage: error.description)
                return .tooMuch
            }
            switch error.classification {
            case .final, .retryableRead:
                try store.finishStep(
                    id: stepId, state: .failed, at: now(), errorCode: error.okxCode, errorMessage: error.description)
                throw StepRefused(error: error)
            case .rateLimited:
                try store.finishStep(
                    id: stepId, state: .failed, at: now(), errorCode: error.okxCode, errorMessage: error.description)
                context.report(.retrying, "\(error): waiting")
                try await pause(options.rateLimitPause)
                return .notApplied
            case .unknownOutcome:
                try store.finishStep(
                    id: stepId, state: .unknown, at: now(), errorCode: error.okxCode, errorMessage: error.description)
                context.report(.problem, "\(error): checking whether the margin moved")
                let applied = try await marginMoved(
                    context, type: type, amount: amount, marginBefore: marginBefore, since: sentAt)
                try store.finishStep(
                    id: stepId, state: applied ? .ok : .failed, at: now(),
                    detail: applied ? "applied (found after a lost reply)" : "not applied (after a lost reply)")
                if applied { context.changedSomething = true }
                return applied ? .applied : .notApplied
            }
        }
    }

    /// After a lost reply: did the margin move by `amount`? Asks the position, then the margin-transfer bills.
    func marginMoved(
        _ context: ActionContext, type: MarginAdjustmentType, amount: Decimal, marginBefore: Decimal, since: Date
    ) async throws -> Bool {
        let expected = type == .reduce ? marginBefore - amount : marginBefore + amount
        try await pause(options.pollInterval * 3)
        if let position = try await readPosition(context), let margin = position.margin,
            (margin - expected).absoluteValue <= .cent
        {
            return true
        }
        let subType = type == .reduce ? "161" : "160"
        if let bills = try? await context.client.bills(
            instId: context.key.instId, type: "6", subType: subType, limit: 20)
        {
            let sinceMs = Int64(since.timeIntervalSince1970 * 1000) - 2000
            return bills.contains { bill in
                (bill.ts ?? 0) >= sinceMs && (bill.posBalChg ?? 0).absoluteValue == amount
            }
        }
        return false
    }

    /// Sets this side's leverage. Safe to repeat: setting the same leverage twice changes nothing.
    func setLeverage(_ context: inout ActionContext, to leverage: Decimal) async throws {
        let stepIndex = context.nextStep()
        for attempt in 1...options.maxAttempts {
            let step = try store.recordStep(
                StepRecord(
                    actionId: context.id, stepIndex: stepIndex, attempt: attempt, kind: .setLeverage,
                    clientOrderId: nil, amount: leverage, sentAt: now()))
            context.report(.sending, "set leverage to \(leverage)x")
            let failure: OKXError?
            do {
                _ = try await context.client.setLeverage(
                    instId: context.key.instId, leverage: leverage, posSide: context.key.posSide)
                failure = nil
            } catch {
                failure = error
            }
            guard let error = failure else {
                try store.finishStep(id: step.id!, state: .ok, at: now())
                try checkpoint(Checkpoint.leverageSent)
                context.changedSomething = true
                context.leverAfter = leverage
                context.report(.done, "leverage is \(leverage)x")
                return
            }
            do {
                let state: StepState = error.classification == .unknownOutcome ? .unknown : .failed
                try store.finishStep(
                    id: step.id!, state: state, at: now(), errorCode: error.okxCode, errorMessage: error.description)
                switch error.classification {
                case .final, .retryableRead:
                    throw StepRefused(error: error)
                case .rateLimited:
                    try await pause(options.rateLimitPause)
                case .unknownOutcome:
                    let info = try? await context.client.leverageInfo(instIds: [context.key.instId])
                    if info?.first(where: { $0.posSide == context.key.posSide })?.lever == leverage {
                        context.leverAfter = leverage
                        context.changedSomething = true
                        return
                    }
                }
            }
        }
        throw Stop(.interrupted, "set leverage: gave up after \(options.maxAttempts) attempts")
    }

    /// The next pause while waiting for the exchange: doubling from `pollInterval` up to 8 times it, so a slow
    /// close or fill does not spend the account's rate limit on polls.
    func nextWait(after wait: Duration) -> Duration {
        min(wait * 2, options.pollInterval * 8)
    }

    /// A short pause while waiting for the exchange; ends early (throwing) if the task is cancelled.
    func pause(_ duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
