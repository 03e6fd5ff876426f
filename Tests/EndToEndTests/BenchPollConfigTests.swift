import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `okx-anchor bench --only poll --config FILE`: the poll cycle of any config's accounts, on whatever exchange it
/// names (here a paper exchange in another process, as `okx-anchor sim --write-config` leaves one).
@Suite(.serialized) struct BenchPollConfigTests {
    @Test func pollsTheConfigsAccountsAndNamesTheirNumberInTheFigure() throws {
        let sim = try SimProcess(extra: ["--accounts", "5"])
        defer { sim.stop() }
        let run = try runCommand(["bench", "--only", "poll", "--config", sim.configPath, "--cycles", "2"])
        #expect(run.status == 0, "\(run.errors)")
        let line = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("poll cycle 6 accounts") })
        #expect(line.contains("(median of 2,"), "two warm cycles: \(line)")
        #expect(line.contains("failed reads 0"), "\(line)")
        #expect(run.output.contains("6 accounts at \(sim.baseURL)"))
    }

    @Test func theConfigGoesOnlyWithThePollAndAtLeastOneCycle() throws {
        let sim = try SimProcess()
        defer { sim.stop() }
        let alone = try runCommand(["bench", "--config", sim.configPath])
        #expect(alone.status == 2)
        #expect(alone.errors.contains("use it with --only poll"), "\(alone.errors)")
        let other = try runCommand(["bench", "--only", "idle", "--config", sim.configPath])
        #expect(other.status == 2)
        let soak = try runCommand(["bench", "--only", "poll", "--soak", "3", "--config", sim.configPath])
        #expect(soak.status == 2)
        let none = try runCommand(["bench", "--only", "poll", "--config", sim.configPath, "--cycles", "0"])
        #expect(none.status == 2)
        #expect(none.errors.contains("--cycles must be at least 1"), "\(none.errors)")
    }

    @Test func aConfigWhoseExchangeIsDownFailsWithWhy() throws {
        let sim = try SimProcess()
        let config = try String(contentsOfFile: sim.configPath, encoding: .utf8)
        let folder = NSTemporaryDirectory() + "okx-anchor-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config.toml"
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        sim.stop()
        let run = try runCommand(["bench", "--only", "poll", "--config", path, "--cycles", "1"])
        #expect(run.status == 1)
        #expect(run.errors.contains("no account could be read"), "\(run.errors)")
    }
}
