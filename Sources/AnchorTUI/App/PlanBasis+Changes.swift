public import AnchorCore
import Foundation
import OKX

extension PlanBasis {
    /// What differs between the position a plan was made for and the position as a snapshot shows it now, in the
    /// runner's own terms: a new position id, size, leverage, maintenance count, or margin moved by more than half a
    /// percent (at least a cent). Empty when the plan still holds. The mark price and PnL move all the time and do not
    /// count: the runner re-reads the position before each step anyway.
    public func changes(comparedTo view: PositionView) -> [String] {
        var changes: [String] = []
        if !posId.isEmpty, view.position.posId != posId {
            changes.append("posId \(posId) → \(view.position.posId.isEmpty ? "?" : view.position.posId)")
        }
        if view.size != size {
            changes.append("size \(size) → \(view.size)")
        }
        if let lever = view.position.lever, lever != leverage {
            changes.append("leverage \(leverage)x → \(lever)x")
        }
        let margin = view.position.margin ?? 0
        let tolerance = Swift.max(Decimal.cent, self.margin * Self.marginTolerance)
        if (margin - self.margin).absoluteValue > tolerance {
            changes.append("margin \(Format.usdt(self.margin)) → \(Format.usdt(margin))")
        }
        if view.maintenanceCount != maintenanceCount {
            changes.append("maintenance count \(maintenanceCount) → \(view.maintenanceCount)")
        }
        return changes
    }

    /// The share of the margin it may move before a plan is made again; the runner refuses beyond the same share.
    static let marginTolerance = Decimal(string: "0.005")!
}
