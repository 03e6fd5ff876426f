public import AnchorCore
public import AnchorStore

/// A button of a dialog.
public enum DialogButton: Sendable, Hashable {
    /// Closes the dialog; nothing is sent.
    case cancel
    /// Runs the plan shown.
    case confirm
    /// Finishes an interrupted action.
    case resume
    /// Gives up an interrupted action.
    case abandon
    /// Keeps the dashboard open.
    case stay
    /// Quits.
    case quit
    /// Closes a finished dialog.
    case close
}

/// What is open over the dashboard; at most one thing at a time.
public enum Overlay: Sendable, Hashable {
    /// Nothing: the keys go to the dashboard.
    case none
    /// The list of keys.
    case help
    /// The filter being typed; `previous` comes back on Esc.
    case filter(draft: String, previous: String)
    /// A plan waiting for confirmation.
    case confirm(ConfirmDialog)
    /// The action running on a position (kept in `AppState.runs`), or its result.
    case running(PositionKey)
    /// Resume, abandon or leave an interrupted action.
    case resume(ResumeDialog)
    /// Asked before quitting while an action runs.
    case quit(QuitDialog)
    /// Everything about one position.
    case positionDetail(PositionKey)
    /// Everything about one event of the history.
    case eventDetail(EventRecord)
    /// The first-day facts of one account (its key, level, mode, clock, positions out of scope): `check` is nil
    /// until the checks come back.
    case accountDetail(account: String, check: AccountCheck?)

    /// True when nothing is open.
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

/// The confirmation that protects money: the exact plan, bound to the position and the snapshot it was made from.
public struct ConfirmDialog: Sendable, Hashable {
    /// Correction or super maintenance.
    public var kind: ActionKind
    /// The position the plan is for.
    public var key: PositionKey
    /// The plan request this dialog waits for or shows.
    public var requestId: Int
    /// nil while the plan is being made (first time or again).
    public var plan: Plan?
    /// The snapshot generation the plan was bound to when it arrived.
    public var planGeneration: Int?
    /// Why the plan could not be made.
    public var error: String?
    /// What changed in the position, when the plan is being (or was) made again because of it.
    public var changes: [String] = []
    /// The button Enter presses; Cancel until the trader moves it.
    public var focused: DialogButton = .cancel

    /// A dialog waiting for its first plan.
    public init(kind: ActionKind, key: PositionKey, requestId: Int) {
        self.kind = kind
        self.key = key
        self.requestId = requestId
    }

    /// The plan can be confirmed now: it is here, current and runnable.
    public var canConfirm: Bool { plan?.isRunnable == true }

    /// The buttons on offer, left to right.
    public var buttons: [DialogButton] { canConfirm ? [.cancel, .confirm] : [.cancel] }
}

/// An action on its way, with what came back so far.
public struct RunningDialog: Sendable, Hashable {
    /// The most progress lines kept.
    public static let progressLimit = 40

    /// The action's id, once progress has named it.
    public var actionId: String?
    /// Correction or super maintenance.
    public var kind: ActionKind
    /// The position acted on.
    public var key: PositionKey
    /// How the action was started.
    public var verb: Verb
    /// What came back so far, oldest first, at most ``progressLimit``.
    public var progress: [ActionProgress] = []
    /// How it ended; nil while it runs.
    public var result: ActionResult?

    /// What the trader asked for.
    public enum Verb: Sendable, Hashable {
        /// A confirmed plan.
        case run
        /// Resume of an interrupted action.
        case resume
        /// Abandon of an interrupted action.
        case abandon
    }

    /// A dialog for an action just started.
    public init(kind: ActionKind, key: PositionKey, verb: Verb) {
        self.kind = kind
        self.key = key
        self.verb = verb
    }
}

/// The choice offered on a row whose action was interrupted.
public struct ResumeDialog: Sendable, Hashable {
    /// The position the action holds.
    public var key: PositionKey
    /// The interrupted action.
    public var actionId: String
    /// From the journal; nil until it is read.
    public var kind: ActionKind?
    /// From the journal; nil until it is read.
    public var phase: ActionPhase?
    /// Why it stopped, from the journal.
    public var errorMessage: String?
    /// OKX's code, when OKX stopped it.
    public var errorCode: String?
    /// The button Enter presses; Cancel until the trader moves it.
    public var focused: DialogButton = .cancel

    /// The buttons, left to right.
    public static let buttons: [DialogButton] = [.resume, .abandon, .cancel]
}

/// Asked when `q` comes while an action runs.
public struct QuitDialog: Sendable, Hashable {
    /// The button Enter presses; Stay until the trader moves it.
    public var focused: DialogButton = .stay
    /// The buttons, left to right.
    public static let buttons: [DialogButton] = [.quit, .stay]
}
