import AnchorStore
import Foundation
import OKX
import TestSupport
import Testing

@testable import AnchorCore

/// Each service gets the exact request it documents, over real loopback HTTP; retries, give-up, rate limits and
/// coalescing are timed on a test clock.
@Suite struct NotifyChannelTests {
    typealias Kit = NotifyTestKit

    /// The body each kind must send for `Kit.message` (its text escaped as JSON).
    static func expectedBody(_ kind: NotifyKind) -> String {
        let text = #""hello \"desk\"\n维护""#
        return switch kind {
        case .webhook: #"{"schema":"x","count":1}"#
        case .telegram: #"{"chat_id":-100777,"text":"# + text + "}"
        case .feishu, .lark:
            #"{"timestamp":"1767268800","sign":"xh7yFohv3Tm7FWzVcTxtMRdyNnYqqxzgUPPLpz/cSrw=","#
                + #""msg_type":"text","content":{"text":"# + text + "}}"
        case .dingtalk, .wecom: #"{"msgtype":"text","text":{"content":"# + text + "}}"
        case .slack: #"{"text":"# + text + "}"
        case .discord: #"{"content":"# + text + "}"
        }
    }

    static func expectedTarget(_ kind: NotifyKind) -> String {
        switch kind {
        case .telegram: "/bot123456:TELEGRAM-test-token/sendMessage"
        case .dingtalk:
            "/robot/send?access_token=DINGTALK-token&timestamp=1767268800000"
                + "&sign=oARjqPH0UMwfOSfg8QdOBTfD1XWSsQZ%2B%2BlpQjPHxbiQ%3D"
        default: "/hook/\(kind.rawValue)-TOKEN123"
        }
    }

    static func secret(_ kind: NotifyKind) -> String? {
        switch kind {
        case .feishu, .lark: "SECfeishu-test-secret"
        case .dingtalk: "SECdingtalk-test-secret"
        default: nil
        }
    }

