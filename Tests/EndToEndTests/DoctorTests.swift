import Foundation
import Testing

/// `okx-anchor doctor` against the paper exchange's `shapes` scenario with one account's secret key wrong.
@Suite(.serialized) struct DoctorTests {
    /// The shapes scenario with Usdc01's secret replaced: its key is refused with OKX's 50113.
    func simWithOneBadKey() throws -> SimProcess {
        let sim = try SimProcess(extra: ["--scenario", "shapes"])
        var text = try String(contentsOfFile: sim.configPath, encoding: .utf8)
        let marker = "name = \"Usdc01\""
        let account = try #require(text.range(of: marker))
        let secret = try #require(text.range(of: "secret_key = \"", range: account.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "\"", range: secret.upperBound..<text.endIndex))
        text.replaceSubrange(secret.upperBound..<end.lowerBound, with: "NOT-THE-SECRET-OF-THIS-KEY")
        try text.write(toFile: sim.configPath, atomically: false, encoding: .utf8)
        return sim
    }

    @Test func theReportForAFleetWithOneBadKeyIsAsRecorded() throws {
        let sim = try simWithOneBadKey()
        defer { sim.stop() }
        let run = try runCommand(["doctor", "--config", sim.configPath])
        #expect(run.status == 1, "an account that cannot be used makes the exit status 1")
        #expect(!run.output.contains("NOT-THE-SECRET"), "a secret is never printed")
        let normalized = run.output.replacingOccurrences(of: sim.baseURL, with: "http://127.0.0.1:PORT")
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/doctor-shapes-bad-key.txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try normalized.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(normalized == expected, "re-record with RECORD_SNAPSHOTS=1 if the change is intended")
    }

    @Test func theJSONSaysWhichKeyFailedAndWhy() throws {
        let sim = try simWithOneBadKey()
        defer { sim.stop() }
        let run = try runCommand(["doctor", "--json", "--config", sim.configPath])
        #expect(run.status == 1)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(root["schema"] as? String == "okx-anchor.doctor.v1")
        let accounts = try #require(root["accounts"] as? [[String: Any]])
        let bad = try #require(accounts.first { $0["name"] as? String == "Usdc01" })
        #expect(bad["key_works"] as? Bool == false)
        #expect(bad["error_code"] as? String == "50113")
        #expect((bad["problems"] as? [String])?.first?.contains("secret key") == true)
        let main = try #require(accounts.first { $0["name"] as? String == "main" })
        #expect(main["position_mode"] as? String == "net_mode")
        #expect(main["managed"] as? Bool == false)
        #expect(main["healthy"] as? Bool == true, "a watched account with a working key is fine")
        let hedge = try #require(accounts.first { $0["name"] as? String == "Hedge01" })
        let watched = try #require(hedge["watched_positions"] as? [[String: Any]])
        #expect(watched.map { $0["reason"] as? String } == ["cross"])
    }
}
