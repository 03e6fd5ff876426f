import AnchorCore
import AnchorDemo
import Foundation
import PaperExchange

#if canImport(Glibc)
    import Glibc
#endif

/// CPU share and resident memory of the real dashboard process, idle at 1 s refresh with about 100 positions,
/// read from /proc. The dashboard runs in a detached tmux pane (a real terminal) against a paper exchange in
/// this process.
enum IdleBenchmark {
    /// One measured run: per-second CPU shares, the share over the whole window, per-second VmRSS.
    struct Run {
        var cpu: [Double]
        var share: Double
        var resident: [Double]
        var seconds: Double
        var positions: Int
        var accounts: Int
        /// At the end: the process's own pages (private clean + dirty) and its proportional share, in MB.
        var privateMB: Double?
        var proportionalMB: Double?
    }

    /// The goal's fleet (100 positions on a main account and 10 sub-accounts: 11 position reads a second at 1 s
    /// refresh, and the balances every 30 s), then the same 100 positions spread thin over 34 accounts (34 reads a
    /// second) to show what the fleet's shape costs.
    static func run(binary: String, seconds: Int) async throws -> [Figure] {
        guard let tmux = Spawn.which("tmux") else {
            return [
                Figure(name: "idle CPU", unit: "%", samples: [], note: "not measured: tmux is not installed"),
                Figure(
                    name: "idle resident memory", unit: "MB", samples: [], note: "not measured: tmux is not installed"),
            ]
        }
        let goalFleet = try await measure(
            tmux: tmux, binary: binary, seconds: seconds,
            scenario: BuiltInScenarios.generated(subAccounts: 10, positionsPerAccount: 10))
        let thinFleet = try await measure(
            tmux: tmux, binary: binary, seconds: seconds,
            scenario: BuiltInScenarios.generated(subAccounts: 33, positionsPerAccount: 3))
        func fleet(_ run: Run) -> String { "\(run.positions) positions in \(run.accounts) accounts, 1 s refresh" }
        return [
            Figure(
                name: "idle CPU", unit: "%", samples: goalFleet.cpu, judged: goalFleet.share,
                goal: .init(atMost: 0.5, "≤ 0.5% of a core"),
                note: "over \(Figure.format(goalFleet.seconds, digits: 0)) s: "
                    + "\(Figure.format(goalFleet.share, digits: 2))% of a core; \(fleet(goalFleet)); per-second samples"
            ),
            Figure(
                name: "idle resident memory", unit: "MB", samples: goalFleet.resident, judged: goalFleet.resident.max(),
                goal: .init(atMost: 25, "≤ 25 MB"),
                note: "peak \(Figure.format(goalFleet.resident.max() ?? .nan)) MB (VmRSS), of which private "
                    + "\(Figure.format(goalFleet.privateMB ?? .nan)) MB "
                    + "(PSS \(Figure.format(goalFleet.proportionalMB ?? .nan)) MB; "
                    + "the rest is shared library text); \(fleet(goalFleet))"),
            Figure(
                name: "idle CPU, 34 accounts", unit: "%", samples: thinFleet.cpu, judged: thinFleet.share,
                note: "\(Figure.format(thinFleet.share, digits: 2))% of a core; \(fleet(thinFleet))"),
            Figure(
                name: "idle memory, 34 accounts", unit: "MB", samples: thinFleet.resident,
                judged: thinFleet.resident.max(), note: "peak; \(fleet(thinFleet))"),
        ]
    }

