public import AnchorStore
public import Foundation
import OKX

/// The stable JSON of `status --json`, `log --json`, and the results of `correct`/`maintain --json`.
///
/// Money is always a decimal string (exact), keys are snake_case, absent values are `null`, times are ISO 8601
/// with milliseconds in UTC. Fields are only ever added, never renamed or removed.
public enum JSONReport {
    /// One snapshot.
    public static func snapshot(_ snapshot: Snapshot) -> String {
        let totals = snapshot.totals
        var root = JSONObject()
        root["schema"] = .string("okx-anchor.status.v1")
        root["taken_at"] = .string(timestamp(snapshot.takenAt))
        root["totals"] = .object(
            JSONObject([
                (
                    "main",
                    .object(
                        JSONObject([
                            ("positions", .int(totals.mainPositions)), ("long", .int(totals.mainLong)),
                            ("short", .int(totals.mainShort)), ("pnl", .decimal(totals.mainPnL)),
                        ]))
                ),
                (
                    "sub",
                    .object(
                        JSONObject([
                            ("accounts", .int(totals.subAccounts)), ("positions", .int(totals.subPositions)),
                            ("pnl", .decimal(totals.subPnL)),
                        ]))
                ),
                ("combined_pnl", .decimal(totals.combinedPnL)),
            ]))
        root["accounts"] = .array(
            snapshot.accounts.map { account in
                .object(
                    JSONObject([
                        ("name", .string(account.name)), ("role", .string(account.role.rawValue)),
                        ("available", .optionalDecimal(account.availableBalance)),
                        ("equity", .optionalDecimal(account.equity)), ("positions", .int(account.positionCount)),
                        ("stale", .bool(account.isStale)), ("error", .optionalString(account.lastError)),
                        ("fetched_at", .optionalString(account.fetchedAt.map(timestamp))),
                    ]))
            })
        root["positions"] = .array(snapshot.positions.map { .object(position($0)) })
        return root.text
    }

    static func position(_ view: PositionView) -> JSONObject {
        let p = view.position
        var status = view.status.name
        var detail: String?
        if case .error(let message) = view.status {
            status = "error"
            detail = message
        }
        return JSONObject([
            ("account", .string(view.key.account)), ("role", .string(view.role.rawValue)),
            ("inst_id", .string(view.key.instId)), ("side", .string(view.key.posSide.rawValue)),
            ("pos_id", .string(p.posId)), ("size", .decimal(view.size)), ("notional", .decimal(view.notional)),
            ("margin", .optionalDecimal(p.margin)),
            (
                "band",
                .object(
                    JSONObject([
                        ("lower", .decimal(view.band.lower)), ("target", .decimal(view.band.target)),
                        ("upper", .decimal(view.band.upper)),
                    ]))
            ),
            ("profit_rate", .optionalDecimal(p.uplRatio)), ("upl", .optionalDecimal(p.upl)),
            ("distance_to_trigger", .optionalDecimal(view.distanceToTrigger)),
            ("maintenance_count", .int(view.maintenanceCount)), ("leverage", .optionalDecimal(p.lever)),
            ("avg_px", .optionalDecimal(p.avgPx)), ("mark_px", .optionalDecimal(p.markPx)),
            ("liq_px", .optionalDecimal(p.liqPx)), ("max_reduce", .optionalDecimal(view.metrics?.maxReduce)),
            ("reducible", .optionalDecimal(view.metrics?.reducible)), ("status", .string(status)),
            ("status_detail", .optionalString(detail)), ("action_id", .optionalString(view.actionId)),
        ])
    }

