import AnchorCore
import AnchorStore
import Foundation
import OKX
import TestSupport

@testable import AnchorTUI

/// A fleet like the paper exchange's `demo` scenario, built with fixed times so every frame repeats exactly: a main
/// account with 22 positions (12 long, 10 short) and 9 sub-accounts with 10 positions, among them Wu666666's long
/// APT (18 contracts, margin 30.82) and long CRO (108 contracts, margin 20.29, 10x), and profit rates around the
/// −10% trigger (AVAX long −10.30% is due).
enum DemoFixture {
    /// 2026-01-01 12:00:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_767_268_800)

    static let instruments: [String: Instrument] = {
        let specs: [(String, String, String, String)] = [
            ("BTC", "0.01", "0.01", "0.1"), ("ETH", "0.1", "0.01", "0.01"), ("SOL", "1", "0.01", "0.01"),
            ("DOGE", "1000", "0.01", "0.00001"), ("XRP", "100", "0.01", "0.0001"), ("ADA", "100", "0.1", "0.0001"),
            ("LINK", "1", "0.1", "0.001"), ("AVAX", "1", "0.1", "0.01"), ("LTC", "1", "0.1", "0.01"),
            ("DOT", "1", "0.1", "0.001"), ("TRX", "1000", "0.1", "0.00001"), ("CRO", "10", "1", "0.00001"),
            ("APT", "1", "1", "0.001"), ("BCH", "0.1", "0.1", "0.01"), ("UNI", "1", "0.1", "0.001"),
            ("SUI", "1", "1", "0.0001"), ("FIL", "0.1", "0.1", "0.001"), ("ATOM", "1", "0.1", "0.001"),
            ("NEAR", "10", "0.1", "0.001"), ("OP", "1", "1", "0.0001"), ("ARB", "10", "0.1", "0.0001"),
            ("TON", "1", "1", "0.0001"),
        ]
        var result: [String: Instrument] = [:]
        for (base, ctVal, lot, tick) in specs {
            let id = base + "-USDT-SWAP"
            result[id] = Instrument(
                instId: id, instFamily: base + "-USDT", ctVal: dec(ctVal), lotSz: dec(lot), minSz: dec(lot),
                tickSz: dec(tick), maxLever: 50, maxMktSz: 100_000)
        }
        return result
    }()

    static let marks: [String: String] = [
        "BTC": "96000.0", "ETH": "3150.00", "SOL": "138.50", "DOGE": "0.15820", "XRP": "2.0650", "ADA": "0.4180",
        "LINK": "13.850", "AVAX": "13.45", "LTC": "82.40", "DOT": "2.150", "TRX": "0.28150", "CRO": "0.09250",
        "APT": "4.790", "BCH": "520.00", "UNI": "7.250", "SUI": "2.1500", "FIL": "2.350", "ATOM": "3.150",
        "NEAR": "2.450", "OP": "0.5500", "ARB": "0.3000", "TON": "1.8500",
    ]

    typealias Spec = (base: String, side: PositionSide, pos: String, avgPx: String, margin: String)

    static let mainSpecs: [Spec] = [
        ("BTC", .long, "0.50", "95665.2", "47.84"), ("ETH", .long, "1.00", "3163.29", "37.96"),
        ("SOL", .long, "2.00", "137.40", "27.48"), ("DOGE", .long, "0.99", "0.15972", "15.82"),
        ("XRP", .long, "0.99", "2.0599", "30.59"), ("ADA", .long, "2.9", "0.4205", "12.20"),
        ("LINK", .long, "9.9", "13.699", "17.64"), ("AVAX", .long, "9.9", "13.59", "13.46"),
        ("LTC", .long, "1.9", "81.95", "15.58"), ("DOT", .long, "49.7", "2.156", "21.44"),
        ("BCH", .long, "5.0", "516.39", "25.82"), ("SUI", .long, "49", "2.1532", "11.61"),
        ("BTC", .short, "0.30", "95808.4", "28.75"), ("ETH", .short, "0.60", "3169.01", "19.02"),
        ("SOL", .short, "0.99", "137.81", "20.47"), ("TRX", .short, "0.3", "0.28263", "8.48"),
        ("UNI", .short, "14.8", "7.184", "10.64"), ("FIL", .short, "297.8", "2.357", "8.43"),
        ("ATOM", .short, "29.8", "3.188", "9.51"), ("NEAR", .short, "4.9", "2.420", "11.86"),
        ("OP", .short, "200", "0.5506", "22.03"), ("TON", .short, "49", "1.8435", "9.04"),
    ]

