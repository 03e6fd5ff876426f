public import AnchorCore

extension PlanBasis {
    /// What differs between the position a plan was made for and the position as a snapshot shows it now, by the
    /// runner's own rule (``PlanBasis/changes(comparedTo:maintenanceCount:)``). Empty when the plan still holds.
    public func changes(comparedTo view: PositionView) -> [String] {
        changes(comparedTo: view.position, maintenanceCount: view.maintenanceCount)
    }
}
