import AnchorCore
import Foundation
import OKX
import PaperExchange

#if canImport(Glibc)
    import Glibc
#endif

/// CPU share and resident memory of the real dashboard process, idle at 1 s refresh with about 100 positions,
/// read from /proc. The dashboard runs in a detached tmux pane (a real terminal) against a paper exchange in
/// this process.
enum IdleBenchmark {
    static func run(binary: String, seconds: Int) async throws -> [Figure] {
        guard let tmux = which("tmux") else {
            return [
                Figure(name: "idle CPU", unit: "%", samples: [], note: "not measured: tmux is not installed"),
                Figure(name: "idle resident memory", unit: "MB", samples: [], note: "not measured: tmux is not installed"),
            ]
        }
        let server = try await PaperExchangeServer.start(
            scenario: BuiltInScenarios.generated(subAccounts: 33), options: {
                var options = PaperExchangeOptions()
                options.volatility = 0.0004
                return options
            }())
        let positions = server.state().accounts.reduce(0) { $0 + $1.positions.count }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("okx-anchor-idle-\(getpid())").path
        let configPath = folder + "/config.toml"
        let socket = "okx-anchor-idle-\(getpid())"
        defer {
            _ = shell(tmux, ["-L", socket, "kill-server"])
            try? FileManager.default.removeItem(atPath: folder)
        }
        let config = AppConfig(
            baseURL: server.baseURL, refreshSeconds: 1, databasePath: folder + "/anchor.sqlite",
            accounts: server.accounts.map { account in
                AccountConfig(
                    name: account.name, role: account.role == .main ? .main : .sub,
                    credentials: Credentials(
                        apiKey: account.apiKey, secretKey: account.secretKey, passphrase: account.passphrase))
            })
        try ConfigWriter.write(config, to: configPath)
        let command = "exec env TERM=xterm-256color LANG=C.UTF-8 '\(binary)' --config '\(configPath)' --refresh 1"
        guard shell(tmux, ["-L", socket, "new-session", "-d", "-x", "120", "-y", "45", command]) == 0,
            let pidText = shellOutput(tmux, ["-L", socket, "list-panes", "-F", "#{pane_pid}"]),
            let pid = Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            await server.stop()
            throw BenchError("could not start the dashboard under tmux")
        }
        // Let it start, poll and draw, then measure a quiet window.
        try await Task.sleep(for: .seconds(3))
        guard let start = cpuTicks(pid) else {
            await server.stop()
            throw BenchError("the dashboard exited at start: \(shellOutput(tmux, ["-L", socket, "capture-pane", "-p"]) ?? "")")
        }
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
            cpu.append(Double(ticks - previous) / Double(sysconf(Int32(_SC_CLK_TCK))) / elapsed * 100)
            resident.append(rss)
            previous = ticks
            previousTime = now
        }
        let total = (clock.now - began).milliseconds / 1000
        let share =
            cpuTicks(pid).map { Double($0 - start) / Double(sysconf(Int32(_SC_CLK_TCK))) / total * 100 } ?? .nan
        let screen = shellOutput(tmux, ["-L", socket, "capture-pane", "-p"]) ?? ""
        _ = shell(tmux, ["-L", socket, "send-keys", "q"])
        await server.stop()
        guard !cpu.isEmpty, screen.contains("Wu") || screen.contains("main") || positions > 0 else {
            throw BenchError("the dashboard did not run")
        }
        return [
            Figure(
                name: "idle CPU", unit: "%", samples: cpu, judged: share, goal: .init(atMost: 0.5, "≤ 0.5% of a core"),
                note: "over \(Figure.format(total, digits: 0)) s: \(Figure.format(share, digits: 2))% of a core; "
                    + "\(positions) positions, 1 s refresh, per-second samples shown"),
            Figure(
                name: "idle resident memory", unit: "MB", samples: resident, judged: resident.max(),
                goal: .init(atMost: 25, "≤ 25 MB"), note: "peak \(Figure.format(resident.max() ?? .nan)) MB (VmRSS)"),
        ]
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

    static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    @discardableResult
    static func shell(_ program: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        } catch {
            return -1
        }
    }

    static func shellOutput(_ program: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
        } catch {
            return nil
        }
    }
}
