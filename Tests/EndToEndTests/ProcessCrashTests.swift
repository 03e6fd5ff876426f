import Foundation
import Testing

/// The real binary killed (exit 137, as kill -9 leaves it) at each step of a super maintenance against a separate
/// `okx-anchor sim`, then resumed by a new process: one open on the exchange, one count in the journal.
@Suite(.serialized) struct ProcessCrashTests {
    @Test(arguments: ["close.sent", "close.confirmed", "open.sent", "open.confirmed", "counted"])
    func aKilledMaintenanceIsResumedByTheNextProcess(checkpoint: String) async throws {
        let sim = try SimProcess()
        defer { sim.stop() }
        let config = ["--config", sim.configPath]
        let killed = try runCommand(
            ["maintain", "Wu666666", "APT-USDT-SWAP", "--yes"] + config,
            environment: ["OKX_ANCHOR_CRASH_AT": checkpoint])
        #expect(killed.status == 137, "\(killed.errors)")

        // The next process sees the action interrupted and refuses to start another on it.
        let again = try runCommand(["maintain", "Wu666666", "APT-USDT-SWAP", "--side", "long", "--yes"] + config)
        #expect(again.status == 1)
        #expect(again.errors.contains("--resume or --abandon"), "\(again.errors)")

        let resumed = try runCommand(
            ["maintain", "Wu666666", "APT-USDT-SWAP", "--side", "long", "--resume", "--yes"] + config)
        #expect(resumed.status == 0, "\(resumed.output)\(resumed.errors)")

        let orders = try #require(try await sim.admin("/__sim/orders?account=Wu666666") as? [String: Any])
        let rows = (orders["orders"] as? [[String: Any]]) ?? (orders["data"] as? [[String: Any]]) ?? []
        let opens = rows.filter {
            ($0["instId"] as? String) == "APT-USDT-SWAP" && ($0["side"] as? String) == "buy"
                && ($0["state"] as? String) == "filled"
        }
        #expect(opens.count == 1, "one open on the exchange after a kill at \(checkpoint)")

        let log = try runCommand(["log", "--json", "--limit", "100"] + config)
        let events = try #require(
            (try JSONSerialization.jsonObject(with: Data(log.output.utf8)) as? [String: Any])?["events"]
                as? [[String: Any]])
        #expect(events.filter { ($0["kind"] as? String) == "maintenance" }.count == 1, "counted once")
        let status = try runCommand(["status", "--json"] + config)
        let positions = try #require(
            (try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])?["positions"]
                as? [[String: Any]])
        let apt = positions.first {
            ($0["account"] as? String) == "Wu666666" && ($0["inst_id"] as? String) == "APT-USDT-SWAP"
        }
        #expect(apt?["maintenance_count"] as? Int == 1)
    }

    @Test func theDatabaseIsIntactAfterAKill() throws {
        let sim = try SimProcess()
        defer { sim.stop() }
        let killed = try runCommand(
            ["maintain", "Wu666666", "APT-USDT-SWAP", "--yes", "--config", sim.configPath],
            environment: ["OKX_ANCHOR_CRASH_AT": "open.sent"])
        #expect(killed.status == 137)
        let database = sim.folder + "/okx-anchor-sim.sqlite"
        #expect(FileManager.default.fileExists(atPath: database))
        let log = try runCommand(["log", "--config", sim.configPath])
        #expect(log.status == 0)
        #expect(log.output.contains("closed 18 contracts"), "the close's event was committed before the kill")
    }
}
