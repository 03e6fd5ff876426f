import AnchorStore
import Foundation
import OKX

extension ActionRunner {
    /// Leverage, trim, then margin into the band, each step decided on the position as it is after the last one.
    ///
    /// The next step is always the first step of a fresh plan made from the fresh position, so the runner and the
    /// confirmation dialog follow the same rules. On 59301 the step is halved, down to 0.01 USDT. A band the lot size
    /// or OKX's reduce limit puts out of reach ends the correction completed with a note saying why: it fails only on
    /// a refusal or an error.
    func correct(_ context: inout ActionContext, basis: PlanBasis?) async throws -> ActionResult {
        guard var position = try await readPosition(context) else {
            throw await positionGone(
                context, during: basis == nil ? "the interrupted correction (found on resume)" : "the correction",
                begun: basis == nil)
        }
        let count = try store.maintenanceCount(context.key)
        if let basis { try verify(position, against: basis, count: count) }
        context.before = context.before ?? position
        context.direction = context.direction ?? position.direction
        context.posId = position.posId
        var available = try await readAvailable(context)
        var stepCap = policy.maxMarginStep
        // Begun outside its band, a correction goes on to the target its plan showed, not just to the band's edge.
        let towardTarget = policy.marginBand(forCount: count).placement(of: position.margin ?? 0) != .inside
        var marginSteps = 0
        var notes: [String] = []
        try store.update(actionId: context.id, phase: .correcting, at: now())

        while true {
            let input = PlanInput(
                key: context.key, position: position, instrument: context.instrument, maintenanceCount: count,
                availableBalance: available, policy: policy,
                accountManaged: managedAccounts.contains(context.key.account))
            let plan = Planner.correction(input, towardTarget: towardTarget)
            if let blocker = plan.blockers.first {
                throw Stop(context.changedSomething ? .failed : .refused, blocker)
            }
            notes = plan.notes
            guard let step = plan.steps.first else { break }
            let marginBefore = position.margin ?? 0
            // The position as read right after the step, when the step read it itself (nil: not read yet).
            var readAfterStep: Position??
            do {
                switch step {
                case .setLeverage(let from, let to, _):
                    try await setLeverage(&context, to: to)
                    try recordStepEvent(
                        context, .leverage, before: position, lever: (from, to), message: "leverage \(from)x → \(to)x")
                    available = try await readAvailable(context)
                case .trim(let contracts, _, let direction):
                    let filled = try await trim(
                        &context, contracts: contracts, direction: direction, position: position)
                    // Read and logged at once, so the trim is in the log whatever happens next.
                    let after = try await readPosition(context)
                    try recordStepEvent(
                        context, .trim, before: position, after: after, amount: filled,
                        message: "trimmed \(filled) contracts to \(after?.pos.absoluteValue ?? 0)")
                    readAfterStep = .some(after)
                    available = try await readAvailable(context)
                case .reduceMargin(let wanted), .addMargin(let wanted):
                    let type: MarginAdjustmentType = if case .reduceMargin = step { .reduce } else { .add }
                    let amount = min(wanted, stepCap)
                    marginSteps += 1
                    guard marginSteps <= options.maxMarginSteps else {
                        throw Stop(.failed, "margin did not settle after \(options.maxMarginSteps) steps")
                    }
                    switch try await adjustMargin(&context, type: type, amount: amount, marginBefore: marginBefore) {
                    case .applied:
                        if type == .add { available -= amount }
                    case .tooMuch:
                        let half = (amount / 2).roundedDown(toMultipleOf: .cent)
                        guard half >= .cent else {
                            throw Stop(
                                context.changedSomething ? .failed : .refused,
                                "OKX refused to reduce even 0.01 USDT (59301) at margin \(Format.usdt(marginBefore))",
                                code: "59301")
                        }
                        stepCap = half
                        context.report(
                            .retrying, "59301: OKX refused \(Format.usdt(amount)) USDT; trying \(Format.usdt(half))")
                        continue
                    case .notApplied:
                        continue
                    }
                default:
                    break
                }
            } catch let refused as StepRefused {
                if try await readPosition(context) == nil {
                    throw await positionGone(context, during: "the correction")
                }
                throw Stop(
                    context.changedSomething ? .failed : .refused, "\(step.summary): \(refused.error)",
                    code: refused.error.okxCode)
            }
            let afterStep: Position?
            if let read = readAfterStep { afterStep = read } else { afterStep = try await readPosition(context) }
            guard let fresh = afterStep else {
                throw await positionGone(context, during: "the correction")
            }
            if case .reduceMargin = step {
                try recordStepEvent(
                    context, .marginReduce, before: position, after: fresh,
                    message: "margin \(Format.usdt(marginBefore)) → \(Format.usdt(fresh.margin ?? 0)) USDT")
            } else if case .addMargin = step {
                try recordStepEvent(
                    context, .marginAdd, before: position, after: fresh,
                    message: "margin \(Format.usdt(marginBefore)) → \(Format.usdt(fresh.margin ?? 0)) USDT")
            }
            position = fresh
        }

        let margin = position.margin ?? 0
        let band = policy.marginBand(forCount: count)
        context.leverAfter = position.lever
        let before = Format.usdt(context.before?.margin ?? 0)
        var summary =
            "margin \(before) → \(Format.usdt(margin)) USDT "
            + "(band \(Format.usdt(band.lower))–\(Format.usdt(band.upper)))"
        if band.placement(of: margin) != .inside {
            summary += "; " + (notes.isEmpty ? "the band cannot be reached now" : notes.joined(separator: "; "))
        }
        return ActionResult(
            actionId: context.id, key: context.key, kind: .correction, state: .completed, summary: summary,
            finalMargin: margin, finalSize: position.pos.absoluteValue)
    }

