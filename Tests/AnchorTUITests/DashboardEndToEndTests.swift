import AnchorBench
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real `okx-anchor --demo` under tmux: a private server socket, a fixed 140×45 window, `LANG=C.UTF-8`, the
/// screen read with `capture-pane` against a deadline, and the server killed however the test ends.
///
/// Skipped only when tmux is not installed (CI installs it). It never builds anything: it runs the binary
/// `swift build` left beside the test bundle.
@Suite(
    .serialized,
    .enabled(if: EndToEnd.binary != nil, "okx-anchor is not built beside the test bundle (run `swift build` first)"),
    .enabled(if: EndToEnd.tmux != nil, "tmux is not installed")
)
struct DashboardEndToEndTests {
    @Test func demoCorrectsCROIntoItsBandResizesAndQuitsCleanly() throws {
        let session = try TmuxSession(cols: 140, rows: 45)
        defer { session.close() }
        let database = session.directory + "/demo.sqlite"
        session.typeLine("\(EndToEnd.binary!) --demo --database \(database)")

        let totals = session.waitFor { screen in
            screen.contains("22 positions · 12 long · 10 short") && screen.contains("9 accounts · 10 positions")
        }
        #expect(totals != nil, "totals never showed:\n\(session.capture())")

        session.keys("/")
        session.literal("wu666666 cro")
        session.keys("Enter")
        #expect(session.waitFor { $0.contains("Positions 1/32") && $0.contains("CRO-USDT-SWAP") } != nil)

        session.keys("c")
        let plan = session.waitFor { $0.contains("Confirm (y)") && $0.contains("reduce margin") }
        #expect(plan != nil, "no plan shown:\n\(session.capture())")
        session.keys("y")
        let done = session.waitFor { $0.contains("completed") && $0.contains("[ Close ]") }
        #expect(done != nil, "the correction did not complete:\n\(session.capture())")
        session.keys("Enter")

        let settled = session.waitFor { screen in
            guard let margin = Self.margin(of: "CRO-USDT-SWAP", in: screen) else { return false }
            return margin >= 9.5 && margin <= 10.5 && Self.logShowsCorrection(screen)
        }
        #expect(
            settled != nil, "CRO's margin is not in 9.50–10.50 or the log lacks the correction:\n\(session.capture())")

        session.resize(cols: 100, rows: 30)
        let reflowed = session.waitFor { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 30 && screen.contains("Instr.") && !screen.contains("Instrument")
                && lines.allSatisfy { $0.count <= 100 }
        }
        #expect(reflowed != nil, "the layout did not follow the resize:\n\(session.capture())")

        session.keys("q")
        session.typeLine("stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo CLEAN-$((40+2))")
        let clean = session.waitFor { $0.contains("CLEAN-42") }
        #expect(clean != nil, "the shell did not come back:\n\(session.capture())")
        #expect(clean?.contains("icanon echo") == true, "terminal modes not restored:\n\(clean ?? "")")
    }

    /// The margin shown for `instId` in the table: the figure just before its band (`9.50–10.50`).
    static func margin(of instId: String, in screen: String) -> Double? {
        for line in screen.split(separator: "\n") where line.contains(instId) && line.contains("–") {
            let words = line.split(separator: " ")
            guard let band = words.firstIndex(where: { $0.contains("–") }), band > 0 else { continue }
            // A mark after the figure (▲, ▼) when the terminal shows no colour.
            return Double(words[band - 1].filter { $0.isNumber || $0 == "." })
        }
        return nil
    }

    /// The log pane shows a completed correction of Wu666666's CRO.
    static func logShowsCorrection(_ screen: String) -> Bool {
        guard let log = screen.range(of: "Correction log") else { return false }
        return screen[log.upperBound...].split(separator: "\n").contains { line in
            line.contains("Wu666666") && line.contains("CRO-USDT-SWAP") && line.contains("correction")
        }
    }
}

/// Where the binary and tmux are, and whether the paper exchange answers.
enum EndToEnd {
    /// `okx-anchor` beside the test bundle (`.build/<triple>/debug/`).
    static let binary: String? = {
        var candidates: [URL] = []
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent())
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug"))
        for folder in candidates {
            let path = folder.appendingPathComponent("okx-anchor").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// A tmux server of its own running a shell in one window of a fixed size.
final class TmuxSession {
    let socket = "okx-anchor-e2e-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    let directory: String

    init(cols: Int, rows: Int) throws {
        directory = NSTemporaryDirectory() + "okx-anchor-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let started = tmux([
            "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "\(cols)", "-y", "\(rows)",
            "env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color XDG_STATE_HOME=\(directory) PS1='$ ' sh",
        ])
        guard started.status == 0 else {
            throw TmuxError(message: "tmux new-session failed: \(started.output)")
        }
        _ = tmux(["set-option", "-g", "status", "off"])
    }

    struct TmuxError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    @discardableResult
    func tmux(_ arguments: [String]) -> Spawn.Result {
        Spawn.run(EndToEnd.tmux!, ["-L", socket] + arguments)
    }

    /// Types a line at the shell and presses Enter.
    func typeLine(_ line: String) {
        literal(line)
        keys("Enter")
    }

    /// Sends text as typed, character by character.
    func literal(_ text: String) {
        tmux(["send-keys", "-t", "e2e", "-l", text])
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `c`).
    func keys(_ names: String...) {
        tmux(["send-keys", "-t", "e2e"] + names)
    }

    func resize(cols: Int, rows: Int) {
        tmux(["resize-window", "-t", "e2e", "-x", "\(cols)", "-y", "\(rows)"])
    }

    /// The window's text now.
    func capture() -> String {
        tmux(["capture-pane", "-p", "-t", "e2e"]).output
    }

    /// Polls the screen until `condition` holds (returns that screen) or the deadline passes (nil). The deadline
    /// only guards against a hang; nothing is timed.
    func waitFor(seconds: Double = 45, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let screen = capture()
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    func close() {
        tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: directory)
    }
}
