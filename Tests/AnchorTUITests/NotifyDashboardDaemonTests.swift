import Foundation
import OKX
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real dashboard (under tmux) and the real daemon on one database, with one webhook: each event reaches the
/// webhook once, whichever process saw it first.
@Suite(
    .serialized,
    .enabled(if: EndToEnd.binary != nil, "okx-anchor is not built beside the test bundle (run `swift build` first)"),
    .enabled(if: EndToEnd.tmux != nil, "tmux is not installed")
)
struct NotifyDashboardDaemonTests {
    struct Received: Hashable {
        var kind: String
        var account: String?
        var instId: String?
        var time: String?
    }

    @Test func theDashboardAndTheDaemonOnOneDatabaseSendEachEventOnce() async throws {
        let receiver = try LoopbackHTTPServer { _ in .json("{}") }
        @Sendable func received(_ server: LoopbackHTTPServer) -> [Received] {
            server.requests.compactMap { request in
                guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
                    let kind = object["kind"] as? String
                else { return nil }
                return Received(
                    kind: kind, account: object["account"] as? String, instId: object["inst_id"] as? String,
                    time: object["time"] as? String)
            }
        }
        let session = try TmuxSession(cols: 140, rows: 45)
        defer { session.close() }
        let binary = EndToEnd.binary!
        let config = session.directory + "/config.toml"
        let database = session.directory + "/anchor.sqlite"

        // The paper exchange with the demo fleet, still marks: Sun7788's LTC short sits past the trigger.
        let sim = Process()
        sim.executableURL = URL(fileURLWithPath: binary)
        sim.arguments = ["sim", "--port", "0", "--json", "--seed", "1", "--volatility", "0", "--write-config", config]
        let out = Pipe()
        sim.standardOutput = out
        sim.standardError = FileHandle.nullDevice
        try sim.run()
        defer {
            sim.terminate()
            sim.waitUntilExit()
        }
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        #expect(!line.isEmpty, "sim printed nothing")
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try (text + "\n\n[[notify]]\nkind = \"webhook\"\nurl = \"\(receiver.url("/alerts"))\"\n")
            .write(toFile: config, atomically: false, encoding: .utf8)

        // The dashboard first: it alone sees the position fall due, and says so.
        session.typeLine("\(binary) --config \(config) --database \(database)")
        let due = await receiver.waitUntil(timeout: .seconds(45)) { server in
            received(server).contains { $0.kind == "maintenance_due" && $0.account == "Sun7788" }
        }
        #expect(due, "the dashboard sent no maintenance_due:\n\(session.capture())")

        // Then the daemon on the same database: it sees the same due position and acts on it.
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: binary)
        daemon.arguments = ["daemon", "--config", config, "--database", database]
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        let acted = await receiver.waitUntil(timeout: .seconds(60)) { server in
            received(server).contains { $0.kind == "action_completed" && $0.account == "Sun7788" }
        }
        #expect(acted, "no action_completed: \(received(receiver))")
        // Both processes read the journal on every poll: give the dashboard a few polls to see the same actions.
        try await Task.sleep(for: .seconds(4))
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        session.keys("q")
        #expect(
            await receiver.waitUntil(timeout: .seconds(10)) { received($0).contains { $0.kind == "daemon_stopped" } })

        let all = received(receiver)
        let dueLTC = all.filter { $0.kind == "maintenance_due" && $0.account == "Sun7788" }
        #expect(dueLTC.count == 1, "\(all)")
        #expect(Set(all).count == all.count, "an event was delivered twice: \(all)")
        #expect(all.contains { $0.kind == "action_started" && $0.account == "Sun7788" })
        #expect(all.filter { $0.kind == "daemon_started" }.count == 1)
    }
}