    static let subSpecs: [(name: String, positions: [Spec])] = [
        ("Wu666666", [("APT", .long, "18", "4.812", "30.82"), ("CRO", .long, "108", "0.09259", "20.29")]),
        ("Li888888", [("XRP", .long, "0.49", "2.0733", "10.16")]),
        ("Zhang2024", [("DOGE", .short, "0.49", "0.15915", "10.14")]),
        ("Chen8866", [("LINK", .long, "7.9", "13.987", "11.05")]),
        ("Wang5566", [("SOL", .long, "0.99", "138.09", "13.68")]),
        ("Liu9999", [("AVAX", .short, "6.9", "13.42", "9.26")]),
        ("Zhao1688", [("ARB", .long, "30.0", "0.2973", "8.92")]),
        ("Sun7788", [("LTC", .short, "0.9", "81.57", "7.35")]),
        ("Zhou3366", [("ADA", .long, "1.9", "0.4172", "19.82")]),
    ]

    /// One position at its mark moved by `step` ticks of a fixed pattern (so sparklines have something to show).
    static func position(_ spec: Spec, posId: String, step: Int) -> Position {
        let instrument = instruments[spec.base + "-USDT-SWAP"]!
        let wiggle = [0, 3, -2, 5, 1, -4, 2][(step + posId.count) % 7]
        let mark = dec(marks[spec.base]!) + Decimal(wiggle) * instrument.tickSz
        let avgPx = dec(spec.avgPx)
        let lever: Decimal = 10
        let quantity = dec(spec.pos) * instrument.contractValue
        let upl = (spec.side == .short ? avgPx - mark : mark - avgPx) * quantity
        let opening = quantity * avgPx / lever
        let liq = (spec.side == .short ? avgPx * dec("1.095") : avgPx * dec("0.905")).rounded(scale: 4, .plain)
        return Build.position(
            instId: instrument.instId, posSide: spec.side, pos: dec(spec.pos), avgPx: avgPx, markPx: mark, lever: lever,
            margin: dec(spec.margin), upl: upl, mmr: (quantity * mark * dec("0.01")).rounded(scale: 4, .plain),
            uplRatio: (upl / opening).rounded(scale: 4, .plain), liqPx: liq, posId: posId)
    }

    static func balance(_ available: String) -> Balance {
        try! Balance(
            fields: OKXFields(
                .object([
                    "totalEq": .string(available),
                    "details": .array([
                        .object(["ccy": .string("USDT"), "availBal": .string(available), "eq": .string(available)])
                    ]),
                ])))
    }

    /// The readings of poll `step`, `renamed` giving some accounts other names (a CJK one).
    static func readings(step: Int, renamed: [String: String] = [:]) -> [AccountReading] {
        let fetched = start.addingTimeInterval(TimeInterval(step * 2))
        var readings = [
            AccountReading(
                name: renamed["main"] ?? "main", role: .main, balance: balance("5000"),
                positions: mainSpecs.enumerated().map { position($1, posId: "10\($0)", step: step) },
                fetchedAt: fetched,
                latency: .milliseconds(120))
        ]
        for (index, sub) in subSpecs.enumerated() {
            readings.append(
                AccountReading(
                    name: renamed[sub.name] ?? sub.name, role: .sub, balance: balance("300"),
                    positions: sub.positions.enumerated().map { position($1, posId: "2\(index)\($0)", step: step) },
                    fetchedAt: fetched, latency: .milliseconds(140)))
        }
        return readings
    }

    static func snapshot(
        step: Int, holds: [PositionKey: SnapshotBuilder.Hold] = [:], counts: [PositionKey: Int] = [:],
        renamed: [String: String] = [:], change: (inout [AccountReading]) -> Void = { _ in }
    ) -> Snapshot {
        var readings = readings(step: step, renamed: renamed)
        change(&readings)
        return SnapshotBuilder.build(
            generation: step + 1, now: start.addingTimeInterval(TimeInterval(step * 2)),
            readings: readings, instruments: instruments, counts: counts, holds: holds,
            policy: .houseDefault, staleAfter: 10, pollDuration: .milliseconds(182), rateLimitHeadroom: 0.97)
    }

