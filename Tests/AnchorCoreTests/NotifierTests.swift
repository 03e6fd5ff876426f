import AnchorStore
import Foundation
import Logging
import OKX
import TestSupport
import Testing

@testable import AnchorCore

/// From snapshots and the journal to alerts: once per crossing, once across processes, kept across a restart.
@Suite struct NotifierTests {
    typealias Kit = NotifyTestKit

    static let start = Date(timeIntervalSince1970: 1_767_268_800)

    /// One account's poll: CRO at `uplRatio`, with the mark `liqGap` above its liquidation price (as a share).
    static func snapshot(
        _ generation: Int, uplRatio: String = "-0.02", liqGap: String = "0.10", error: String? = nil,
        lastGood: Int = 1
    ) -> Snapshot {
        let time = start.addingTimeInterval(Double(generation) * 2)
        let mark = dec("0.1")
        let position = Build.position(
            instId: "CRO-USDT-SWAP", pos: 108, avgPx: mark, markPx: mark, lever: 10, margin: dec("10.5"),
            upl: dec("-0.2"), mmr: dec("0.05"), uplRatio: dec(uplRatio), liqPx: mark * (1 - dec(liqGap)),
            posId: "777")
        let reading = AccountReading(
            name: "Wu666666", role: .sub, positions: [position],
            fetchedAt: error == nil ? time : start.addingTimeInterval(Double(lastGood) * 2), lastError: error)
        return SnapshotBuilder.build(
            generation: generation, now: time, readings: [reading], instruments: ["CRO-USDT-SWAP": Build.cro],
            counts: [:], holds: [:], policy: .houseDefault, staleAfter: 10)
    }

