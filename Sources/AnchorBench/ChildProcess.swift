import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program run apart from the benchmark: a paper exchange in its own process, a peer client, a headless command.
///
/// Started as `Spawn` starts its children (`posix_spawn`, every signal at its default, output to a private file), but
/// not waited for at once: `finish` reaps it, reading the child's own peak resident memory while it runs.
final class ChildProcess {
    /// How a child ended.
    struct Exit {
        /// The exit status, or -1 when a signal ended it.
        var status: Int32
        var output: String
        /// Peak resident memory of the child alone (its `VmHWM`, read every 2 ms while `finish` waits), in MB
        /// (10^6 bytes); 0 when never read.
        var peakResidentMB: Double
        /// From start to exit, in ms.
        var wallMs: Double
    }

    let pid: pid_t
    private let outputPath: String
    private let started = ContinuousClock.now
    private var reaped: Exit?

    /// Starts `path` with `arguments`; `environment` entries are added to (or replace) this process's own.
    init(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        outputPath = NSTemporaryDirectory() + "okx-anchor-child-\(getpid())-\(UUID().uuidString)"
        do {
            pid = try Spawn.start(path, arguments, environment: environment, outputPath: outputPath)
        } catch {
            unlink(outputPath)
            throw error
        }
    }

    deinit {
        if reaped == nil {
            kill(pid, SIGKILL)
            _ = finish(limit: 5)
        }
        unlink(outputPath)
    }

    /// What the child printed so far, on both streams.
    var output: String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// True until the child has ended (and is reaped here).
    var isRunning: Bool {
        guard reaped == nil else { return false }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, WNOHANG, &usage) == pid else { return true }
        reaped = ended(status: status, usage: usage)
        return false
    }

    /// Waits until `ready` holds for the output, for at most `limit` seconds; false if the child ended first or the
    /// time ran out.
    func waitForOutput(limit: Double, _ ready: (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(limit * 1000))
        while ContinuousClock.now < deadline {
            if ready(output) { return true }
            guard isRunning else { return ready(output) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Waits for the child to end (killing it after `limit` seconds) and reaps it.
    func finish(limit: Double) -> Exit {
        if let reaped { return reaped }
        var status: Int32 = 0
        var usage = rusage()
        let deadline = ContinuousClock.now + .milliseconds(Int64(limit * 1000))
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            sampleHighWater()
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                wait4(pid, &status, 0, &usage)
                break
            }
            usleep(2_000)
        }
        let exit = ended(status: status, usage: usage)
        reaped = exit
        return exit
    }

    /// Asks the child to stop (SIGTERM), then waits for it as `finish` does.
    func stop(limit: Double = 10) -> Exit {
        if reaped == nil { kill(pid, SIGTERM) }
        return finish(limit: limit)
    }

    /// The child's `VmHWM` (peak resident of its own memory map), in KiB, as last read while it ran.
    private var highWaterKiB = 0

    /// Reads the child's `VmHWM`. `ru_maxrss` cannot be used: Linux carries the resident peak of the memory map a
    /// process had before `execve` over to it, and a spawned child's was this process's (posix_spawn shares it), so
    /// every child reported the benchmark's own peak.
    private func sampleHighWater() {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            if let kiB = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
                highWaterKiB = max(highWaterKiB, kiB)
            }
        }
    }

    private func ended(status: Int32, usage: rusage) -> Exit {
        // WIFEXITED and WEXITSTATUS are macros Swift does not import.
        Exit(
            status: status & 0x7F == 0 ? (status >> 8) & 0xFF : -1, output: output,
            peakResidentMB: Double(highWaterKiB) * 1024 / 1_000_000,
            wallMs: (ContinuousClock.now - started).milliseconds)
    }
}