    /// History events, oldest first.
    public static func events(_ events: [EventRecord]) -> String {
        var root = JSONObject()
        root["schema"] = .string("okx-anchor.log.v1")
        root["events"] = .array(
            events.map { event in
                .object(
                    JSONObject([
                        ("id", .int(Int(event.id ?? 0))), ("time", .string(timestamp(event.time))),
                        ("account", .string(event.account)), ("inst_id", .string(event.instId)),
                        ("side", .string(event.posSide.rawValue)), ("origin", .string(event.origin.rawValue)),
                        ("kind", .string(event.kind.rawValue)), ("outcome", .string(event.outcome.rawValue)),
                        ("action_id", .optionalString(event.actionId)),
                        ("margin_before", .optionalString(event.marginBefore)),
                        ("margin_after", .optionalString(event.marginAfter)),
                        ("size_before", .optionalString(event.sizeBefore)),
                        ("size_after", .optionalString(event.sizeAfter)),
                        ("leverage_before", .optionalString(event.leverBefore)),
                        ("leverage_after", .optionalString(event.leverAfter)),
                        ("amount", .optionalString(event.amount)),
                        ("count_after", event.countAfter.map { .int($0) } ?? .null),
                        ("error_code", .optionalString(event.errorCode)),
                        ("error_message", .optionalString(event.errorMessage)), ("message", .string(event.message)),
                    ]))
            })
        return root.text
    }

    /// A plan and, once run, its result.
    public static func action(plan: Plan, result: ActionResult?) -> String {
        var root = JSONObject()
        root["schema"] = .string("okx-anchor.action.v1")
        root["kind"] = .string(plan.kind.rawValue)
        root["account"] = .string(plan.key.account)
        root["inst_id"] = .string(plan.key.instId)
        root["side"] = .string(plan.key.posSide.rawValue)
        root["plan"] = .object(
            JSONObject([
                ("steps", .array(plan.steps.map { .string($0.summary) })),
                ("then", .array(plan.followUpSteps.map { .string($0.summary) })),
                ("expected_margin", .decimal(plan.expected.margin)), ("expected_size", .decimal(plan.expected.size)),
                ("expected_leverage", .decimal(plan.expected.leverage)),
                ("estimated_fees", .decimal(plan.estimatedFees)),
                ("blockers", .array(plan.blockers.map { .string($0) })),
                ("notes", .array(plan.notes.map { .string($0) })),
            ]))
        if let result { root["result"] = .object(self.result(result)) } else { root["result"] = .null }
        return root.text
    }

    static func result(_ result: ActionResult) -> JSONObject {
        JSONObject([
            ("action_id", .optionalString(result.actionId)), ("state", .string(result.state.rawValue)),
            ("summary", .string(result.summary)), ("error_code", .optionalString(result.errorCode)),
            ("count_after", result.countAfter.map { .int($0) } ?? .null),
            ("final_margin", .optionalDecimal(result.finalMargin)), ("final_size", .optionalDecimal(result.finalSize)),
            ("follow_up", .array(result.followUp.map { .object(self.result($0)) })),
        ])
    }

    /// ISO 8601, UTC, milliseconds.
    public static func timestamp(_ date: Date) -> String {
        OKXTimestamp.string(from: date)
    }
}

/// A JSON value for reports, written with keys in a fixed order.
public indirect enum ReportValue: Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case decimal(Decimal)
    case array([ReportValue])
    case object(JSONObject)
    case null

    static func optionalDecimal(_ value: Decimal?) -> ReportValue { value.map { .decimal($0) } ?? .null }
    static func optionalString(_ value: String?) -> ReportValue { value.map { .string($0) } ?? .null }

    var text: String {
        switch self {
        case .string(let value): "\"" + JSONBody.escape(value) + "\""
        case .int(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .decimal(let value): "\"" + OKXDecimal.string(value) + "\""
        case .array(let values): "[" + values.map(\.text).joined(separator: ",") + "]"
        case .object(let object): object.text
        case .null: "null"
        }
    }
}

/// An ordered JSON object.
public struct JSONObject: Sendable {
    private var members: [(String, ReportValue)] = []

    public init() {}

    init(_ members: [(String, ReportValue)]) { self.members = members }

    subscript(key: String) -> ReportValue? {
        get { members.first { $0.0 == key }?.1 }
        set {
            members.removeAll { $0.0 == key }
            if let newValue { members.append((key, newValue)) }
        }
    }

    var text: String {
        "{" + members.map { "\"\(JSONBody.escape($0.0))\":\($0.1.text)" }.joined(separator: ",") + "}"
    }
}
