public import AnchorCore
public import AnchorStore

/// What `Dashboard.update` asks the world to do; `DashboardApp` does it and feeds the results back as events.
public enum Effect: Sendable, Hashable {
    /// Ask the runner for a fresh plan; the answer comes back as `planReady` or `planFailed` with `requestId`.
    case makePlan(ActionKind, PositionKey, requestId: Int)
    /// Run a confirmed plan (manual origin).
    case runPlan(Plan)
    /// Resume an interrupted action.
    case resume(actionId: String, key: PositionKey)
    /// Abandon an interrupted action.
    case abandon(actionId: String, key: PositionKey)
    /// Poll every account now.
    case pollNow
    /// Read one account again (after an action on it) so the table shows the result at once.
    case refreshAccount(String)
    /// Arm or disarm the autopilot; the answer comes back as `autopilotChanged`.
    case toggleAutopilot
    /// The page of events just older than `beforeId`.
    case loadOlderLog(beforeId: Int64)
    /// Events newer than `afterId` (all, when nil).
    case loadNewerLog(afterId: Int64?)
    /// The journal's unfinished actions; the answer comes back as `journal`.
    case loadJournal
    /// Ring the terminal bell once.
    case ringBell
    /// Show the theme called `name`.
    case setTheme(String)
    /// Repaint the whole terminal (Ctrl-L).
    case repaint
    /// Check one account's key, level, mode, clock and positions; the answer comes back as `accountChecked`.
    case checkAccount(String)
    /// Stop everything and give the terminal back.
    case quit

    /// A read whose answer the frame of the event that asked for it waits for (see `DashboardApp`).
    var isRead: Bool {
        switch self {
        case .loadJournal, .loadNewerLog: true
        default: false
        }
    }
}