    @Test func aPositionIsAlertedOncePerCrossingOfTheTrigger() {
        var detector = AlertDetector(environment: "DEMO", settings: .houseDefault, trigger: dec("-0.10"))
        func due(_ snapshot: Snapshot) -> [Bool] {
            detector.observe(snapshot).filter { $0.key.hasPrefix("due|") }.map(\.active)
        }
        #expect(due(Self.snapshot(1)) == [false], "first sight, not due: said so the store can clear a stale one")
        #expect(due(Self.snapshot(2, uplRatio: "-0.10")) == [true])
        #expect(due(Self.snapshot(3, uplRatio: "-0.12")) == [], "still due: no second alert")
        let cleared = detector.observe(Self.snapshot(4, uplRatio: "-0.05")).filter { $0.key.hasPrefix("due|") }
        #expect(cleared.map(\.active) == [false])
        #expect(cleared.first?.alert == nil, "a recovery from the trigger is no message")
        let again = detector.observe(Self.snapshot(5, uplRatio: "-0.11")).first { $0.key.hasPrefix("due|") }
        #expect(again?.active == true)
        let text = again?.alert?.text(.en) ?? ""
        #expect(
            text == "[DEMO] Maintenance due · Wu666666 CRO-USDT-SWAP long · profit rate -11.0% · trigger -10.0% · "
                + "margin 10.50 USDT · count 0 · 2026-01-01 12:00:10 UTC")
        #expect(again?.alert?.text(.zh).hasPrefix("[DEMO] 需要超级维护 · Wu666666 CRO-USDT-SWAP long · 收益率 -11.0%") == true)
    }

    @Test func marginNearLiquidationAndAnAccountDownAreAlertedAndTheirRecovery() {
        var detector = AlertDetector(
            environment: "LIVE", settings: AlertSettings(accountDownAfter: 2, liquidationWarn: dec("0.02")),
            trigger: dec("-0.10"), pollInterval: 2)
        _ = detector.observe(Self.snapshot(1))
        let near = detector.observe(Self.snapshot(2, liqGap: "0.015")).first { $0.key.hasPrefix("liq|") }
        #expect(near?.active == true)
        #expect(near?.alert?.kind == .liquidationNear)
        #expect(near?.alert?.facts.first == Alert.Fact("distance", "1.5%"))
        var kinds: [[AlertKind]] = []
        for generation in 3...6 {
            let snapshot = Self.snapshot(generation, error: "HTTP 401: 50113 invalid sign", lastGood: 2)
            // A snapshot published again without a poll (after an action) is not one more failed poll.
            let changes = detector.observe(snapshot) + detector.observe(snapshot)
            kinds.append(changes.filter { $0.key.hasPrefix("down|") }.compactMap { $0.active ? $0.alert?.kind : nil })
        }
        #expect(kinds == [[], [], [.accountDown], []], "more than 2 failed polls in a row, once")
        let back = detector.observe(Self.snapshot(7)).first { $0.key.hasPrefix("down|") }
        #expect(back?.active == false && back?.alert?.kind == .accountRecovered)
    }

    /// The dashboard and the daemon as two stores on one file, each with its notifier, seeing the same events:
    /// every event reaches the receiver exactly once.
    @Test func theDashboardAndTheDaemonOnOneDatabaseSendEachAlertOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("anchor.sqlite").path
        let server = try Kit.server([Kit.success(.webhook)])
        var config = AppConfig(databasePath: path)
        config.notify = [NotifyChannel(kind: .webhook, url: server.url("/hook"))]
        config.alerts.accountDownAfter = 1
        let clock = TestClock(start: Self.start)
        let dashboard = try Store(path: path)
        let daemon = try Store(path: path)
        func notifier(_ store: Store) -> Notifier {
            Notifier(
                config: config, environment: "DEMO", language: .en, store: store, transport: Kit.transport,
                clock: clock,
                logger: Logger(label: "test"))
        }
        let first = notifier(dashboard)
        let second = notifier(daemon)
        for generation in 1...3 {
            let snapshot = Self.snapshot(generation, uplRatio: "-0.15", error: generation > 1 ? "timed out" : nil)
            await first.handle(snapshot)
            await second.handle(snapshot)
        }
        let key = PositionKey(account: "Wu666666", instId: "CRO-USDT-SWAP", posSide: .long)
        try daemon.begin(
            ActionRecord(
                id: "a1", kind: .maintenance, origin: .autopilot, key: key, posId: "777", phase: .begun, plan: "{}",
                createdAt: clock.now(), ownerPid: getpid()))
        await second.handle(Self.snapshot(4, uplRatio: "-0.15"))
        await first.handle(Self.snapshot(4, uplRatio: "-0.15"))
        try daemon.update(actionId: "a1", state: .completed, summary: "closed and reopened", at: clock.now())
        await first.handle(Self.snapshot(5))
        await second.handle(Self.snapshot(5))

        let kinds = [
            "maintenance_due", "account_down", "account_recovered", "action_started", "action_completed",
        ]
        #expect(await server.waitUntil { $0.requests.count >= kinds.count })
        try await Task.sleep(for: .milliseconds(300))
        let sent = server.requests.map { request in
            let body = String(decoding: request.body, as: UTF8.self)
            return kinds.first { body.contains("\"kind\":\"\($0)\"") } ?? body
        }
        #expect(sent.sorted() == kinds.sorted())
        let alerts = try dashboard.alerts()
        #expect(alerts.count == kinds.count, "\(alerts.map(\.draft.dedupKey))")
        let states = try alerts.map { try dashboard.deliveryStates(alertId: $0.id)["webhook#1"] }
        #expect(states.allSatisfy { $0 == "sent" })
        await first.stop()
        await second.stop()
    }

    /// An alert written by a process that stopped before delivering it (its claim held by a pid that is gone) is
    /// delivered by the next start.
    @Test func anAlertSurvivesARestartBeforeDelivery() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("anchor.sqlite").path
        let clock = TestClock(start: Self.start)
        do {
            let before = try Store(path: path)
            let alert = Alert(kind: .daemonStopped, environment: "LIVE", time: clock.now(), dedupKey: "stop|1")
            try before.insertAlert(alert.draft(language: .en), channels: ["slack#1"])
            let gone: Int32 = 0x7FFF_FFF0
            let claimed = try before.claimDeliveries(
                channel: "slack#1", owner: gone, token: "old", now: clock.now(), lease: 3600, limit: 10,
                isAlive: { _ in true })
            #expect(claimed.count == 1)
        }
        let server = try Kit.server([Kit.success(.slack)])
        var config = AppConfig(databasePath: path)
        config.notify = [NotifyChannel(kind: .slack, url: server.url("/services/T/B/X"))]
        let notifier = Notifier(
            config: config, environment: "LIVE", language: .en, store: try Store(path: path), transport: Kit.transport,
            clock: clock, logger: Logger(label: "test"))
        #expect(await server.waitUntil { $0.requests.count == 1 })
        let body = String(decoding: server.requests.first?.body ?? [], as: UTF8.self)
        #expect(body == #"{"text":"[LIVE] Daemon stopped · 2026-01-01 12:00:00 UTC"}"#)
        await notifier.stop()
    }
}

