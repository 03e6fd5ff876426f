import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon as systemd runs it: lines with journald's priority prefix, SIGHUP re-reading the config (a good one
/// replaces the running one, a bad one is logged and changes nothing), and `daemon --check`.
@Suite(.serialized) struct DaemonServiceTests {
    @Test func sighupReloadsAGoodConfigAndKeepsRunningOnABadOne() async throws {
        let sim = try SimProcess()
        defer { sim.stop() }
        let original = try String(contentsOfFile: sim.configPath, encoding: .utf8)
        let daemon = try DaemonProcess(config: sim.configPath, environment: ["JOURNAL_STREAM": "8:12345"])
        defer { daemon.stop() }

        let started = try #require(await daemon.waitFor("daemon started"), "\(daemon.text())")
        #expect(started.hasPrefix("<5>okx-anchor: daemon started: "), "notice priority: \(started)")
        #expect(started.contains("corrections every 5m"), "\(started)")

        // A good change: the autopilot's interval.
        #expect(original.contains("correction_interval = \"5m\""))
        try write(
            original.replacingOccurrences(of: "correction_interval = \"5m\"", with: "correction_interval = \"7m\""))
        kill(daemon.process.processIdentifier, SIGHUP)
        let reloaded = try #require(await daemon.waitFor("config reloaded"), "\(daemon.text())")
        #expect(reloaded.hasPrefix("<5>"), "\(reloaded)")
        #expect(reloaded.contains("corrections every 7m"), "\(reloaded)")

        // A bad one: an error line, and the daemon runs on.
        try write(original + "\nleverage_typo = 3\n")
        kill(daemon.process.processIdentifier, SIGHUP)
        let refused = try #require(await daemon.waitFor("config not reloaded"), "\(daemon.text())")
        #expect(refused.hasPrefix("<3>okx-anchor: config not reloaded: "), "\(refused)")
        #expect(refused.contains("unknown key"), "\(refused)")
        #expect(daemon.process.isRunning)

        kill(daemon.process.processIdentifier, SIGTERM)
        daemon.process.waitUntilExit()
        #expect(daemon.process.terminationStatus == 0)
        let lines = daemon.text().split(separator: "\n")
        #expect(lines.last?.hasPrefix("<5>okx-anchor: daemon stopped") == true, "\(lines.suffix(3))")
        // One event, one line: every line carries a priority.
        for line in lines { #expect(line.range(of: #"^<[2-7]>okx-anchor: "#, options: .regularExpression) != nil) }

        func write(_ text: String) throws {
            try text.write(toFile: sim.configPath, atomically: false, encoding: .utf8)
        }
    }

    @Test func withoutJournaldEachLineStartsWithTheTimeAndLevel() async throws {
        let sim = try SimProcess()
        defer { sim.stop() }
        let daemon = try DaemonProcess(config: sim.configPath, environment: ["JOURNAL_STREAM": ""])
        defer { daemon.stop() }
        let started = try #require(await daemon.waitFor("daemon started"), "\(daemon.text())")
        let pattern = #"^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ notice okx-anchor: daemon started"#
        #expect(started.range(of: pattern, options: .regularExpression) != nil, "\(started)")
    }

    @Test func checkValidatesTheConfigAndTheKeysThenExits() throws {
        let sim = try SimProcess()
        defer { sim.stop() }
        let good = try runCommand(["daemon", "--check", "--config", sim.configPath])
        #expect(good.status == 0, "\(good.output)\(good.errors)")
        #expect(good.output.contains("daemon --check: ready"), "\(good.output)")

        // One sub-account's secret is wrong: OKX refuses its signature.
        let text = try String(contentsOfFile: sim.configPath, encoding: .utf8)
        let broken = sim.folder + "/broken.toml"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstSecret = try #require(lines.lastIndex { $0.hasPrefix("secret_key = ") })
        var changed = lines.map(String.init)
        changed[firstSecret] = "secret_key = \"not-the-secret-at-all\""
        FileManager.default.createFile(
            atPath: broken, contents: Data(changed.joined(separator: "\n").utf8),
            attributes: [.posixPermissions: 0o600])
        let bad = try runCommand(["daemon", "--check", "--config", broken])
        #expect(bad.status == 1, "\(bad.output)\(bad.errors)")
        #expect(bad.output.contains("daemon --check: not ready"), "\(bad.output)")
        #expect(!bad.output.contains("not-the-secret-at-all") && !bad.errors.contains("not-the-secret-at-all"))

        let unreadable = try runCommand(["daemon", "--check", "--config", sim.folder + "/missing.toml"])
        #expect(unreadable.status == 2)
        #expect(unreadable.errors.contains("missing.toml"), "\(unreadable.errors)")
    }
}

/// `okx-anchor daemon` in the background, its standard error in a file.
final class DaemonProcess {
    let process = Process()
    let errorsPath = NSTemporaryDirectory() + "okx-anchor-daemon-\(UUID().uuidString).log"

    init(config: String, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: try okxAnchorBinary())
        process.arguments = ["daemon", "--config", config]
        var env = ProcessInfo.processInfo.environment
        for (name, value) in environment { env[name] = value }
        process.environment = env
        _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    func text() -> String { (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? "" }

    /// The first line holding `fragment` after any line already returned for it, or nil after 30 s.
    func waitFor(_ fragment: String) async -> String? {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let line = text().split(separator: "\n").first(where: { $0.contains(fragment) }) {
                return String(line)
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: errorsPath)
    }
}
