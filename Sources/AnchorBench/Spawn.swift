import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a helper program (tmux, mostly) to its end and keeps what it printed, on both streams.
///
/// Foundation's `Process` is not used: `tmux new-session` forks a server that inherits the child's output, so a pipe
/// never reaches its end, and `waitUntilExit` was seen to miss the child's exit and wait forever beside a zombie.
/// Here the child is started with `posix_spawn`, its output goes to a private file, and `waitpid` reaps it; a child
/// still running after `limit` seconds is killed rather than waited for.
///
/// The child starts with no signal blocked and every signal at its default action. Without that it would inherit the
/// calling thread's mask, and the threads of Swift's pool block nearly every signal: a tmux server started that way
/// could not receive its own SIGTERM, so `kill-server` never ended it, and one was left running after every test run.
package enum Spawn {
    /// What a finished child left: its exit status (-1 when killed by a signal or not started) and its output.
    package struct Result: Sendable {
        package var status: Int32
        package var output: String
    }

    /// Runs `path` with `arguments`; `environment` entries are added to (or replace) this process's own.
    package static func run(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], limit: Double = 60
    ) -> Result {
        let outputPath = NSTemporaryDirectory() + "okx-anchor-spawn-\(getpid())-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        let pid: pid_t
        do {
            pid = try start(path, arguments, environment: environment, outputPath: outputPath)
        } catch {
            return Result(status: -1, output: "\(error)")
        }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(limit)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(10_000)
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS are macros Swift does not import.
        return Result(status: status & 0x7F == 0 ? (status >> 8) & 0xFF : -1, output: output)
    }

    /// Starts `path` with `arguments`, standard input from /dev/null, both output streams into `outputPath`
    /// (/dev/null to drop them), no signal blocked and every signal at its default action; the caller reaps it.
    package static func start(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], outputPath: String
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot start \(path): error \(spawned)") }
        return pid
    }

    /// The first executable `name` on `PATH`, if any.
    package static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
