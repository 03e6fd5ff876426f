public import Foundation
public import GRDB
public import OKX

/// The two things a trader can ask for.
public enum ActionKind: String, Sendable, Hashable, Codable {
    /// Leverage and margin to policy.
    case correction
    /// Close, then open a fresh position of the policy's size, then count.
    case maintenance
}

/// Who asked.
public enum ActionOrigin: String, Sendable, Hashable, Codable {
    case manual
    case autopilot
}

/// Where an action stands.
public enum ActionState: String, Sendable, Hashable, Codable {
    /// Being carried out by a live process (`ownerPid`).
    case running
    /// Done as planned.
    case completed
    /// Stopped on an error with the position in a consistent state (nothing half done).
    case failed
    /// Not started: the plan could not work, or the position changed since it was shown.
    case refused
    /// Stopped part-way and needing the trader: a maintenance that closed but did not open, or a process that died
    /// mid-action. Stays until resumed or abandoned.
    case interrupted
    /// The trader chose not to finish an interrupted action.
    case abandoned

    /// An action in one of these states holds its position: no other action may start on it.
    public var holdsPosition: Bool { self == .running || self == .interrupted }
}

/// How far an action got: the journal's `phase` column, which resume and the resume dialog read.
///
/// Stored as the raw value, the same text earlier versions wrote. A value this version does not know is reported
/// when read (``StoreError/Reason/unknownJournalValue(table:column:value:actionId:)``), never guessed: resume decides
/// what to send from the journal, so a phase it misread could send the wrong order.
public enum ActionPhase: String, Sendable, Hashable, Codable, CaseIterable {
    /// Written and holding its position; nothing sent yet.
    case begun
    /// A correction is sending its steps (leverage, trim, margin).
    case correcting
    /// A maintenance's close is being sent, or awaited in the positions.
    case closing
    /// The close is confirmed; nothing opened yet.
    case closed
    /// The open is being sent, or awaited as filled.
    case opening
    /// The open is confirmed and counted.
    case opened
}

/// One action in the journal.
public struct ActionRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "action"

    /// Short, letters and digits only: it is part of every client order id the action sends.
    public var id: String
    public var kind: ActionKind
    public var origin: ActionOrigin
    public var account: String
    public var instId: String
    public var posSide: PositionSide
    /// The position the plan was made for.
    public var posId: String
    public var state: ActionState
    /// How far the action got.
    public var phase: ActionPhase
    /// The confirmed plan, as JSON.
    public var plan: String
    public var createdAt: Date
    public var updatedAt: Date
    /// The process carrying it out while `running`.
    public var ownerPid: Int32
    public var summary: String?
    public var errorCode: String?
    public var errorMessage: String?
    /// The action this one follows (a correction right after a maintenance).
    public var parentId: String?

    public init(
        id: String, kind: ActionKind, origin: ActionOrigin, key: PositionKey, posId: String,
        state: ActionState = .running,
        phase: ActionPhase, plan: String, createdAt: Date, ownerPid: Int32, parentId: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.origin = origin
        self.account = key.account
        self.instId = key.instId
        self.posSide = key.posSide
        self.posId = posId
        self.state = state
        self.phase = phase
        self.plan = plan
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.ownerPid = ownerPid
        self.parentId = parentId
    }

    public var key: PositionKey { PositionKey(account: account, instId: instId, posSide: posSide) }
}

/// What happened to one request an action sent.
public enum StepState: String, Sendable, Hashable, Codable {
    /// Written before sending: if the process dies now, the request may or may not have left.
    case pending
    /// Done and confirmed.
    case ok
    /// Refused by the exchange, or found not to have happened.
    case failed
    /// Sent, outcome unknown (timeout, dropped reply): must be resolved by asking the exchange.
    case unknown
}

/// What one step of an action sends: the journal's `step.kind` column, which resume matches on (an `open` that may
/// have reached OKX is asked for before anything else). Stored as the raw value, the text earlier versions wrote;
/// an unknown value is reported when read, never guessed (see ``ActionPhase``).
public enum StepKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The side's leverage.
    case setLeverage
    /// A reducing market order for part of the position.
    case trim
    /// USDT out of the position's margin.
    case reduceMargin
    /// USDT into the position's margin.
    case addMargin
    /// A maintenance's close of the whole side.
    case close
    /// A maintenance's open of a fresh position.
    case open
}

/// One attempt of one step of an action.
public struct StepRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "step"

    public var id: Int64?
    public var actionId: String
    /// The step's place in the plan, from 1; margin steps added on the fly keep counting.
    public var stepIndex: Int
    public var attempt: Int
    public var kind: StepKind
    public var state: StepState
    /// The fresh client order id of an order step, written before the order is sent.
    public var clientOrderId: String?
    /// Contracts for orders, USDT for margin, the new leverage for leverage steps (decimal text).
    public var amount: String?
    public var sentAt: Date
    public var finishedAt: Date?
    public var detail: String?
    public var errorCode: String?
    public var errorMessage: String?

    public init(
        actionId: String, stepIndex: Int, attempt: Int, kind: StepKind, clientOrderId: String?, amount: Decimal?,
        sentAt: Date
    ) {
        self.actionId = actionId
        self.stepIndex = stepIndex
        self.attempt = attempt
        self.kind = kind
        self.state = .pending
        self.clientOrderId = clientOrderId
        self.amount = amount.map { $0.description }
        self.sentAt = sentAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The amount as a decimal.
    public var amountValue: Decimal? { amount.flatMap { OKXDecimal.parse($0) } }
}
