package import Foundation
import OKX

/// How much margin may come out of an isolated position now: OKX's reduce limit, the house floor under it, and what
/// both allow.
///
/// One rule for the snapshot (the `reducible` every row shows) and the planner (what a correction reduces), so the
/// screen never promises a reduction the plan would not make. In `plus`/`minus` and the comparisons, Foundation's
/// exact results computed in integers: the snapshot runs this for every position on every poll.
package enum MarginReduction {
    /// OKX's `maxReduce`: margin − opening margin + min(0, upl), never below 0. Above it OKX refuses with 59301.
    package static func maxReduce(margin: Decimal, openingMargin: Decimal, upl: Decimal) -> Decimal {
        atLeastZero(margin.minus(openingMargin).plus(loss(upl)))
    }

    /// The house floor: maintenance margin + |min(0, upl)| + the policy's safety buffer. Margin is never reduced
    /// below it, however much OKX would allow.
    package static func floor(maintenanceMargin: Decimal, upl: Decimal, safetyBuffer: Decimal) -> Decimal {
        maintenanceMargin.plus(loss(upl).absoluteValue).plus(safetyBuffer)
    }

    /// What may be taken out now under both rules: max(0, min(maxReduce, margin − floor)), rounded down to the cent.
    package static func reducible(margin: Decimal, maxReduce: Decimal, floor: Decimal) -> Decimal {
        let aboveFloor = margin.minus(floor)
        return atLeastZero(maxReduce.isBelow(aboveFloor) ? maxReduce : aboveFloor).roundedDown(toMultipleOf: .cent)
    }

    /// min(0, upl).
    private static func loss(_ upl: Decimal) -> Decimal {
        upl.isBelow(0) ? upl : 0
    }

    /// max(0, value).
    private static func atLeastZero(_ value: Decimal) -> Decimal {
        value.isBelow(0) ? 0 : value
    }
}