    @Test(arguments: NotifyKind.allCases)
    func eachKindSendsTheRequestItsServiceDocuments(kind: NotifyKind) async throws {
        let clock = TestClock()
        let server = try Kit.server([Kit.success(kind)])
        let worker = try Kit.worker(Kit.channel(kind, server, secret: Self.secret(kind)), clock: clock)
        let outcome = await worker.deliver(Kit.message)
        #expect(outcome == DeliveryOutcome(delivered: true, attempts: 1, reason: nil))
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.target == Self.expectedTarget(kind))
        #expect(request.header("Content-Type") == "application/json; charset=utf-8")
        #expect(String(decoding: request.body, as: UTF8.self) == Self.expectedBody(kind))
    }

    @Test func aChannelWithoutASecretSendsNoSignature() async throws {
        let clock = TestClock()
        let server = try Kit.server([Kit.success(.dingtalk)])
        _ = try await Kit.worker(Kit.channel(.dingtalk, server), clock: clock).deliver(Kit.message)
        #expect(server.requests.first?.target == "/robot/send?access_token=DINGTALK-token")
        let feishu = try Kit.server([Kit.success(.feishu)])
        _ = try await Kit.worker(Kit.channel(.feishu, feishu), clock: clock).deliver(Kit.message)
        let body = String(decoding: feishu.requests.first?.body ?? [], as: UTF8.self)
        #expect(body.hasPrefix(#"{"msg_type":"text""#))
    }

    @Test func timeoutsAnd5xxAreRetriedWithGrowingBackoff() async throws {
        let clock = TestClock()
        let times = Kit.Times()
        let server = try Kit.server(
            [LoopbackReply(status: 500), LoopbackReply(status: 503), .stall, Kit.success(.slack)], clock: clock,
            times: times)
        var options = DeliveryOptions()
        options.requestTimeout = .milliseconds(300)
        let worker = try Kit.worker(Kit.channel(.slack, server), clock: clock, options: options)
        let outcome = await Kit.pumping(clock) { await worker.deliver(Kit.message) }
        #expect(outcome.delivered)
        #expect(outcome.attempts == 4)
        #expect(server.requests.count == 4)
        let gaps = times.gaps
        #expect(gaps.count == 3)
        // 1 s, 2 s, 4 s of backoff (the pump moves the clock in half seconds, so a wait may end up to 0.5 s late).
        for (gap, wanted) in zip(gaps, [1.0, 2.0, 4.0]) { #expect(gap >= wanted && gap <= wanted + 0.5) }
    }

    @Test func aChannelGivesUpAfterItsTriesWithTheReason() async throws {
        let clock = TestClock()
        let server = try Kit.server([LoopbackReply(status: 502)])
        let sink = NotifyLogSink()
        let worker = try Kit.worker(Kit.channel(.discord, server), clock: clock, sink: sink)
        let outcome = await Kit.pumping(clock) { await worker.deliver(Kit.message) }
        #expect(outcome == DeliveryOutcome(delivered: false, attempts: 4, reason: "HTTP 502"))
        #expect(server.requests.count == 4)
        #expect(sink.all.contains { $0.contains("discord#1 given up after 4 tries: HTTP 502") })
    }

    @Test func aRefusalIsNotRetried() async throws {
        let clock = TestClock()
        let server = try Kit.server([
            .json("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}", status: 400)
        ])
        let outcome = try await Kit.worker(Kit.channel(.telegram, server), clock: clock).deliver(Kit.message)
        #expect(
            outcome == DeliveryOutcome(delivered: false, attempts: 1, reason: "HTTP 400: Bad Request: chat not found"))
        #expect(server.requests.count == 1)
        let wecom = try Kit.server([.json("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")])
        let refused = try await Kit.worker(Kit.channel(.wecom, wecom), clock: clock).deliver(Kit.message)
        #expect(refused.reason == "wecom errcode 93000: invalid webhook url")
    }

    /// Each service's "too many requests" is retried, after the wait it asked for where it says one.
    @Test(arguments: NotifyKind.allCases)
    func eachServicesTooManyRequestsIsRetried(kind: NotifyKind) async throws {
        let clock = TestClock()
        let times = Kit.Times()
        let server = try Kit.server([Kit.tooMany(kind), Kit.success(kind)], clock: clock, times: times)
        let worker = try Kit.worker(Kit.channel(kind, server, secret: Self.secret(kind)), clock: clock)
        let outcome = await Kit.pumping(clock) { await worker.deliver(Kit.message) }
        #expect(outcome.delivered)
        #expect(server.requests.count == 2)
        let asked: Double =
            switch kind {
            case .telegram: 3
            case .discord: 2.5
            case .webhook, .slack: 2
            default: 1
            }
        let gap = try #require(times.gaps.first)
        #expect(gap >= max(asked, kind.defaultSpacing.seconds) && gap <= max(asked, kind.defaultSpacing.seconds) + 0.5)
    }

    /// Telegram about one message a second to a chat, DingTalk 20 a minute: queued alerts go out spaced.
    @Test(arguments: [NotifyKind.telegram, .dingtalk, .wecom])
    func queuedAlertsRespectTheServicesRateLimit(kind: NotifyKind) async throws {
        let clock = TestClock()
        let times = Kit.Times()
        let server = try Kit.server([Kit.success(kind)], clock: clock, times: times)
        let store = try Store()
        let channel = Kit.channel(kind, server)
        for index in 0..<4 {
            let alert = Alert(
                kind: .accountDown, environment: "DEMO", account: "acct\(index)", time: clock.now(),
                dedupKey: "test|\(index)")
            try store.insertAlert(alert.draft(language: .en), channels: [channel.name])
        }
        let worker = try Kit.worker(channel, clock: clock, store: store)
        await Kit.pumping(clock) { await worker.drain() }
        #expect(server.requests.count == 4)
        let spacing = kind == .telegram ? 1.0 : 3.0
        for gap in times.gaps { #expect(gap >= spacing && gap <= spacing + 0.5) }
        let states = try (1...4).map { try store.deliveryStates(alertId: Int64($0))[channel.name] }
        #expect(states == ["sent", "sent", "sent", "sent"])
    }

    @Test func minIntervalLengthensTheSpacing() async throws {
        let clock = TestClock()
        let times = Kit.Times()
        let server = try Kit.server([Kit.success(.webhook)], clock: clock, times: times)
        var channel = Kit.channel(.webhook, server)
        channel.minInterval = .seconds(5)
        let worker = try Kit.worker(channel, clock: clock)
        _ = await Kit.pumping(clock) { await worker.deliver(Kit.message) }
        _ = await Kit.pumping(clock) { await worker.deliver(Kit.message) }
        #expect(times.gaps.count == 1 && times.gaps[0] >= 5)
    }

    /// Identical alerts inside the window go out as one message with a count; others are not merged.
    @Test func identicalAlertsAreCoalescedWithACount() async throws {
        let clock = TestClock()
        let server = try Kit.server([Kit.success(.webhook)])
        let store = try Store()
        let channel = Kit.channel(.webhook, server)
        let start = clock.now()
        for index in 0..<3 {
            let alert = Alert(
                kind: .actionFailed, environment: "LIVE", account: "Wu666666", instId: "CRO-USDT-SWAP", side: "long",
                time: start.addingTimeInterval(Double(index) * 10), dedupKey: "failed|\(index)")
            try store.insertAlert(alert.draft(language: .en), channels: [channel.name])
        }
        let other = Alert(
            kind: .actionFailed, environment: "LIVE", account: "Wu666666", instId: "APT-USDT-SWAP", side: "long",
            time: start, dedupKey: "failed|other")
        try store.insertAlert(other.draft(language: .en), channels: [channel.name])
        let late = Alert(
            kind: .actionFailed, environment: "LIVE", account: "Wu666666", instId: "APT-USDT-SWAP", side: "long",
            time: start.addingTimeInterval(600), dedupKey: "failed|late")
        try store.insertAlert(late.draft(language: .en), channels: [channel.name])
        let worker = try Kit.worker(channel, clock: clock, store: store)
        await worker.drain()
        let bodies = server.requests.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies.count == 3)
        #expect(bodies[0].contains("\"inst_id\":\"CRO-USDT-SWAP\"") && bodies[0].hasSuffix("\"count\":3}"))
        #expect(bodies[1].contains("\"inst_id\":\"APT-USDT-SWAP\"") && bodies[1].hasSuffix("\"count\":1}"))
        #expect(bodies[2].hasSuffix("\"count\":1}"))
        let states = try (1...5).map { try store.deliveryStates(alertId: Int64($0))[channel.name] }
        #expect(states == Array(repeating: "sent", count: 5))

        let slack = try Kit.server([Kit.success(.slack)])
        let text = AlertMessage(text: "Action FAILED", storedPayload: "{}", count: 3)
        _ = try await Kit.worker(Kit.channel(.slack, slack), clock: clock).deliver(text)
        #expect(String(decoding: slack.requests.first?.body ?? [], as: UTF8.self) == #"{"text":"Action FAILED (×3)"}"#)
    }

    /// The webhook's object as docs/NOTIFY.md documents it, field for field.
    @Test func theWebhookJSONIsTheDocumentedSchema() {
        let alert = Alert(
            kind: .maintenanceDue, environment: "LIVE", account: "Wu666666", instId: "CRO-USDT-SWAP", side: "long",
            facts: [.init("profit_rate", "-10.4%"), .init("trigger", "-10.0%")], detail: nil,
            time: Date(timeIntervalSince1970: 1_767_268_805.25), dedupKey: "k")
        #expect(
            alert.payload(.en)
                == #"{"schema":"okx-anchor.alert.v1","kind":"maintenance_due","environment":"LIVE","#
                + #""time":"2026-01-01T12:00:05.250Z","account":"Wu666666","inst_id":"CRO-USDT-SWAP","side":"long","#
                + #""facts":{"profit_rate":"-10.4%","trigger":"-10.0%"},"detail":null,"lang":"en","#
                + #""text":"[LIVE] Maintenance due · Wu666666 CRO-USDT-SWAP long · profit rate -10.4% · "#
                + #"trigger -10.0% · 2026-01-01 12:00:05 UTC","count":1}"#)
        let message = AlertMessage(text: "t", storedPayload: alert.payload(.zh), count: 4)
        #expect(
            message.payload.hasSuffix(
                #""lang":"zh","text":"[LIVE] 需要超级维护 · Wu666666 CRO-USDT-SWAP long · "#
                    + #"收益率 -10.4% · 触发线 -10.0% · 2026-01-01 12:00:05 UTC","count":4}"#))
    }
}
