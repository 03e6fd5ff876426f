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
                            ("short", .int(totals.mainShort)), ("pnl", .decimal(totals.mainPnL.usdt)),
                            ("pnl_by_currency", amounts(totals.mainPnL)),
                        ]))
                ),
                (
                    "sub",
                    .object(
                        JSONObject([
                            ("accounts", .int(totals.subAccounts)), ("positions", .int(totals.subPositions)),
                            ("pnl", .decimal(totals.subPnL.usdt)), ("pnl_by_currency", amounts(totals.subPnL)),
                        ]))
                ),
                ("combined_pnl", .decimal(totals.combinedPnL.usdt)),
                ("combined_pnl_by_currency", amounts(totals.combinedPnL)),
            ]))
        root["accounts"] = .array(
            snapshot.accounts.map { account in
                .object(
                    JSONObject([
                        ("name", .string(account.name)), ("role", .string(account.role.rawValue)),
                        ("managed", .bool(account.managed)),
                        ("available", .optionalDecimal(account.availableBalance)),
                        ("equity", .optionalDecimal(account.equity)), ("positions", .int(account.positionCount)),
                        ("stale", .bool(account.isStale)), ("error", .optionalString(account.lastError)),
                        ("fetched_at", .optionalString(account.fetchedAt.map(timestamp))),
                    ]))
            })
        // The positions last, each written as it is made: a thousand accounts' positions are never all held as
        // values and as text at once.
        var out = ""
        // About 900 bytes a position, 250 an account: grown by doubling, the text was copied on the way.
        out.reserveCapacity(4096 + snapshot.positions.count * 1024 + snapshot.accounts.count * 320)
        root.write(to: &out)
        out.removeLast()
        out += root.isEmpty ? "\"positions\":[" : ",\"positions\":["
        for (index, view) in snapshot.positions.enumerated() {
            if index > 0 { out += "," }
            position(view).write(to: &out)
        }
        out += "]}"
        return out
    }

    /// Amounts by currency: `{"USDT":"2.05","BTC":"0.0001"}`, USDT first.
    static func amounts(_ amounts: CurrencyAmounts) -> ReportValue {
        .object(JSONObject(amounts.ordered.map { ($0.currency, .decimal($0.amount)) }))
    }

    /// One position. Margin, upl and the reduce figures are in `currency`, the notional in `notional_currency`;
    /// `side` is OKX's posSide (`net` in one-way mode) and `direction` which way it bets.
    static func position(_ view: PositionView) -> JSONObject {
        let p = view.position
        let status = view.status.name
        var detail: String?
        switch view.status {
        case .error(let message): detail = message
        case .watched(let reason): detail = reason.text
        default: break
        }
        return JSONObject([
            ("account", .string(view.key.account)), ("role", .string(view.role.rawValue)),
            ("inst_id", .string(view.key.instId)), ("side", .string(view.key.posSide.rawValue)),
            ("direction", .optionalString(view.direction?.rawValue)), ("mgn_mode", .string(p.mgnMode)),
            ("scope", .string(view.isManaged ? "managed" : "watched")),
            ("watched_reason", .optionalString(view.scope.watchReason?.name)),
            ("currency", .string(view.currency)), ("notional_currency", .string(view.notionalCurrency)),
            ("pos_id", .string(p.posId)), ("size", .decimal(view.size)), ("notional", .decimal(view.notional)),
            ("margin", .optionalDecimal(p.margin)), ("imr", .optionalDecimal(p.imr)),
            (
                "band",
                view.band.map { band in
                    .object(
                        JSONObject([
                            ("lower", .decimal(band.lower)), ("target", .decimal(band.target)),
                            ("upper", .decimal(band.upper)),
                        ]))
                } ?? .null
            ),
            ("profit_rate", .optionalDecimal(p.uplRatio)), ("upl", .optionalDecimal(p.upl)),
            ("distance_to_trigger", .optionalDecimal(view.distanceToTrigger)),
            ("maintenance_count", .int(view.maintenanceCount)), ("leverage", .optionalDecimal(p.lever)),
            ("avg_px", .optionalDecimal(p.avgPx)), ("mark_px", .optionalDecimal(p.markPx)),
            ("liq_px", .optionalDecimal(p.liqPx)), ("max_reduce", .optionalDecimal(view.metrics?.maxReduce ?? nil)),
            ("reducible", .optionalDecimal(view.metrics?.reducible ?? nil)), ("status", .string(status)),
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
                        ("side", .string(event.posSide.rawValue)), ("pos_id", .optionalString(event.posId)),
                        ("origin", .string(event.origin.rawValue)),
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
        root["direction"] = .optionalString(plan.basis.direction?.rawValue)
        root["mgn_mode"] = .string(plan.key.mgnMode.rawValue)
        root["pos_id"] = .string(plan.basis.posId)
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

    /// `okx-anchor doctor --json`: each account's check.
    public static func doctor(_ checks: [AccountCheck], config: AppConfig) -> String {
        var root = JSONObject()
        root["schema"] = .string("okx-anchor.doctor.v1")
        root["base_url"] = .string(config.baseURL)
        root["simulated_trading"] = .bool(config.simulatedTrading)
        root["accounts"] = .array(
            checks.map { check in
                .object(
                    JSONObject([
                        ("name", .string(check.name)), ("role", .string(check.role.rawValue)),
                        ("managed", .bool(check.managed)), ("key_works", .bool(check.keyWorks)),
                        ("error_code", .optionalString(check.errorCode)),
                        ("uid", .optionalString(check.uid)),
                        ("permissions", .array(check.permissions.map { .string($0) })),
                        ("account_level", .optionalString(check.accountLevel)),
                        ("position_mode", .optionalString(check.positionMode)),
                        ("ip_allow_list", .optionalString(check.ipAllowList)),
                        ("clock_skew_ms", check.clockSkewMilliseconds.map { .int(Int($0)) } ?? .null),
                        ("poll_headroom", .decimal(Decimal(check.pollHeadroomPercent) / 100)),
                        ("managed_positions", .int(check.managedPositions)),
                        (
                            "watched_positions",
                            .array(
                                check.watched.map { position in
                                    .object(
                                        JSONObject([
                                            ("inst_id", .string(position.instId)),
                                            ("direction", .optionalString(position.direction?.rawValue)),
                                            ("mgn_mode", .string(position.mgnMode)),
                                            ("pos_id", .string(position.posId)),
                                            ("reason", .string(position.reason.name)),
                                            ("why", .string(position.reason.text)),
                                        ]))
                                })
                        ),
                        ("problems", .array(check.problems.map { .string($0) })), ("healthy", .bool(check.isHealthy)),
                    ]))
            })
        return root.text
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
        var out = ""
        write(to: &out)
        return out
    }

    /// Appends the value's JSON to `out`: one growing string for a whole report, rather than a string per value
    /// joined into its parent's (a status of 3,000 positions held several copies of itself at once).
    func write(to out: inout String) {
        switch self {
        case .string(let value):
            out += "\""
            out += JSONBody.escape(value)
            out += "\""
        case .int(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .decimal(let value):
            out += "\""
            out += OKXDecimal.string(value)
            out += "\""
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(to: &out)
            }
            out += "]"
        case .object(let object): object.write(to: &out)
        case .null: out += "null"
        }
    }
}

/// An ordered JSON object.
public struct JSONObject: Sendable {
    private var members: [(String, ReportValue)] = []

    public init() {}

    init(_ members: [(String, ReportValue)]) { self.members = members }

    var isEmpty: Bool { members.isEmpty }

    subscript(key: String) -> ReportValue? {
        get { members.first { $0.0 == key }?.1 }
        set {
            members.removeAll { $0.0 == key }
            if let newValue { members.append((key, newValue)) }
        }
    }

    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        out += "{"
        for (index, (key, value)) in members.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            out += JSONBody.escape(key)
            out += "\":"
            value.write(to: &out)
        }
        out += "}"
    }
}
