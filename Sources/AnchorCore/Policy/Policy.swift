public import Foundation

/// The house rules for every position: leverage, when maintenance is due, how much it opens, and the margin band.
public struct Policy: Sendable, Hashable, Codable {
    /// Leverage every position is kept at (per side, isolated).
    public var leverage: Decimal
    /// Profit rate (OKX's `uplRatio`) at or below which maintenance is due, e.g. -0.10.
    public var maintenanceTrigger: Decimal
    /// USDT of margin for the position a maintenance opens.
    public var maintenanceOpenMargin: Decimal
    /// Margin target by maintenance count; the last entry applies to every higher count. Never empty.
    public var marginTargets: [Decimal]
    /// Relative half-width of the band around the target, e.g. 0.05 for ±5%.
    public var marginTolerance: Decimal
    /// Largest margin change in one step, in USDT.
    public var maxMarginStep: Decimal
    /// USDT kept above maintenance margin plus unrealised loss when reducing.
    public var safetyBuffer: Decimal
    /// A correction trims a larger position down to this notional (USDT); 0 never trims.
    public var targetNotional: Decimal
    /// Run a correction as soon as a maintenance is done.
    public var correctAfterMaintenance: Bool

    public init(
        leverage: Decimal, maintenanceTrigger: Decimal, maintenanceOpenMargin: Decimal, marginTargets: [Decimal],
        marginTolerance: Decimal, maxMarginStep: Decimal, safetyBuffer: Decimal, targetNotional: Decimal,
        correctAfterMaintenance: Bool
    ) {
        self.leverage = leverage
        self.maintenanceTrigger = maintenanceTrigger
        self.maintenanceOpenMargin = maintenanceOpenMargin
        self.marginTargets = marginTargets
        self.marginTolerance = marginTolerance
        self.maxMarginStep = maxMarginStep
        self.safetyBuffer = safetyBuffer
        self.targetNotional = targetNotional
        self.correctAfterMaintenance = correctAfterMaintenance
    }

    /// The house defaults: 10x; maintenance at -10%; 100 USDT opened; targets 10, 10, 20 USDT ±5%;
    /// 5 USDT per step; 1.5 USDT buffer; 100 USDT target notional; correct after maintenance.
    public static let houseDefault = Policy(
        leverage: 10, maintenanceTrigger: Decimal(string: "-0.10")!, maintenanceOpenMargin: 100,
        marginTargets: [10, 10, 20], marginTolerance: Decimal(string: "0.05")!, maxMarginStep: 5,
        safetyBuffer: Decimal(string: "1.5")!, targetNotional: 100, correctAfterMaintenance: true)
}

/// Settings of the autopilot, which is off unless the config turns it on.
public struct AutopilotSettings: Sendable, Hashable, Codable {
    public var enabled: Bool
    /// How often out-of-band positions are corrected.
    public var correctionInterval: Duration
    /// The autopilot never maintains a position whose count has reached this.
    public var maxMaintenances: Int

    public init(enabled: Bool, correctionInterval: Duration, maxMaintenances: Int) {
        self.enabled = enabled
        self.correctionInterval = correctionInterval
        self.maxMaintenances = maxMaintenances
    }

    /// Off; every 5 minutes when on; at most 3 maintenances per position.
    public static let houseDefault = AutopilotSettings(
        enabled: false, correctionInterval: .seconds(300), maxMaintenances: 3)
}
