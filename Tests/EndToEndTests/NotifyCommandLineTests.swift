import Foundation
import OKX
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `okx-anchor notify --test` and the daemon's alerts, through the real binary to loopback receivers.
@Suite(.serialized) struct NotifyCommandLineTests {
    static let telegramToken = "424242:TG-SECRET-TOKEN-VALUE"
    static let slackPath = "/services/T0/B0/SLACK-SECRET-PATH"

    @Test func notifyTestSendsToEveryChannelAndSaysWhichFailed() throws {
        let server = try LoopbackHTTPServer { request in
            if request.target.hasPrefix("/services/") { return .text("no_service", status: 404) }
            if request.target.hasPrefix("/bot") { return .json("{\"ok\":true,\"result\":{}}") }
            return .json("{}")
        }
        let folder = NSTemporaryDirectory() + "okx-anchor-notify-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config.toml"
        try """
        [[accounts]]
        name = "main"
        role = "main"
        api_key_env = "K"
        secret_key_env = "S"
        passphrase_env = "P"

        [[notify]]
        kind = "webhook"
        url = "\(server.url("/alerts"))"

        [[notify]]
        kind = "telegram"
        api_base = "\(server.baseURL)"
        bot_token = "\(Self.telegramToken)"
        chat_id = 42

        [[notify]]
        kind = "slack"
        url = "\(server.url(Self.slackPath))"
        """.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        let environment = ["K": "k-value", "S": "API-SECRET-VALUE", "P": "p-value"]
        let outcome = try runCommand(["notify", "--test", "--config", path], environment: environment)
        #expect(outcome.status == 1, "\(outcome.errors)")
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "webhook#1   delivered (1 try)", "telegram#2  delivered (1 try)",
                "slack#3     FAILED after 1 try: HTTP 404: no_service",
            ], "\(outcome.output)")
        #expect(server.requests.count == 3)
        let webhook = try #require(server.requests.first { $0.target == "/alerts" })
        let object = try JSONSerialization.jsonObject(with: Data(webhook.body)) as? [String: Any]
        #expect(object?["schema"] as? String == "okx-anchor.alert.v1")
        #expect(object?["kind"] as? String == "test")
        #expect(object?["environment"] as? String == "LIVE")
        for secret in [Self.telegramToken, Self.slackPath, "API-SECRET-VALUE"] {
            #expect(!outcome.output.contains(secret) && !outcome.errors.contains(secret))
        }
        for request in server.requests {
            #expect(!String(decoding: request.body, as: UTF8.self).contains("API-SECRET-VALUE"))
        }

        #expect(try runCommand(["notify", "--config", path], environment: environment).status == 2)
    }

    /// The daemon on the paper exchange: its start, the autopilot's actions and its stop reach a webhook, each
    /// once, as the documented JSON.
    @Test func theDaemonsAlertsReachAWebhook() async throws {
        let server = try LoopbackHTTPServer { _ in .json("{}") }
        let sim = try SimProcess()
        defer { sim.stop() }
        let config = try String(contentsOfFile: sim.configPath, encoding: .utf8)
        try (config + "\n\n[[notify]]\nkind = \"webhook\"\nurl = \"\(server.url("/alerts"))\"\n")
            .write(toFile: sim.configPath, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try okxAnchorBinary())
        process.arguments = ["daemon", "--config", sim.configPath]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        @Sendable func kinds(_ server: LoopbackHTTPServer) -> [String] {
            server.requests.compactMap { request in
                (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])?["kind"] as? String
            }
        }
        let acted = await server.waitUntil(timeout: .seconds(40)) { kinds($0).contains("action_completed") }
        #expect(acted, "\(kinds(server))")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(await server.waitUntil(timeout: .seconds(10)) { kinds($0).contains("daemon_stopped") })
        let sent = kinds(server)
        #expect(sent.first == "daemon_started")
        #expect(sent.filter { $0 == "daemon_started" }.count == 1)
        #expect(sent.contains("action_started"))
        let bodies = server.requests.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(bodies.allSatisfy { $0.hasPrefix("{\"schema\":\"okx-anchor.alert.v1\"") })
    }
}
