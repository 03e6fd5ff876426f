import AnchorStore
import Foundation
import OKX

extension Plan {
    /// The plan as a trader reads it before confirming: what is held now, each step, the expected result, fees,
    /// and why it cannot run if so. English; the dashboard renders its own localized version from the steps.
    public var lines: [String] {
        let title = kind == .maintenance ? "Super maintenance" : "Correction"
        var out: [String] = []
        let side =
            basis.direction.map { key.posSide == .net ? "\($0.rawValue) (one-way)" : $0.rawValue }
            ?? key.posSide.rawValue
        let posId = basis.posId.isEmpty ? "?" : basis.posId
        out.append(
            "\(title) of \(key.account) \(key.instId) \(side) \(key.mgnMode) (posId \(posId)), "
                + "maintenance count \(basis.maintenanceCount)")
        out.append(
            "  now: \(basis.size) contracts, margin \(Format.usdt(basis.margin)) USDT at \(basis.leverage)x, "
                + "mark \(basis.markPrice), available \(Format.usdt(basis.availableBalance)) USDT")
        if !(steps.isEmpty && !blockers.isEmpty) {
            out.append(
                "  band after: \(Format.usdt(band.lower))–\(Format.usdt(band.upper)) USDT "
                    + "(target \(Format.usdt(band.target)))")
        }
        for (index, step) in steps.enumerated() {
            out.append("  \(index + 1). \(step.summary)")
        }
        if !followUpSteps.isEmpty {
            out.append("  then the correction (planned again on the real fill):")
            for step in followUpSteps { out.append("     - \(step.summary)") }
        }
        if blockers.isEmpty, !steps.isEmpty {
            out.append(
                "  expected: margin \(Format.usdt(expected.margin)) USDT, \(expected.size) contracts, "
                    + "\(expected.leverage)x, notional \(Format.usdt(expected.notional)) USDT; estimated fees "
                    + "\(Format.usdt(estimatedFees)) USDT")
        }
        if isNoop { out.append("  nothing to do: the margin is in its band") }
        for note in notes { out.append("  note: \(note)") }
        for blocker in blockers { out.append("  cannot run: \(blocker)") }
        return out
    }
}

extension ActionProgress {
    /// One log line: `[2/3] reduce margin by 5.00 USDT`.
    public var line: String {
        "[\(step)/\(total)] \(key.account) \(key.instId) \(key.posSide.rawValue): \(message)"
    }
}
