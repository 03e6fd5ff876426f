import AnchorStore
public import Foundation
public import OKX

extension Planner {
    /// A super maintenance: close the whole side first (freeing its margin), then open `maintenance_open_margin`
    /// at the policy's leverage, count it once confirmed, then (if configured) correct.
    ///
    /// Opening before closing is impossible by construction: the open is always after the close in the plan, and
    /// its size is checked against the balance available *after* the close.
    public static func maintenance(_ input: PlanInput) -> Plan {
        let policy = input.policy
        var sim = Simulation(input: input)
        let nextCount = input.maintenanceCount + 1
        var plan = Plan(
            kind: .maintenance, key: input.key, basis: basis(input), steps: [], expected: sim.outcome,
            estimatedFees: 0, band: policy.marginBand(forCount: nextCount), blockers: [], notes: [],
            followUpSteps: [])
        if let reason = unusable(input) {
            plan.blockers.append(reason)
            return plan
        }
        let instrument = input.instrument

        // 1. Close: all margin plus the pnl comes back to cash, less the fee.
        let closeFee = sim.notional * takerFeeRate
        plan.estimatedFees += closeFee
        plan.steps.append(.close(contracts: sim.size))
        sim.cash += sim.margin + sim.pnl - closeFee

        // 2. Open at the policy's leverage, sized from the margin to post, rounded down to the lot size.
        let leverage = policy.leverage
        let open = openSize(instrument: instrument, markPrice: sim.markPrice, policy: policy)
        let contracts = open.contracts
        let margin = open.margin
        let openFee = open.fee
        if open.capped {
            plan.notes.append("the open is capped at the instrument's market order maximum of \(contracts) contracts")
        }
        if let problem = openProblem(open, instrument: instrument, policy: policy, available: sim.cash) {
            plan.blockers.append(problem)
        }
        if sim.leverage != leverage {
            // After the close there is no position: the side's leverage setting changes with nothing to move.
            plan.steps.append(.setLeverage(from: sim.leverage, to: leverage, topUp: 0))
        }
        plan.steps.append(.open(contracts: contracts, leverage: leverage, margin: margin, direction: sim.direction))
        plan.estimatedFees += openFee
        plan.steps.append(.count(from: input.maintenanceCount, to: nextCount))

        sim.size = contracts
        sim.averagePrice = sim.markPrice
        sim.leverage = leverage
        sim.margin = margin
        sim.pnl = 0
        sim.cash -= margin + openFee

        // 3. The correction that follows, as far as it can be known now (it is planned again on the real fill).
        if policy.correctAfterMaintenance, plan.blockers.isEmpty {
            var followUp = Plan(
                kind: .correction, key: input.key, basis: plan.basis, steps: [], expected: sim.outcome,
                estimatedFees: 0, band: plan.band, blockers: [], notes: [], followUpSteps: [])
            correctionSteps(into: &followUp, simulation: &sim, instrument: instrument, policy: policy, band: plan.band)
            plan.followUpSteps = followUp.steps
            plan.estimatedFees += followUp.estimatedFees
            plan.notes += followUp.notes
            plan.notes += followUp.blockers.map { "the correction after it may not run: \($0)" }
        }
        plan.expected = sim.outcome
        return plan
    }
}

/// The size of a maintenance's open: contracts, the margin they post and the fee they cost.
public struct OpenSize: Sendable, Hashable {
    public var contracts: Decimal
    public var margin: Decimal
    public var fee: Decimal
    /// True when the instrument's market order cap cut the size.
    public var capped: Bool
}

extension Planner {
    /// `maintenance_open_margin` at the policy's leverage and this mark, in contracts rounded down to the lot.
    public static func openSize(instrument: Instrument, markPrice: Decimal, policy: Policy) -> OpenSize {
        let perContract = instrument.contractValue * markPrice
        guard perContract > 0, policy.leverage > 0 else {
            return OpenSize(contracts: 0, margin: 0, fee: 0, capped: false)
        }
        var contracts = (policy.maintenanceOpenMargin * policy.leverage / perContract)
            .roundedDown(toMultipleOf: instrument.lotSz)
        var capped = false
        if let cap = instrument.maxMktSz, contracts > cap {
            contracts = cap.roundedDown(toMultipleOf: instrument.lotSz)
            capped = true
        }
        let notional = contracts * perContract
        return OpenSize(
            contracts: contracts, margin: notional / policy.leverage, fee: notional * takerFeeRate, capped: capped)
    }

    /// Why an open of this size cannot be sent, if so.
    public static func openProblem(
        _ open: OpenSize, instrument: Instrument, policy: Policy, available: Decimal
    )
        -> String?
    {
        if let maxLever = instrument.maxLever, policy.leverage > maxLever {
            return "the policy's leverage \(policy.leverage)x is above \(instrument.instId)'s maximum \(maxLever)x"
        }
        if open.contracts < instrument.minSz {
            return "\(Format.usdt(policy.maintenanceOpenMargin)) USDT at \(policy.leverage)x buys \(open.contracts) "
                + "contracts, below \(instrument.instId)'s minimum of \(instrument.minSz)"
        }
        if available < open.margin + open.fee {
            return "not enough available balance to open \(Format.usdt(policy.maintenanceOpenMargin)) USDT after "
                + "closing: \(Format.usdt(available)) USDT"
        }
        return nil
    }
}