/// What the dashboard's header and `doctor` say about the alerts.
@Suite struct AlertHealthTests {
    @Test func pendingAndGivenUpDeliveriesAreCountedAndTheFailingChannelNamed() throws {
        let time = Date(timeIntervalSince1970: 1_767_268_800)
        let store = try storeWithAlerts(4, at: time, channels: ["slack#1", "telegram#2"])
        try store.finishDeliveries([1, 2], channel: "telegram#2", delivered: true, attempts: 1, error: nil, at: time)
        try store.finishDeliveries([1], channel: "slack#1", delivered: true, attempts: 1, error: nil, at: time)
        try store.finishDeliveries(
            [2], channel: "slack#1", delivered: false, attempts: 4, error: "HTTP 404: no_service",
            at: time.addingTimeInterval(1))
        let statuses = try store.alertChannelStatus(since: time.addingTimeInterval(-60))
        #expect(
            statuses == [
                AlertChannelStatus(
                    channel: "slack#1", pending: 2, failed: 1, lastError: "HTTP 404: no_service", failing: true),
                AlertChannelStatus(channel: "telegram#2", pending: 2, failed: 0, lastError: nil, failing: false),
            ])
        let health = AlertHealth(statuses)
        #expect(health == AlertHealth(undelivered: 5, failing: ["slack#1"]))
        let channels = [
            NotifyChannel(kind: .slack, index: 0, url: "https://hooks.slack.com/services/SECRET"),
            NotifyChannel(kind: .telegram, index: 1, url: "https://api.telegram.org", botToken: "1:x", chatId: "1"),
            NotifyChannel(kind: .discord, index: 2, url: "https://discord.com/api/webhooks/1/SECRET"),
        ]
        #expect(
            AlertHealth.doctorLines(channels: channels, statuses: statuses) == [
                "Alerts (3 channels):",
                "  slack#1     FAILING: 2 waiting, 1 given up in the last 24 h (last: HTTP 404: no_service)",
                "  telegram#2  ok: 2 waiting",
                "  discord#3   ok (nothing sent yet; try okx-anchor notify --test)",
            ])
        try store.finishDeliveries([3], channel: "slack#1", delivered: true, attempts: 1, error: nil, at: time + 2)
        #expect(try store.alertChannelStatus(since: time).first?.failing == false, "a later success clears it")
    }
}

/// The outbox is bounded: beyond `keep` waiting deliveries of a channel, the oldest are given up as "queue full".
@Suite struct AlertQueueTests {
    @Test func theOldestBeyondTheBoundAreGivenUp() throws {
        let time = Date(timeIntervalSince1970: 1_767_268_800)
        let store = try storeWithAlerts(5, at: time, channels: ["webhook#1"])
        let claimed = try store.claimDeliveries(
            channel: "webhook#1", owner: 1, token: "t", now: time, lease: 60, limit: 10, keep: 3, isAlive: { _ in true }
        )
        #expect(claimed.map(\.id) == [3, 4, 5])
        #expect(try store.deliveryStates(alertId: 1)["webhook#1"] == "failed")
        #expect(try store.alertChannelStatus(since: time).first?.lastError == "queue full")
        let other = try store.claimDeliveries(
            channel: "webhook#1", owner: 2, token: "u", now: time.addingTimeInterval(30), lease: 60, limit: 10,
            isAlive: { _ in true })
        #expect(other.isEmpty, "held by another live deliverer whose lease runs")
        let later = try store.claimDeliveries(
            channel: "webhook#1", owner: 2, token: "u", now: time.addingTimeInterval(61), lease: 60, limit: 10,
            isAlive: { _ in true })
        #expect(later.map(\.id) == [3, 4, 5], "taken over when the lease ran out")
    }
}

/// A store holding `count` "account down" alerts (accounts a1, a2, …) waiting for `channels`.
private func storeWithAlerts(_ count: Int, at time: Date, channels: [String]) throws -> Store {
    let store = try Store()
    for index in 1...count {
        let alert = Alert(
            kind: .accountDown, environment: "LIVE", account: "a\(index)", time: time, dedupKey: "\(index)")
        try store.insertAlert(alert.draft(language: .en), channels: channels)
    }
    return store
}
