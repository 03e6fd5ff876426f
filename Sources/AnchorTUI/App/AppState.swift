public import AnchorCore
public import AnchorStore
public import Foundation

/// Which pane the arrow keys move.
public enum Focus: Sendable, Hashable {
    /// The positions table.
    case table
    /// The correction log.
    case log
}

/// The orders `s` cycles through.
public enum PositionSort: Sendable, Hashable, CaseIterable {
    /// The positions the policy acts on first, then the watched ones; each with the main account first, then by
    /// account name, instrument and side.
    case account
    /// Lowest profit rate first: the positions nearest the maintenance trigger on top.
    case profitRate
    /// Furthest from the margin target first, relative to the target.
    case marginOffTarget
    /// Most maintained first.
    case maintenanceCount

    /// The order after this one.
    public var next: PositionSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// Which exchange the screen trades on; the header's badge says it in a colour that cannot be missed.
public enum EnvironmentBadge: Sendable, Hashable {
    /// Real money on OKX.
    case live
    /// The built-in paper exchange (`--demo`).
    case demo
    /// OKX's own demo trading (`simulated_trading = true`).
    case simulated
}

/// What stays fixed for a run of the dashboard.
public struct DashboardSettings: Sendable, Hashable {
    /// `--read-only`: no action can start.
    public var readOnly: Bool
    /// The exchange the screen trades on.
    public var environment: EnvironmentBadge
    /// Ring the bell when something needs the trader.
    public var bell: Bool
    /// The themes `t` cycles through.
    public var themeNames: [String]
    /// The maintenance trigger, to colour profit rates by their distance to it.
    public var maintenanceTrigger: Decimal
    /// The time zone times are shown in; nil: the machine's local time, from the C library (Foundation's
    /// `TimeZone.current` loads ICU's zone data, megabytes the dashboard would otherwise never touch).
    public var timeZone: TimeZone?

    /// Settings; the defaults suit tests.
    public init(
        readOnly: Bool = false, environment: EnvironmentBadge = .live, bell: Bool = true,
        themeNames: [String] = ThemeLoader.builtInNames,
        maintenanceTrigger: Decimal = Policy.houseDefault.maintenanceTrigger,
        timeZone: TimeZone? = nil
    ) {
        self.readOnly = readOnly
        self.environment = environment
        self.bell = bell
        self.themeNames = themeNames
        self.maintenanceTrigger = maintenanceTrigger
        self.timeZone = timeZone
    }
}

/// A line in the footer that says what just happened or why a key did nothing.
public struct StatusMessage: Sendable, Hashable {
    /// The text, one line.
    public var text: String
    /// `.warning` or `.danger` for refusals and failures, `.ok` or `.text` for news.
    public var role: StyleRole
    /// When it goes away.
    public var until: Date
}

/// Everything the dashboard shows, as a value: `Dashboard.update` changes it and `Dashboard.render` draws it.
public struct AppState: Sendable {
    /// How many profit rates each position's sparkline keeps.
    public static let historyLength = 30
    /// How long a row flashes after it needs the trader.
    public static let flashSeconds: TimeInterval = 10
    /// How long a message stays in the footer.
    public static let messageSeconds: TimeInterval = 8

    /// What stays fixed for the run.
    public var settings: DashboardSettings
    /// The language of every label.
    public var language: Language
    /// The theme shown (for the header and `t`).
    public var themeName: String
    /// The theme shows no colour (mono theme or a terminal without colours): the table adds marks colour would give.
    public var monochrome: Bool
    /// The terminal size to render for.
    public var size: TerminalSize
    /// The current second: the clock, poll age, flashing and message expiry all read it.
    public var now: Date

    /// The latest snapshot from the poller.
    public var snapshot: Snapshot = .empty
    /// Unfinished actions from the journal, for the resume dialog and running rows.
    public var journal: [PositionKey: ActionRecord] = [:]
    /// The rows shown, filtered and sorted, with their text made once per snapshot.
    public internal(set) var table = TableModel()
    /// The selected position, kept by key across snapshots, sorts and filters.
    public var selection: PositionKey?
    /// The first row shown when the table scrolls.
    public var tableTop = 0
    /// The pane the arrow keys move.
    public var focus: Focus = .table
    /// Account or instrument words, all of which must match; empty shows everything.
    public var filter = ""
    /// The table order.
    public var sort: PositionSort = .account
    /// The autopilot as it last said.
    public var autopilotArmed = false
    /// The correction log and where the reader is in it.
    public var log = LogWindow()
    /// What is open over the dashboard.
    public var overlay: Overlay = .none
    /// The footer message, until it expires.
    public var message: StatusMessage?

    /// Recent profit rates per position, oldest first, at most ``historyLength``.
    public var history: [PositionKey: [Double]] = [:]
    /// Rows flashing until a time.
    public var flashing: [PositionKey: Date] = [:]
    /// Positions already belled for being due; a position leaves when it is no longer due.
    public var belledDue: Set<PositionKey> = []
    /// Actions already belled for failing or being interrupted.
    public var belledActions: Set<String> = []
    /// Actions of this process (the trader's and the autopilot's) by position: running, or finished with a result
    /// the trader has not closed yet.
    public var runs: [PositionKey: RunningDialog] = [:]
    /// The id of the next plan request; a reply with another id is for a dialog that is gone.
    public var nextRequestId = 1
    /// The actions holding positions when the journal was last asked for, and whether each is interrupted (nil:
    /// not asked since start): the journal changes only when these do.
    public var journalHolds: [String: Bool]?
    /// The store's version when newer log events were last asked for after a snapshot (nil: ask at the next one).
    public var logReadVersion: StoreVersion?

    /// A dashboard before the first snapshot.
    public init(
        settings: DashboardSettings, language: Language, themeName: String, monochrome: Bool = false,
        size: TerminalSize, now: Date
    ) {
        self.settings = settings
        self.language = language
        self.themeName = themeName
        self.monochrome = monochrome
        self.size = size
        self.now = now
    }

    /// The strings of the current language.
    var strings: Strings { Strings(language) }

    /// The row of the selected position, when it is shown.
    public var selectedView: PositionView? {
        selection.flatMap { snapshot.position($0) }
    }

    /// Positions with an action of this process still running.
    public var activeActions: [PositionKey] {
        runs.values.filter { $0.result == nil }.map(\.key).sorted()
    }

    /// The index of the selection among the rows shown.
    var selectedIndex: Int? {
        selection.flatMap { table.index(of: $0) }
    }
}
