import AnchorBench
import Foundation
import Testing

/// The helper that starts tmux and the other programs the benchmark and the tests drive.
@Suite struct SpawnTests {
    #if os(Linux)
        /// Started from a thread of Swift's pool (whose mask blocks nearly every signal), a child still starts with
        /// no signal blocked and none of the 31 standard ones ignored (bit n is signal n + 1; glibc keeps its own 32
        /// and 33).
        @Test func childrenStartWithNoSignalBlockedOrIgnored() async throws {
            // grep, not a shell: a shell clears its mask itself.
            let grep = try #require(Spawn.which("grep"))
            let result = await Task.detached {
                Spawn.run(grep, ["-E", "^Sig(Blk|Ign):", "/proc/self/status"])
            }.value
            #expect(result.status == 0)
            func mask(_ name: String) throws -> UInt64 {
                let line = try #require(result.output.split(separator: "\n").first { $0.hasPrefix(name + ":") })
                return try #require(UInt64(line.split(separator: "\t").last ?? "", radix: 16))
            }
            #expect(try mask("SigBlk") == 0, "\(result.output)")
            #expect(try mask("SigIgn") & 0x7FFF_FFFF == 0, "\(result.output)")
        }
    #endif

    /// `kill-server` ends a tmux server started through `Spawn` (one used to be left behind by every test run).
    @Test func aTmuxServerItStartedEndsOnKillServer() async throws {
        guard let tmux = Spawn.which("tmux") else { return }
        let socket = "okx-anchor-spawn-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        let started = await Task.detached {
            Spawn.run(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "t", "sh"])
        }.value
        #expect(started.status == 0, "\(started.output)")
        #expect(Spawn.run(tmux, ["-L", socket, "has-session", "-t", "t"]).status == 0)
        _ = await Task.detached { Spawn.run(tmux, ["-L", socket, "kill-server"]) }.value
        let deadline = ContinuousClock.now + .seconds(10)
        var running = true
        while running && ContinuousClock.now < deadline {
            running = Spawn.run(tmux, ["-L", socket, "has-session", "-t", "t"]).status == 0
            if running { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(!running, "the tmux server outlived kill-server")
    }
}
