/// Everything the terminal tells the app, in one stream: keys, new sizes, and requests to quit.
public enum TerminalEvent: Sendable, Hashable {
    case key(Key)
    /// The terminal's new size; curses already knows it.
    case resize(rows: Int, cols: Int)
    case quit(QuitReason)
}

/// Why the app is asked to quit.
public enum QuitReason: String, Sendable, Hashable {
    /// SIGINT (Ctrl-C).
    case interrupt
    /// SIGTERM.
    case terminate
    /// SIGHUP: the terminal or the SSH link went away.
    case hangup
    /// SIGQUIT (Ctrl-\).
    case quitSignal
    /// Standard input reached its end or failed.
    case inputClosed
}
