public import AnchorCore
public import AnchorStore
public import Foundation

/// Everything that can change the dashboard, in one stream: the terminal, the poller, the runner, the clock.
public enum AppEvent: Sendable {
    /// A key or mouse action from the terminal.
    case key(Key)
    /// The terminal has a new size.
    case resize(TerminalSize)
    /// A new snapshot from the poller.
    case snapshot(Snapshot)
    /// The journal's unfinished actions (running or interrupted), read after each snapshot.
    case journal([ActionRecord])
    /// A read of the journal failed; the next snapshot reads it again, whatever the actions holding positions.
    case journalReadFailed(String)
    /// Events from the store: the newest page at start, newer ones as they are written, or an older page.
    case logEvents([EventRecord], LogPage)
    /// A read of newer events failed; the next snapshot reads again, whatever its store version.
    case logReadFailed(String)
    /// The plan asked for with `requestId`.
    case planReady(requestId: Int, Plan)
    case planFailed(requestId: Int, String)
    /// A running action's step (the trader's or the autopilot's).
    case actionProgress(ActionProgress)
    /// An action ended, however it ended.
    case actionFinished(ActionResult)
    /// The autopilot is armed (true) or not, as the autopilot itself says.
    case autopilotChanged(Bool)
    /// The clock's new second.
    case tick(Date)
    /// A theme is in use now; `monochrome` when it (or the terminal) shows no colour.
    case themeLoaded(name: String, monochrome: Bool)
    /// A theme could not be used; the message says why and what is used instead.
    case themeFailed(String)
    /// The terminal asks to quit (a signal, or the input went away).
    case quitRequested(QuitReason)
    /// Something outside the screen went wrong and the trader should know (one line).
    case problem(String)
    /// The checks of one account, asked for with `checkAccount`.
    case accountChecked(AccountCheck)
}

extension AppEvent {
    /// A new snapshot from the poller.
    var isSnapshot: Bool {
        if case .snapshot = self { return true }
        return false
    }
}

/// Which part of the history a batch of events is.
public enum LogPage: Sendable, Hashable {
    /// The newest page, at start: replaces what is shown.
    case latest(hasOlder: Bool)
    /// Events newer than the newest shown.
    case newer
    /// The page just older than the oldest shown.
    case older(hasOlder: Bool)
}