    /// Reduces the position by `contracts` with a fresh client order id, and waits for the fill. Returns the contracts
    /// filled; the caller reads the position after it and writes the event.
    ///
    /// The order can only reduce: it is sent against the direction the position bets, for less than it holds, and
    /// in one-way mode with `reduceOnly` (OKX refuses a reduce-only order that would open or flip the position).
    /// In long/short mode a closing order on the position's own side is reduce-only by itself.
    func trim(
        _ context: inout ActionContext, contracts: Decimal, direction: Direction, position: Position
    ) async throws -> Decimal {
        let key = context.key
        let instId = key.instId
        guard position.direction == direction, contracts < position.pos.absoluteValue else {
            throw Stop(
                .failed,
                "refused to send a trim of \(contracts) contracts against a "
                    + "\(position.direction?.rawValue ?? "closed") position of \(position.pos.absoluteValue): "
                    + "it could open or flip a position")
        }
        let request = OrderRequest(
            instId: instId, side: .closing(direction), posSide: key.posSide, size: contracts, clientOrderId: "",
            reduceOnly: key.posSide == .net ? true : nil)
        let client = context.client
        let sent = try await submitOrder(
            &context, kind: .trim, size: contracts, sentCheckpoint: Checkpoint.trimSent
        ) { clientOrderId throws(OKXError) in
            var order = request
            order.clientOrderId = clientOrderId
            _ = try await client.placeOrder(order)
        }
        let order = try await confirmFill(
            &context, clientOrderId: sent.clientOrderId, stepId: sent.stepId, what: "the trim")
        return order.accFillSz ?? contracts
    }

    /// Refuses to act when the position is not the one the plan was made for (the dashboard's rule too).
    func verify(_ position: Position, against basis: PlanBasis, count: Int) throws {
        let changes = basis.changes(comparedTo: position, maintenanceCount: count)
        guard changes.isEmpty else {
            throw Stop(
                .refused,
                "the position changed since the plan was made (\(changes.joined(separator: ", "))): plan again")
        }
    }

    /// Writes one step's event. Its amount is `amount` when given, else the margin moved.
    func recordStepEvent(
        _ context: ActionContext, _ kind: EventKind, before: Position, after: Position? = nil,
        lever: (Decimal?, Decimal?) = (nil, nil), amount: Decimal? = nil, message: String
    ) throws {
        var event = EventRecord(
            time: now(), key: context.key, posId: before.posId, origin: context.origin, kind: kind,
            actionId: context.id, outcome: .ok, message: message)
        let moved = after.flatMap { after in before.margin.flatMap { b in after.margin.map { ($0 - b).absoluteValue } }
        }
        event.values(
            margin: (before.margin, after?.margin), size: (before.pos.absoluteValue, after?.pos.absoluteValue),
            lever: lever, amount: amount ?? moved)
        try store.record(event)
    }
}
