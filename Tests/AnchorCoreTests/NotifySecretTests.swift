import AnchorStore
import Foundation
import Logging
import OKX
import TestSupport
import Testing

@testable import AnchorCore

/// No configured secret, API or channel, appears in any message, log line, stored row or error, whatever the
/// services answer: even a service that quotes the request back, and a channel that cannot be reached.
@Suite struct NotifySecretTests {
    typealias Kit = NotifyTestKit

    static let apiSecret = "API-SECRET-0f9e8d7c"
    static let apiPassphrase = "API-PASSPHRASE-1a2b"
    static let apiKey = "API-KEY-33aa44bb"
    static let botToken = "777000:TELEGRAM-SECRET-TOKEN"
    static let feishuSecret = "FEISHU-SECRET-5x6y"
    static let dingTalkSecret = "SECDINGTALK-SECRET-7z"
    static let slackToken = "SLACK-SECRET-PATH-9q"

    @Test func noSecretAppearsInAnyMessageLogLineOrError() async throws {
        // A service that quotes back what it got (target, body), with refusals and server errors.
        let echo = try LoopbackHTTPServer { request in
            let quoted = request.target + " " + String(decoding: request.body, as: UTF8.self)
            if request.target.hasPrefix("/bot") {
                let said = quoted.replacingOccurrences(of: "\"", with: "'")
                return .json("{\"ok\":false,\"description\":\"Unauthorized: \(said)\"}", status: 401)
            }
            return .text("server error for " + quoted, status: 500)
        }
        let dead = try LoopbackDeadPort.refusing()
        let text = """
            [[accounts]]
            name = "Wu666666"
            role = "sub"
            api_key = "\(Self.apiKey)"
            secret_key = "\(Self.apiSecret)"
            passphrase = "\(Self.apiPassphrase)"

            [alerts]
            account_down_after = 1

            [[notify]]
            kind = "telegram"
            api_base = "\(echo.baseURL)"
            bot_token = "\(Self.botToken)"
            chat_id = 5

            [[notify]]
            kind = "feishu"
            url = "\(echo.url("/open-apis/bot/v2/hook/x"))"
            secret = "\(Self.feishuSecret)"

            [[notify]]
            kind = "dingtalk"
            url = "\(echo.url("/robot/send?access_token=t"))"
            secret = "\(Self.dingTalkSecret)"

            [[notify]]
            kind = "slack"
            url = "\(dead.baseURL)/services/\(Self.slackToken)"

            [[notify]]
            kind = "discord"
            url = "\(echo.url("/api/webhooks/1/\(Self.slackToken)"))"
            """
        var config = try ConfigLoader.parse(
            text: text, path: "secrets.toml", environment: ["HOME": "/home/t"], fileMode: 0o100600)
        config.databasePath = ":memory:"
        let sink = NotifyLogSink()
        let clock = TestClock()
        let store = try Store()
        let notifier = Notifier(
            config: config, environment: "LIVE", language: .en, store: store, transport: Kit.transport, clock: clock,
            logger: Logger(label: "secret-test") { _ in NotifyLogHandler(sink: sink) },
            options: DeliveryOptions(maxAttempts: 2, requestTimeout: .seconds(2)))
        await Kit.pumping(clock) {
            for generation in 1...3 {
                await notifier.handle(
                    NotifierTests.snapshot(generation, error: "HTTP 401: 50111 Invalid OK-ACCESS-KEY"))
            }
            await notifier.record(await notifier.process(.daemonStarted))
            await clock.waitUntil {
                ((try? store.alertChannelStatus(since: .distantPast)) ?? []).allSatisfy { $0.pending == 0 }
            }
            await notifier.stop()
        }
        let status = try store.alertChannelStatus(since: .distantPast)
        #expect(status.map(\.channel) == ["dingtalk#3", "discord#5", "feishu#2", "slack#4", "telegram#1"])
        #expect(status.allSatisfy { $0.failed == 2 && $0.lastError != nil }, "\(status)")
        let outcomes = await AlertDeliverer.sendNow(
            notifier.process(.test), language: .zh, to: config.notify, transport: Kit.transport, clock: clock,
            logger: Logger(label: "secret-test") { _ in NotifyLogHandler(sink: sink) },
            options: DeliveryOptions(maxAttempts: 1))

        var seen = sink.all + status.compactMap(\.lastError) + outcomes.compactMap(\.reason)
        for alert in try store.alerts() { seen += [alert.draft.text, alert.draft.payload, alert.draft.dedupKey] }
        #expect(sink.all.contains { $0.contains("telegram#1 given up after") })
        #expect(sink.all.contains { $0.contains("slack#4 given up after 2 tries: could not connect") })
        let secrets = [
            Self.apiSecret, Self.apiPassphrase, Self.apiKey, Self.botToken, Self.feishuSecret, Self.dingTalkSecret,
            Self.slackToken, "TELEGRAM-SECRET",
        ]
        for line in seen {
            for secret in secrets { #expect(!line.contains(secret), "\(line)") }
        }
        // The channels themselves get only the message: no API secret in any request.
        for request in echo.requests {
            let body = String(decoding: request.body, as: UTF8.self)
            for secret in [Self.apiSecret, Self.apiPassphrase, Self.apiKey] { #expect(!body.contains(secret)) }
        }
    }
}
