public import Foundation
public import GRDB
public import OKX

/// What an event in the history records.
public enum EventKind: String, Sendable, Hashable, Codable, CaseIterable {
    case leverage
    case trim
    case marginReduce
    case marginAdd
    /// A correction as a whole (its outcome and before/after).
    case correction
    /// The close of a maintenance, confirmed.
    case maintenanceClose
    /// The open of a maintenance, confirmed, with the count it brought. Exactly one per maintenance action.
    case maintenance
    case interrupted
    case resumed
    case abandoned
    case refused
    case failed
    /// The position disappeared during an action (liquidated, auto-deleveraged, closed elsewhere).
    case positionGone
}

/// How an event ended.
public enum EventOutcome: String, Sendable, Hashable, Codable {
    case ok
    case failed
    case refused
    case interrupted
    case info
}

/// One line of the correction and maintenance history, kept across restarts.
public struct EventRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "event"

    public var id: Int64?
    public var time: Date
    public var account: String
    public var instId: String
    public var posSide: PositionSide
    /// OKX's id of the position the event was about, when known.
    public var posId: String?
    public var origin: ActionOrigin
    public var kind: EventKind
    public var actionId: String?
    public var outcome: EventOutcome
    // Decimal values are kept as exact text.
    public var marginBefore: String?
    public var marginAfter: String?
    public var sizeBefore: String?
    public var sizeAfter: String?
    public var leverBefore: String?
    public var leverAfter: String?
    /// USDT moved or contracts traded by this event.
    public var amount: String?
    /// The maintenance count after this event (maintenance events).
    public var countAfter: Int?
    public var errorCode: String?
    public var errorMessage: String?
    /// One line for the log pane.
    public var message: String

    public init(
        time: Date, key: PositionKey, posId: String? = nil, origin: ActionOrigin, kind: EventKind, actionId: String?,
        outcome: EventOutcome, message: String
    ) {
        self.time = time
        self.account = key.account
        self.instId = key.instId
        self.posSide = key.posSide
        self.posId = posId.flatMap { $0.isEmpty ? nil : $0 }
        self.origin = origin
        self.kind = kind
        self.actionId = actionId
        self.outcome = outcome
        self.message = message
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The position's key: events are written by actions, which work on isolated positions only.
    public var key: PositionKey { PositionKey(account: account, instId: instId, posSide: posSide) }

    /// Sets the before and after values from decimals.
    public mutating func values(
        margin: (Decimal?, Decimal?) = (nil, nil), size: (Decimal?, Decimal?) = (nil, nil),
        lever: (Decimal?, Decimal?) = (nil, nil), amount: Decimal? = nil
    ) {
        marginBefore = margin.0?.description
        marginAfter = margin.1?.description
        sizeBefore = size.0?.description
        sizeAfter = size.1?.description
        leverBefore = lever.0?.description
        leverAfter = lever.1?.description
        self.amount = amount?.description
    }
}
