import AnchorStore
import Foundation
import OKX

extension Planner {
    /// A correction: leverage to policy, trim to the target notional, then margin into the band for the count,
    /// aiming at the target.
    ///
    /// - Parameter towardTarget: keep moving margin toward the target even when it is already inside the band.
    ///   A position found in its band needs nothing; but a correction that started outside it goes on to the
    ///   target its plan showed, so the runner (which plans again after every step) does what was confirmed.
    public static func correction(_ input: PlanInput, towardTarget: Bool = false) -> Plan {
        let policy = input.policy
        let band = policy.marginBand(forCount: input.maintenanceCount)
        var sim = Simulation(input: input)
        var plan = Plan(
            kind: .correction, key: input.key, basis: basis(input), steps: [], expected: sim.outcome,
            estimatedFees: 0, band: band, blockers: [], notes: [], followUpSteps: [])
        if let reason = unusable(input) {
            plan.blockers.append(reason)
            return plan
        }
        correctionSteps(
            into: &plan, simulation: &sim, instrument: input.instrument, policy: policy, band: band,
            towardTarget: towardTarget)
        plan.expected = sim.outcome
        return plan
    }

    /// Appends the correction's steps for the simulated position, moving the simulation forward.
    static func correctionSteps(
        into plan: inout Plan, simulation sim: inout Simulation, instrument: Instrument, policy: Policy,
        band: MarginBand, towardTarget: Bool = false
    ) {
        // 1. Leverage, per side. Raising moves nothing; lowering tops margin up to Q·avgPx/newLever from cash.
        if sim.leverage != policy.leverage {
            let required = sim.quantity * sim.averagePrice / policy.leverage
            var topUp: Decimal = 0
            if policy.leverage < sim.leverage, sim.margin + sim.pnl < required {
                topUp = (required - (sim.margin + sim.pnl)).roundedUp(toMultipleOf: .cent)
                if topUp > sim.cash {
                    plan.blockers.append(
                        "lowering leverage to \(policy.leverage)x needs \(Format.usdt(topUp)) USDT, available "
                            + "\(Format.usdt(sim.cash)) USDT")
                    return
                }
            }
            plan.steps.append(.setLeverage(from: sim.leverage, to: policy.leverage, topUp: topUp))
            sim.margin += topUp
            sim.cash -= topUp
            sim.leverage = policy.leverage
        }

        // 2. Trim the size to the target notional, so that margin above the opening margin becomes reducible.
        if policy.targetNotional > 0, sim.notional > policy.targetNotional * (1 + policy.marginTolerance) {
            trimSteps(into: &plan, simulation: &sim, instrument: instrument, policy: policy)
        }

        // 3. Margin into the band, aiming at the target, in steps of at most max_margin_step.
        var placement = band.placement(of: sim.margin)
        if towardTarget, placement == .inside {
            placement = sim.margin > band.target ? .above : sim.margin < band.target ? .below : .inside
        }
        switch placement {
        case .inside:
            break
        case .above:
            let wanted = (sim.margin - band.target).roundedDown(toMultipleOf: .cent)
            let allowed = sim.reducible(buffer: policy.safetyBuffer)
            let amount = min(wanted, allowed)
            if amount < wanted {
                let after = sim.margin - amount
                if band.placement(of: after) == .above {
                    plan.notes.append(reduceLimitNote(sim: sim, policy: policy, allowed: allowed, band: band))
                }
            }
            appendMarginSteps(total: amount, cap: policy.maxMarginStep, into: &plan) { .reduceMargin($0) }
            sim.margin -= amount
            sim.cash += amount
        case .below:
            let wanted = (band.target - sim.margin).roundedUp(toMultipleOf: .cent)
            let affordable = sim.cash.roundedDown(toMultipleOf: .cent)
            var amount = wanted
            if wanted > affordable {
                if band.placement(of: sim.margin) == .inside {
                    // Already in the band, only short of the target: nothing more to do.
                    break
                } else if sim.margin + affordable >= band.lower {
                    amount = affordable
                    plan.notes.append(
                        "adds only \(Format.usdt(affordable)) USDT (all available) of the \(Format.usdt(wanted)) wanted"
                    )
                } else {
                    plan.blockers.append(
                        "not enough available balance to add \(Format.usdt(wanted)) USDT margin: "
                            + "\(Format.usdt(sim.cash)) USDT")
                    return
                }
            }
            appendMarginSteps(total: amount, cap: policy.maxMarginStep, into: &plan) { .addMargin($0) }
            sim.margin += amount
            sim.cash -= amount
        }
    }

