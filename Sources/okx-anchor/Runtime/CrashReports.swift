import AnchorCore
import AnchorTUI
import Foundation
import OKX

#if canImport(Glibc)
    import Glibc
#endif

/// Crash reports: a symbolicated backtrace of every thread in `$XDG_STATE_HOME/okx-anchor/crash-<time>-<pid>.txt`
/// (`<time>` is when the process started, in UTC), written by the Swift runtime's backtracer.
///
/// The runtime reads its settings (`SWIFT_BACKTRACE`) once, before `main`, so the first thing the program does is
/// put them in its environment and execute itself again, once; a `SWIFT_BACKTRACE` the user set is left alone.
/// A statically linked build has no toolchain beside it to find `swift-backtrace` in, so the installed one ships
/// the toolchain's static backtracer in `../libexec/okx-anchor/swift-backtrace` and names it here.
///
/// The report holds no secret: no registers (`registers=none`), no memory, no environment; only the threads'
/// frames, the images they are in and the platform. The dashboard's terminal is put back by `TerminalGuard`
/// before the backtracer runs, which then writes a line saying where the report is.
enum CrashReports {
    /// Set for the re-executed process: the report's path.
    static let marker = "OKX_ANCHOR_CRASH_REPORT"

    /// The report this process writes if it crashes (nil: the runtime's defaults or the user's settings apply).
    /// Read once, before `prepare` takes the variables out of the environment.
    static let reportPath: String? = getenv(marker).map { String(cString: $0) }

    /// Sets the backtracer up and re-executes the program; returns only when that is not needed or not possible
    /// (then a crash prints the runtime's own backtrace on stderr, as before). In the re-executed process it takes
    /// both variables out of the environment, which the runtime has read already, so that a program this one
    /// starts (the bench's children) sets up its own report.
    static func prepare() {
        if reportPath != nil {
            unsetenv("SWIFT_BACKTRACE")
            unsetenv(marker)
            return
        }
        let environment = ProcessInfo.processInfo.environment
        guard environment["SWIFT_BACKTRACE"] == nil else { return }
        let folder = ConfigPaths(environment: environment).stateDirectory
        guard
            (try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil
        else { return }
        let path = folder + "/crash-" + startTime() + "-\(getpid()).txt"
        // SWIFT_BACKTRACE is a comma-separated list: a path with a comma in it cannot be given.
        guard !path.contains(",") else { return }
        var settings = [
            "enable=yes", "interactive=no", "color=no", "demangle=yes", "sanitize=yes", "threads=all",
            "registers=none", "images=mentioned", "limit=128", "top=32", "output-to=\(path)",
        ]
        switch backtracer() {
        case .foundByTheRuntime:
            break
        case .at(let path):
            settings.append("swift-backtrace=\(path)")
        case .none:
            // A static build away from its installed layout and from any toolchain: the runtime could only say
            // "unable to locate swift-backtrace" at every start. No reports, no re-execution.
            return
        }
        setenv("SWIFT_BACKTRACE", settings.joined(separator: ","), 1)
        setenv(marker, path, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Still here: the exec failed. Go on without reports rather than not at all.
        unsetenv("SWIFT_BACKTRACE")
        unsetenv(marker)
    }

    /// The dashboard's last line on a crash, written on the restored terminal.
    static func armTerminalNote() {
        guard let path = reportPath else { return }
        TerminalGuard.setCrashNote("\r\nokx-anchor crashed: the report goes to \(path)\r\n")
    }

    enum Backtracer: Equatable {
        /// A dynamically linked program: the runtime finds the toolchain's `swift-backtrace` beside its library.
        case foundByTheRuntime
        case at(String)
        case none
    }

    /// For a program with the Swift runtime linked in statically: `../libexec/okx-anchor/swift-backtrace` beside
    /// the binary (as installed), else the static backtracer of the toolchain that `swift` on `PATH` belongs to
    /// (a build run from `.build/release`).
    static func backtracer() -> Backtracer {
        guard dlopen("libswiftCore.so", RTLD_NOW | RTLD_NOLOAD) == nil else { return .foundByTheRuntime }
        var candidates: [String] = []
        if let binary = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let prefix = URL(fileURLWithPath: binary).deletingLastPathComponent().deletingLastPathComponent()
            candidates.append(prefix.appendingPathComponent("libexec/okx-anchor/swift-backtrace").path)
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let swift = URL(fileURLWithPath: String(folder)).appendingPathComponent("swift").path
            guard FileManager.default.isExecutableFile(atPath: swift) else { continue }
            let toolchain = URL(fileURLWithPath: swift).resolvingSymlinksInPath().deletingLastPathComponent()
                .deletingLastPathComponent()
            candidates.append(toolchain.appendingPathComponent("libexec/swift/linux/swift-backtrace-static").path)
            break
        }
        let found = candidates.first { !$0.contains(",") && FileManager.default.isExecutableFile(atPath: $0) }
        return found.map(Backtracer.at) ?? .none
    }

    /// Now in UTC as `20261204T181530Z`: OKX's time stamp without separators and milliseconds.
    private static func startTime() -> String {
        String(OKXTimestamp.string(from: Date()).dropLast(".000Z".count).filter { $0 != "-" && $0 != ":" }) + "Z"
    }
}

extension CrashReports {
    /// While the dashboard holds the terminal, standard error goes to a file beside the report instead of under
    /// the screen: the runtime's last words on a crash ("Fatal error: …") land there, not on a raw terminal.
    /// `restore` puts it back and removes the file when nothing was written.
    struct DivertedStandardError {
        let path: String
        let saved: Int32

        static func start() -> DivertedStandardError? {
            guard let report = reportPath else { return nil }
            let path = String(report.dropLast(".txt".count)) + ".stderr.txt"
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { return nil }
            let saved = dup(2)
            guard saved >= 0, dup2(descriptor, 2) == 2 else {
                close(descriptor)
                if saved >= 0 { close(saved) }
                unlink(path)
                return nil
            }
            close(descriptor)
            return DivertedStandardError(path: path, saved: saved)
        }

        func restore() {
            dup2(saved, 2)
            close(saved)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            if size == 0 { unlink(path) }
        }
    }

    /// `OKX_ANCHOR_CRASH_AFTER_MS=N`: any command crashes on purpose N ms after it starts, on another thread (for
    /// the tests of the crash path, of the debug build and of the installed one; like `OKX_ANCHOR_CRASH_AT`, never
    /// set in normal use).
    static func crashOnPurposeIfAsked() {
        guard let text = ProcessInfo.processInfo.environment["OKX_ANCHOR_CRASH_AFTER_MS"], let delay = Int(text)
        else { return }
        Task.detached {
            try? await Task.sleep(for: .milliseconds(delay))
            crashOnPurpose()
        }
    }

    @inline(never)
    static func crashOnPurpose() -> Never {
        fatalError("crash on purpose (OKX_ANCHOR_CRASH_AFTER_MS)")
    }
}
