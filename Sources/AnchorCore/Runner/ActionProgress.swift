public import AnchorStore
public import Foundation

/// What a running action reports as it goes: the screen's progress line and the daemon's log.
public struct ActionProgress: Sendable, Hashable {
    public enum Stage: Sendable, Hashable {
        case started
        /// A request is about to be sent.
        case sending
        /// The exchange answered and the step is confirmed.
        case done
        /// Waiting for the exchange to show the result (a close, a fill).
        case waiting
        /// A step is tried again (59301 halved, a rate limit, a resend after a never-seen order).
        case retrying
        /// A problem the trader should see (an unknown outcome being resolved, a refusal).
        case problem
        case finished(ActionState)
    }

    public var actionId: String
    public var key: PositionKey
    public var kind: ActionKind
    /// Step k of n; n may grow when margin steps are adapted.
    public var step: Int
    public var total: Int
    public var stage: Stage
    /// What was sent or what came back, in plain words.
    public var message: String
}

/// How an action ended.
public struct ActionResult: Sendable, Hashable {
    /// nil when refused before anything was journaled (e.g. the position is busy).
    public var actionId: String?
    public var key: PositionKey
    public var kind: ActionKind
    public var state: ActionState
    /// One line: what was done, or why not.
    public var summary: String
    /// OKX's code when an OKX error ended it.
    public var errorCode: String?
    /// The maintenance count after the action (maintenance only).
    public var countAfter: Int?
    /// Margin and size seen at the end.
    public var finalMargin: Decimal?
    public var finalSize: Decimal?
    /// The correction that followed a maintenance.
    public var followUp: [ActionResult]

    public init(
        actionId: String?, key: PositionKey, kind: ActionKind, state: ActionState, summary: String,
        errorCode: String? = nil, countAfter: Int? = nil, finalMargin: Decimal? = nil, finalSize: Decimal? = nil,
        followUp: [ActionResult] = []
    ) {
        self.actionId = actionId
        self.key = key
        self.kind = kind
        self.state = state
        self.summary = summary
        self.errorCode = errorCode
        self.countAfter = countAfter
        self.finalMargin = finalMargin
        self.finalSize = finalSize
        self.followUp = followUp
    }
}

/// The runner's timings. No fixed sleeps between steps: only short polls while waiting for the exchange.
public struct RunnerOptions: Sendable, Hashable {
    /// How long a close may take to show in the positions before the action is interrupted.
    public var closeDeadline: Duration
    /// How long an order may take to show as filled.
    public var fillDeadline: Duration
    /// The pause between two reads while waiting for the exchange.
    public var pollInterval: Duration
    /// How long an order that came back with an unknown outcome is looked for before it counts as never seen.
    public var unknownOutcomeWindow: Duration
    /// The pause after OKX said 50011 before trying a refused write again.
    public var rateLimitPause: Duration
    /// Attempts per step (resends after a never-seen order or a rate limit).
    public var maxAttempts: Int
    /// Margin steps a correction may take in all (a guard against a loop that does not converge).
    public var maxMarginSteps: Int

    public init(
        closeDeadline: Duration = .seconds(15), fillDeadline: Duration = .seconds(10),
        pollInterval: Duration = .milliseconds(100), unknownOutcomeWindow: Duration = .seconds(3),
        rateLimitPause: Duration = .seconds(1), maxAttempts: Int = 5, maxMarginSteps: Int = 60
    ) {
        self.closeDeadline = closeDeadline
        self.fillDeadline = fillDeadline
        self.pollInterval = pollInterval
        self.unknownOutcomeWindow = unknownOutcomeWindow
        self.rateLimitPause = rateLimitPause
        self.maxAttempts = maxAttempts
        self.maxMarginSteps = maxMarginSteps
    }
}

/// Named moments of an action, where tests (and `OKX_ANCHOR_CRASH_AT`) can stop the process as kill -9 would.
public enum Checkpoint {
    public static let begun = "begun"
    public static let leverageSent = "leverage.sent"
    public static let trimSent = "trim.sent"
    public static let marginSent = "margin.sent"
    public static let closeSent = "close.sent"
    public static let closeConfirmed = "close.confirmed"
    public static let openSent = "open.sent"
    public static let openConfirmed = "open.confirmed"
    public static let counted = "counted"
    public static let all = [
        begun, leverageSent, trimSent, marginSent, closeSent, closeConfirmed, openSent, openConfirmed, counted,
    ]
}

/// Thrown by a checkpoint hook to stop an action on the spot, writing nothing more (a simulated kill -9).
public struct SimulatedCrash: Error, Sendable, Hashable {
    public var checkpoint: String
    public init(checkpoint: String) { self.checkpoint = checkpoint }
}

/// Identifiers of actions and their orders.
public enum ActionIdentifier {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    /// A fresh action id: 10 lowercase letters and digits.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<10).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The client order id of one attempt of one step: letters and digits, unique per intent, at most 32.
    /// e.g. `ab3k9x0qz1s2t1` for action `b3k9x0qz1…`, step 2, attempt 1.
    public static func clientOrderId(actionId: String, step: Int, attempt: Int) -> String {
        "a" + actionId + "s\(step)t\(attempt)"
    }
}
