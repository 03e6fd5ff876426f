public import Foundation
public import OKX

extension PlanBasis {
    /// What differs between the position a plan was made for and `position` as it is now: a new position id, the
    /// direction, size, leverage, the maintenance count, or margin moved by more than half a percent (at least a cent).
    /// Empty when the plan still holds.
    ///
    /// One rule for the dashboard (a plan shown for a changed position is made again and shown again) and the runner
    /// (an action whose position changed since its plan is refused, nothing sent). The mark price and PnL move all
    /// the time and do not count: the runner reads the position again before each step anyway.
    public func changes(comparedTo position: Position, maintenanceCount: Int) -> [String] {
        var changes: [String] = []
        if !posId.isEmpty, position.posId != posId {
            changes.append("posId \(posId) → \(position.posId.isEmpty ? "?" : position.posId)")
        }
        if let direction, position.direction != direction {
            changes.append("direction \(direction.rawValue) → \(position.direction?.rawValue ?? "none")")
        }
        let size = position.pos.absoluteValue
        if size != self.size {
            changes.append("size \(self.size) → \(size)")
        }
        if let lever = position.lever, lever != leverage {
            changes.append("leverage \(leverage)x → \(lever)x")
        }
        let margin = position.margin ?? 0
        let tolerance = Swift.max(Decimal.cent, self.margin * Self.marginTolerance)
        if (margin - self.margin).absoluteValue > tolerance {
            changes.append("margin \(Format.usdt(self.margin)) → \(Format.usdt(margin))")
        }
        if maintenanceCount != self.maintenanceCount {
            changes.append("maintenance count \(self.maintenanceCount) → \(maintenanceCount)")
        }
        return changes
    }

    /// The share of the margin it may move (by fees, funding) before the plan counts as made for another position.
    static let marginTolerance = Decimal(string: "0.005")!
}
