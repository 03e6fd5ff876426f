import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The size of the binary and how long it takes to start: `--version` (the program alone, its re-execution for
/// crash reports included) and `status --demo` (a paper exchange started in the process, every account read, the
/// table printed). Each run is a fresh process, timed from `posix_spawn` to `waitpid`.
package enum StartupBenchmark {
    package static func run(binary: String, repetitions: Int) throws -> [Figure] {
        var figures: [Figure] = []
        let attributes = try FileManager.default.attributesOfItem(atPath: binary)
        let bytes = Double((attributes[.size] as? Int) ?? 0)
        figures.append(
            Figure(name: "binary size", unit: "MB", samples: [bytes / 1_000_000], note: "file as built: \(binary)"))
        if let stripped = strippedSize(binary) {
            figures.append(
                Figure(
                    name: "binary size, as installed", unit: "MB", samples: [stripped / 1_000_000],
                    note: "strip --strip-debug, as ./dev install and the package ship it"))
        }
        let state = NSTemporaryDirectory() + "okx-anchor-startup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let environment = ["XDG_STATE_HOME": state]
        // One run of each first, unmeasured: the page cache then holds the binary, as on a box that runs it daily.
        _ = try timed(binary, ["--version"], environment: environment)
        _ = try timed(binary, ["status", "--demo"], environment: environment)
        let version = try (0..<repetitions).map { _ in try timed(binary, ["--version"], environment: environment) }
        figures.append(Figure(name: "start-up --version", unit: "ms", samples: version, note: "a fresh process each"))
        let plain = try (0..<repetitions).map { _ in
            try timed(binary, ["--version"], environment: environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 })
        }
        figures.append(
            Figure(
                name: "start-up --version, no re-exec", unit: "ms", samples: plain,
                note: "SWIFT_BACKTRACE set: no crash-report set-up"))
        let status = try (0..<repetitions).map { _ in
            try timed(binary, ["status", "--demo"], environment: environment)
        }
        figures.append(
            Figure(
                name: "start-up status --demo", unit: "ms", samples: status,
                note: "paper exchange started, 10 accounts read"))
        return figures
    }

    /// Milliseconds from spawning the program to reaping it; throws when it does not exit 0.
    static func timed(_ binary: String, _ arguments: [String], environment: [String: String]) throws -> Double {
        let start = ContinuousClock.now
        let pid = try Spawn.start(binary, arguments, environment: environment, outputPath: "/dev/null")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let elapsed = ContinuousClock.now - start
        guard status == 0 else {
            throw BenchError("okx-anchor \(arguments.joined(separator: " ")) ended with status \(status)")
        }
        return Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
    }

    /// The size after `strip --strip-debug`, when `strip` is there.
    static func strippedSize(_ binary: String) -> Double? {
        guard let strip = Spawn.which("strip") else { return nil }
        let copy = NSTemporaryDirectory() + "okx-anchor-stripped-\(UUID().uuidString)"
        defer { unlink(copy) }
        guard Spawn.run(strip, ["--strip-debug", "-o", copy, binary]).status == 0,
            let size = (try? FileManager.default.attributesOfItem(atPath: copy))?[.size] as? Int
        else { return nil }
        return Double(size)
    }
}
