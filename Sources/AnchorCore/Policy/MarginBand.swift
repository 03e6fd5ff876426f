public import Foundation
import OKX

/// The margin a position should hold for its maintenance count: a target and a band of ± tolerance around it.
public struct MarginBand: Sendable, Hashable, Codable {
    public var target: Decimal
    public var lower: Decimal
    public var upper: Decimal

    public init(target: Decimal, tolerance: Decimal) {
        self.target = target
        lower = (target * (1 - tolerance)).rounded(scale: 2, .up)
        upper = (target * (1 + tolerance)).rounded(scale: 2, .down)
    }

    /// Where `margin` sits (compared in integers: this runs for every position on every poll).
    public func placement(of margin: Decimal) -> Placement {
        if margin.isBelow(lower) { return .below }
        if margin.isAbove(upper) { return .above }
        return .inside
    }

    /// Below, inside or above the band.
    public enum Placement: Sendable, Hashable {
        case below
        case inside
        case above
    }
}

extension Policy {
    /// The margin target for a maintenance count: the count's entry, the last one beyond the list.
    public func marginTarget(forCount count: Int) -> Decimal {
        guard let last = marginTargets.last else { return 0 }
        return count < marginTargets.count ? marginTargets[max(0, count)] : last
    }

    /// The band for a maintenance count.
    public func marginBand(forCount count: Int) -> MarginBand {
        MarginBand(target: marginTarget(forCount: count), tolerance: marginTolerance)
    }

    /// True when a profit rate has reached the maintenance trigger.
    public func isMaintenanceDue(profitRate: Decimal?) -> Bool {
        guard let profitRate else { return false }
        return profitRate.isAtMost(maintenanceTrigger)
    }
}
