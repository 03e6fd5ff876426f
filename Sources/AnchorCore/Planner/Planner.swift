public import AnchorStore
public import Foundation
public import OKX

/// Everything the planner needs about one position. Plain values: the planner does no I/O.
public struct PlanInput: Sendable, Hashable {
    public var key: PositionKey
    public var position: Position
    public var instrument: Instrument
    public var maintenanceCount: Int
    /// USDT the account can spend now (`availBal`).
    public var availableBalance: Decimal
    public var policy: Policy
    /// The account's `manage`: the planner plans only for managed positions (`PositionScope`).
    public var accountManaged: Bool

    public init(
        key: PositionKey, position: Position, instrument: Instrument, maintenanceCount: Int,
        availableBalance: Decimal, policy: Policy, accountManaged: Bool
    ) {
        self.key = key
        self.position = position
        self.instrument = instrument
        self.maintenanceCount = maintenanceCount
        self.availableBalance = availableBalance
        self.policy = policy
        self.accountManaged = accountManaged
    }

    /// Whether the policy may act on the position.
    public var scope: PositionScope {
        PositionScope.of(position, instrument: instrument, accountManaged: accountManaged)
    }
}

/// Turns a position and the policy into a correction plan or a maintenance plan. Pure.
public enum Planner {
    /// OKX's base taker fee for swaps, used to estimate fees and the cash an open needs.
    public static let takerFeeRate = Decimal(string: "0.0005")!
    /// Used when a position reports no maintenance margin to derive its rate from.
    static let defaultMaintenanceRate = Decimal(string: "0.005")!

    /// The state of a position as the plan is simulated forward, step by step.
    struct Simulation {
        /// Which way the position bets; trims reduce it, a maintenance reopens it this way.
        let direction: Direction
        var size: Decimal
        var averagePrice: Decimal
        var markPrice: Decimal
        var leverage: Decimal
        var margin: Decimal
        var pnl: Decimal
        var maintenanceRate: Decimal
        var cash: Decimal
        let contractValue: Decimal

        init(input: PlanInput) {
            let position = input.position
            direction = position.direction ?? input.key.posSide.direction ?? .long
            size = position.pos.absoluteValue
            markPrice = position.markPx ?? position.avgPx ?? 0
            averagePrice = position.avgPx ?? markPrice
            leverage = position.lever ?? input.policy.leverage
            margin = position.margin ?? 0
            pnl = position.upl ?? 0
            cash = input.availableBalance
            contractValue = input.instrument.contractValue
            let notional = size * contractValue * markPrice
            if let mmr = position.mmr, notional > 0, mmr > 0 {
                maintenanceRate = mmr / notional
            } else {
                maintenanceRate = Planner.defaultMaintenanceRate
            }
        }

        var quantity: Decimal { size * contractValue }
        var notional: Decimal { quantity * markPrice }
        var openingMargin: Decimal { leverage > 0 ? quantity * averagePrice / leverage : 0 }
        var maintenanceMargin: Decimal { notional * maintenanceRate }
        /// OKX's reduce limit (the snapshot's rule: ``MarginReduction``).
        var maxReduce: Decimal {
            MarginReduction.maxReduce(margin: margin, openingMargin: openingMargin, upl: pnl)
        }
        /// The house floor.
        func floor(buffer: Decimal) -> Decimal {
            MarginReduction.floor(maintenanceMargin: maintenanceMargin, upl: pnl, safetyBuffer: buffer)
        }
        /// What may be reduced now under both rules, rounded down to the cent.
        func reducible(buffer: Decimal) -> Decimal {
            MarginReduction.reducible(margin: margin, maxReduce: maxReduce, floor: floor(buffer: buffer))
        }

        var outcome: PlanOutcome {
            PlanOutcome(size: size, margin: margin, leverage: leverage, notional: notional)
        }
    }

    /// The basis a plan binds to.
    static func basis(_ input: PlanInput) -> PlanBasis {
        let position = input.position
        return PlanBasis(
            posId: position.posId, direction: position.direction, size: position.pos.absoluteValue,
            margin: position.margin ?? 0,
            leverage: position.lever ?? 0, averagePrice: position.avgPx ?? 0,
            markPrice: position.markPx ?? position.avgPx ?? 0, unrealizedPnL: position.upl ?? 0,
            availableBalance: input.availableBalance, maintenanceCount: input.maintenanceCount)
    }

    /// Why no plan can be made for this position at all, if so. A watched position never gets one.
    static func unusable(_ input: PlanInput) -> String? {
        let position = input.position
        if let reason = input.scope.watchReason { return watchedRefusal(reason) }
        if !position.isOpen || position.direction == nil { return "the position is closed" }
        if !input.key.matches(position) { return "the position is not the one asked for (\(input.key))" }
        if position.margin == nil { return "OKX reported no margin for the position" }
        if (position.markPx ?? position.avgPx ?? 0) <= 0 { return "no mark price for \(position.instId)" }
        if input.instrument.contractValue <= 0 || input.instrument.lotSz <= 0 {
            return "the instrument \(input.instrument.instId) has no contract value or lot size"
        }
        if input.policy.leverage <= 0 { return "the policy's leverage is not positive" }
        return nil
    }

    /// Why nothing is planned for a watched position, in one line.
    public static func watchedRefusal(_ reason: WatchReason) -> String {
        "watched (\(reason.text)): okx-anchor acts only on isolated USDT-margined swaps of managed accounts; "
            + "nothing was sent"
    }
}
