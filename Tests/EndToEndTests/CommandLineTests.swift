import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary's command line: help, exit statuses, config errors, confirmation rules, JSON, the daemon.
@Suite(.serialized) struct CommandLineTests {
    @Test func helpListsEverySubcommand() throws {
        let help = try runCommand(["--help"])
        #expect(help.status == 0)
        for name in ["dashboard", "status", "correct", "maintain", "log", "daemon", "doctor", "notify", "sim", "bench"]
        {
            #expect(help.output.contains(name), "\(name) missing from --help")
        }
        #expect(try runCommand(["--version"]).output.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func badUsageExitsTwo() throws {
        #expect(try runCommand(["status", "--bogus"]).status == 2)
        #expect(try runCommand(["--lang", "fr"]).status == 2)
        #expect(try runCommand(["correct"]).status == 2)
    }

    @Test func aBadConfigNamesFileLineAndKeyAndExitsTwo() throws {
        let folder = NSTemporaryDirectory() + "okx-anchor-cli-\(UUID().uuidString)"
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

        [policy]
        leverage = "ten"
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try runCommand(["status", "--config", path], environment: ["K": "k", "S": "s", "P": "p"])
        #expect(bad.status == 2)
        #expect(bad.errors.contains("\(path):9: policy.leverage:"), "\(bad.errors)")

        let secrets = folder + "/secrets.toml"
        try """
        [[accounts]]
        name = "main"
        role = "main"
        api_key = "key-123456"
        secret_key = "TOP-SECRET-VALUE"
        passphrase = "pass-phrase-1"
        """.write(toFile: secrets, atomically: true, encoding: .utf8)
        chmod(secrets, 0o644)
        let open = try runCommand(["status", "--config", secrets])
        #expect(open.status == 2)
        #expect(open.errors.contains("chmod 600 \(secrets)"), "\(open.errors)")
        #expect(!open.errors.contains("TOP-SECRET-VALUE"))
    }

    @Test func withoutATerminalAnActionAsksForYesAndSendsNothing() throws {
        let sim = try SimProcess()
        defer { sim.stop() }
        let refused = try runCommand(["correct", "Wu666666", "CRO-USDT-SWAP", "--config", sim.configPath])
        #expect(refused.status == 2)
        #expect(refused.errors.contains("pass --yes"))
        #expect(refused.output.contains("reduce margin by 5.00 USDT"), "the plan is printed first")
        let dry = try runCommand([
            "correct", "Wu666666", "CRO-USDT-SWAP", "--dry-run", "--json", "--config", sim.configPath,
        ])
        #expect(dry.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(dry.output.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "okx-anchor.action.v1")
        #expect(object["result"] is NSNull)
        let status = try runCommand(["status", "--json", "--config", sim.configPath])
        let positions = try #require(
            (try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])?["positions"]
                as? [[String: Any]])
        let cro = positions.first { ($0["inst_id"] as? String) == "CRO-USDT-SWAP" }
        #expect(cro?["margin"] as? String == "20.29", "nothing was sent")
        #expect(cro?["status"] as? String == "above_band")
    }

    @Test func statusAndLogSpeakStableJSON() throws {
        let sim = try SimProcess()
        defer { sim.stop() }
        let status = try runCommand(["status", "--json", "--config", sim.configPath])
        #expect(status.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
        #expect(root["schema"] as? String == "okx-anchor.status.v1")
        let totals = try #require(root["totals"] as? [String: Any])
        let main = try #require(totals["main"] as? [String: Any])
        #expect(main["positions"] as? Int == 22)
        #expect(main["long"] as? Int == 12)
        #expect(main["short"] as? Int == 10)
        let sub = try #require(totals["sub"] as? [String: Any])
        #expect(sub["accounts"] as? Int == 9)
        #expect(sub["positions"] as? Int == 10)
        #expect((root["positions"] as? [Any])?.count == 32)

        let done = try runCommand(["correct", "Wu666666", "CRO-USDT-SWAP", "--yes", "--config", sim.configPath])
        #expect(done.status == 0, "\(done.output)\(done.errors)")
        let log = try runCommand(["log", "--json", "--config", sim.configPath])
        let events = try #require(
            (try JSONSerialization.jsonObject(with: Data(log.output.utf8)) as? [String: Any])?["events"]
                as? [[String: Any]])
        #expect(events.last?["kind"] as? String == "correction")
        #expect(events.last?["origin"] as? String == "manual")
        #expect(
            events.contains { ($0["kind"] as? String) == "marginReduce" && ($0["margin_before"] as? String) == "20.29" }
        )
    }

    @Test func aDumbTerminalIsRefusedWithAPointerToStatus() throws {
        let refused = try runCommand(["--demo"], environment: ["TERM": "dumb"])
        #expect(refused.status == 2)
        #expect(refused.errors.contains("status"))
    }

    @Test func theDaemonCorrectsOnItsOwnAndStopsCleanlyOnSIGTERM() async throws {
        let sim = try SimProcess()
        defer { sim.stop() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try okxAnchorBinary())
        process.arguments = ["daemon", "--config", sim.configPath]
        let errors = NSTemporaryDirectory() + "okx-anchor-daemon-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errors) }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(40)
        var corrected = false
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(300))
            let log = try runCommand(["log", "--json", "--config", sim.configPath])
            let events =
                (try? JSONSerialization.jsonObject(with: Data(log.output.utf8)) as? [String: Any])?["events"]
                as? [[String: Any]] ?? []
            if events.contains(where: {
                ($0["origin"] as? String) == "autopilot" && ($0["kind"] as? String) == "correction"
            }) {
                corrected = true
                break
            }
        }
        #expect(
            corrected,
            "the autopilot never corrected anything:\n\((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(text.contains("daemon stopped"), "\(text)")
    }
}