    /// Trims to the lot count whose notional is nearest the target (never below the minimum order, never the whole
    /// position), in market orders of at most `maxMktSz`. When no lot count lands in the target's band, the trim
    /// still goes to the nearest and a note says why; when the nearest is the size held, nothing is trimmed and a
    /// note says so. The correction goes on to the margin either way: rounding never fails it.
    static func trimSteps(
        into plan: inout Plan, simulation sim: inout Simulation, instrument: Instrument, policy: Policy
    ) {
        let perContract = sim.contractValue * sim.markPrice
        guard perContract > 0, instrument.lotSz > 0 else { return }
        let band =
            policy.targetNotional * (1 - policy.marginTolerance)...policy.targetNotional
            * (1 + policy.marginTolerance)
        var keep = (policy.targetNotional / perContract).roundedToNearest(multipleOf: instrument.lotSz)
        keep = max(keep, instrument.minSz, instrument.lotSz)
        let excess = max(0, sim.size - keep).roundedDown(toMultipleOf: instrument.lotSz)
        let lotNotional = Format.usdt(instrument.lotSz * perContract)
        guard excess >= instrument.minSz, excess > 0, excess < sim.size else {
            plan.notes.append(
                "the notional \(Format.usdt(sim.notional)) USDT is above the target "
                    + "\(Format.usdt(policy.targetNotional)) USDT, but the nearest size the lot "
                    + "(\(instrument.lotSz) contracts ≈ \(lotNotional) USDT) allows is the size held: not trimmed")
            return
        }
        var remaining = excess
        let cap = instrument.maxMktSz.map { $0.roundedDown(toMultipleOf: instrument.lotSz) } ?? excess
        while remaining > 0 {
            let chunk = cap > 0 ? min(remaining, cap) : remaining
            let fee = chunk * sim.contractValue * sim.markPrice * takerFeeRate
            // Multiply before dividing so that decimal fractions stay exact.
            let released = sim.margin * chunk / sim.size
            let realized = sim.pnl * chunk / sim.size
            sim.margin -= released
            sim.pnl -= realized
            sim.size -= chunk
            sim.cash += released + realized - fee
            plan.estimatedFees += fee
            plan.steps.append(.trim(contracts: chunk, notionalAfter: sim.notional, direction: sim.direction))
            remaining -= chunk
        }
        if !band.contains(sim.notional) {
            plan.notes.append(
                "no size on the lot (\(instrument.lotSz) contracts ≈ \(lotNotional) USDT) puts the notional within "
                    + "\(Format.usdt(band.lowerBound))–\(Format.usdt(band.upperBound)) USDT: trimmed to the nearest, "
                    + "\(Format.usdt(sim.notional)) USDT")
        }
    }

    /// Splits `total` into steps of at most `cap`, rounded to the cent, largest first.
    static func appendMarginSteps(
        total: Decimal, cap: Decimal, into plan: inout Plan, _ make: (Decimal) -> PlanStep
    ) {
        guard total >= .cent else { return }
        let step = max(cap.roundedDown(toMultipleOf: .cent), .cent)
        var remaining = total
        while remaining >= .cent {
            let amount = min(step, remaining)
            plan.steps.append(make(amount))
            remaining -= amount
        }
    }

    /// Says exactly why the margin cannot come down into the band now.
    static func reduceLimitNote(sim: Simulation, policy: Policy, allowed: Decimal, band: MarginBand) -> String {
        let okxLimit = sim.maxReduce.roundedDown(toMultipleOf: .cent)
        let houseLimit = max(0, sim.margin - sim.floor(buffer: policy.safetyBuffer)).roundedDown(toMultipleOf: .cent)
        let why =
            okxLimit <= houseLimit
            ? "OKX allows reducing \(Format.usdt(okxLimit)) USDT now (margin \(Format.usdt(sim.margin)) − opening "
                + "margin \(Format.usdt(sim.openingMargin)) + loss \(Format.usdt(min(0, sim.pnl))))"
            : "the floor (maintenance margin + loss + \(Format.usdt(policy.safetyBuffer)) buffer = "
                + "\(Format.usdt(sim.floor(buffer: policy.safetyBuffer))) USDT) allows \(Format.usdt(houseLimit)) USDT"
        return "the band \(Format.usdt(band.lower))–\(Format.usdt(band.upper)) cannot be reached now: " + why
            + "; margin will be \(Format.usdt(sim.margin - allowed)) USDT"
    }
}
