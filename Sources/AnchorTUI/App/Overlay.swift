public import AnchorCore
public import AnchorStore

/// A button of a dialog.
public enum DialogButton: Sendable, Hashable {
    case cancel
    case confirm
    case resume
    case abandon
    case stay
    case quit
    case close
}

/// What is open over the dashboard; at most one thing at a time.
public enum Overlay: Sendable, Hashable {
    case none
    case help
    /// The filter being typed; `previous` comes back on Esc.
    case filter(draft: String, previous: String)
    /// A plan waiting for confirmation.
    case confirm(ConfirmDialog)
    /// The action running on a position (kept in `AppState.runs`), or its result.
    case running(PositionKey)
    /// Resume, abandon or leave an interrupted action.
    case resume(ResumeDialog)
    case quit(QuitDialog)
    case positionDetail(PositionKey)
    case eventDetail(EventRecord)

    /// True when nothing is open.
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

/// The confirmation that protects money: the exact plan, bound to the position and the snapshot it was made from.
public struct ConfirmDialog: Sendable, Hashable {
    public var kind: ActionKind
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
    /// The action's id, once progress has named it.
    public var actionId: String?
    /// The most progress lines kept.
    public static let progressLimit = 40

    public var kind: ActionKind
    public var key: PositionKey
    /// How the action was started.
    public var verb: Verb
    public var progress: [ActionProgress] = []
    public var result: ActionResult?

    /// What the trader asked for.
    public enum Verb: Sendable, Hashable {
        case run
        case resume
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
    public var key: PositionKey
    public var actionId: String
    /// From the journal; nil until it is read.
    public var kind: ActionKind?
    /// From the journal; nil until it is read.
    public var phase: String?
    public var errorMessage: String?
    public var errorCode: String?
    public var focused: DialogButton = .cancel

    /// The buttons, left to right.
    public static let buttons: [DialogButton] = [.resume, .abandon, .cancel]
}

/// Asked when `q` comes while an action runs.
public struct QuitDialog: Sendable, Hashable {
    public var focused: DialogButton = .stay
    /// The buttons, left to right.
    public static let buttons: [DialogButton] = [.quit, .stay]
}