    /// Runs the dashboard in a detached tmux pane against a paper exchange serving `scenario`, lets it settle,
    /// then samples /proc once a second for `seconds`.
    static func measure(tmux: String, binary: String, seconds: Int, scenario: Scenario) async throws -> Run {
        let server = try await PaperExchangeServer.start(
            scenario: scenario,
            options: {
                var options = PaperExchangeOptions()
                options.volatility = 0.0004
                return options
            }())
        let positions = server.state().accounts.reduce(0) { $0 + $1.positions.count }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("okx-anchor-idle-\(getpid())-\(scenario.name)").path
        let configPath = folder + "/config.toml"
        let socket = "okx-anchor-idle-\(getpid())"
        defer {
            _ = Spawn.run(tmux, ["-L", socket, "kill-server"], limit: 10)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let config = AppConfig(
            baseURL: server.baseURL, refreshSeconds: 1, databasePath: folder + "/anchor.sqlite",
            accounts: AccountConfig.paper(server))
        try ConfigWriter.write(config, to: configPath)
        let command = "exec env TERM=xterm-256color LANG=C.UTF-8 '\(binary)' --config '\(configPath)' --refresh 1"
        guard
            Spawn.run(tmux, ["-L", socket, "new-session", "-d", "-x", "120", "-y", "45", command], limit: 10).status
                == 0,
            case let panes = Spawn.run(tmux, ["-L", socket, "list-panes", "-F", "#{pane_pid}"], limit: 10),
            panes.status == 0, let pid = Int32(panes.output.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            await server.stop()
            throw BenchError("could not start the dashboard under tmux")
        }
        // Let it start, poll and draw, then measure a quiet window.
        try await Task.sleep(for: .seconds(3))
        guard let start = cpuTicks(pid) else {
            await server.stop()
            throw BenchError("the dashboard exited at start: \(capture(tmux, socket))")
        }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        let clock = ContinuousClock()
        let began = clock.now
        var resident: [Double] = []
        var cpu: [Double] = []
        var previous = start
        var previousTime = began
        for _ in 0..<seconds {
            try await Task.sleep(for: .seconds(1))
            guard let ticks = cpuTicks(pid), let rss = residentMB(pid) else { break }
            let now = clock.now
            let elapsed = (now - previousTime).milliseconds / 1000
            cpu.append(Double(ticks - previous) / ticksPerSecond / elapsed * 100)
            resident.append(rss)
            previous = ticks
            previousTime = now
        }
        let total = (clock.now - began).milliseconds / 1000
        let share = cpuTicks(pid).map { Double($0 - start) / ticksPerSecond / total * 100 } ?? .nan
        let rollup = smapsRollup(pid)
        let screen = capture(tmux, socket)
        _ = Spawn.run(tmux, ["-L", socket, "send-keys", "q"], limit: 10)
        await server.stop()
        guard !cpu.isEmpty, screen.contains("positions") else {
            throw BenchError("the dashboard did not run:\n\(screen)")
        }
        return Run(
            cpu: cpu, share: share, resident: resident, seconds: total, positions: positions,
            accounts: server.accounts.count,
            privateMB: rollup.map { ($0["Private_Clean"] ?? 0) + ($0["Private_Dirty"] ?? 0) },
            proportionalMB: rollup?["Pss"])
    }

    /// utime + stime of a process, in clock ticks.
    static func cpuTicks(_ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command: state is field 3; utime and stime are fields 14 and 15 (1-based).
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// VmRSS in MB (10^6 bytes).
    static func residentMB(_ pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let number = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return number.map { $0 * 1024 / 1_000_000 }
        }
        return nil
    }

    /// `/proc/PID/smaps_rollup` in MB (10^6 bytes) by field, e.g. `Pss`, `Private_Dirty`.
    static func smapsRollup(_ pid: Int32) -> [String: Double]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { return nil }
        var fields: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, parts[0].hasSuffix(":"), let kB = Double(parts[1]) else { continue }
            fields[String(parts[0].dropLast())] = kB * 1024 / 1_000_000
        }
        return fields
    }

    /// The pane's text, or "" when tmux cannot give it.
    static func capture(_ tmux: String, _ socket: String) -> String {
        let result = Spawn.run(tmux, ["-L", socket, "capture-pane", "-p"], limit: 10)
        return result.status == 0 ? result.output : ""
    }
}