    /// A snapshot of one account holding one CRO position at `rate`, for the attention tests.
    static func single(
        generation: Int, rate: String, hold: SnapshotBuilder.Hold? = nil, instId: String = "CRO-USDT-SWAP"
    ) -> Snapshot {
        let position = Build.position(
            instId: instId, pos: 108, avgPx: dec("0.09259"), markPx: dec("0.09250"), lever: 10, margin: dec("10.00"),
            upl: dec("-0.0972"), mmr: dec("0.1"), uplRatio: dec(rate), posId: "201")
        let key = PositionKey(account: "Wu666666", instId: instId, posSide: .long)
        let reading = AccountReading(
            name: "Wu666666", role: .sub, balance: balance("300"), positions: [position],
            fetchedAt: start.addingTimeInterval(TimeInterval(generation)), latency: .milliseconds(100))
        return SnapshotBuilder.build(
            generation: generation, now: start.addingTimeInterval(TimeInterval(generation)), readings: [reading],
            instruments: instruments, counts: [:], holds: hold.map { [key: $0] } ?? [:], policy: .houseDefault,
            staleAfter: 10)
    }

    static let cro = PositionKey(account: "Wu666666", instId: "CRO-USDT-SWAP", posSide: .long)
    static let apt = PositionKey(account: "Wu666666", instId: "APT-USDT-SWAP", posSide: .long)
    static let avax = PositionKey(account: "main", instId: "AVAX-USDT-SWAP", posSide: .long)

    /// A correction plan for a position of a snapshot, as the runner would make it.
    static func plan(_ kind: ActionKind, for key: PositionKey, in snapshot: Snapshot, available: Decimal = 300) -> Plan
    {
        let view = snapshot.position(key)!
        let input = PlanInput(
            key: key, position: view.position, instrument: instruments[key.instId]!,
            maintenanceCount: view.maintenanceCount, availableBalance: available, policy: .houseDefault,
            accountManaged: view.role == .sub)
        return kind == .correction ? Planner.correction(input) : Planner.maintenance(input)
    }

    /// A few events of history, oldest first, with ids.
    static func events() -> [EventRecord] {
        var events: [EventRecord] = []
        func add(
            _ minutesAgo: Int, _ key: PositionKey, _ kind: EventKind, _ outcome: EventOutcome, _ message: String,
            origin: ActionOrigin = .manual, code: String? = nil
        ) {
            var event = EventRecord(
                time: start.addingTimeInterval(TimeInterval(-minutesAgo * 60)), key: key, origin: origin, kind: kind,
                actionId: "act\(events.count)", outcome: outcome, message: message)
            event.id = Int64(events.count + 1)
            event.errorCode = code
            events.append(event)
        }
        let sun = PositionKey(account: "Sun7788", instId: "LTC-USDT-SWAP", posSide: .short)
        let zhou = PositionKey(account: "Zhou3366", instId: "ADA-USDT-SWAP", posSide: .long)
        add(50, zhou, .marginReduce, .ok, "margin 24.82 → 19.82 USDT")
        add(49, zhou, .correction, .ok, "correction: margin 24.82 → 19.82 USDT", origin: .autopilot)
        add(30, sun, .maintenanceClose, .ok, "closed 0.9 contracts (unrealised -0.77 USDT)")
        add(29, sun, .maintenance, .ok, "super maintenance: closed 0.9, opened 0.9 at 81.57; count 0 → 1")
        add(
            12, apt, .marginReduce, .failed, "margin reduction refused: margin adjustment exceeds the maximum",
            code: "59301")
        add(11, apt, .correction, .failed, "correction: could not reach the band", code: "59301")
        return events
    }

    /// A dashboard state after `polls` snapshots and the history, at 2026-01-01 12:00:10 UTC.
    static func state(
        size: TerminalSize = TerminalSize(rows: 24, cols: 80), language: Language = .en, polls: Int = 5,
        renamed: [String: String] = [:],
        settings: DashboardSettings = DashboardSettings(environment: .demo, timeZone: utc)
    ) -> AppState {
        var state = AppState(settings: settings, language: language, themeName: "default", size: size, now: start)
        for step in 0..<polls {
            _ = Dashboard.update(&state, .snapshot(snapshot(step: step, renamed: renamed)))
        }
        _ = Dashboard.update(&state, .logEvents(events(), .latest(hasOlder: false)))
        _ = Dashboard.update(&state, .tick(start.addingTimeInterval(TimeInterval(polls * 2))))
        return state
    }

    static let utc = TimeZone(identifier: "UTC")!
}
