import Foundation
import Testing

/// The real dashboard crashed on purpose (`OKX_ANCHOR_CRASH_AFTER_MS`, a fatal error on another thread) under tmux,
/// on a config whose accounts' secrets come from the environment: the terminal is given back before anything is
/// printed on it, the one line printed says where the report is, and the report is a symbolicated backtrace of
/// the crash with no secret in it.
@Suite(
    .serialized,
    .enabled(if: EndToEnd.binary != nil, "okx-anchor is not built beside the test bundle (run `swift build` first)"),
    .enabled(if: EndToEnd.tmux != nil, "tmux is not installed")
)
struct CrashReportTests {
    static let secret = "CrAsH-sEcReT-7731-zz"
    static let passphrase = "CrAsH-pAsS-4410-yy"

    @Test func aCrashRestoresTheTerminalAndLeavesASymbolicatedReportWithoutSecrets() throws {
        let session = try TmuxSession(cols: 120, rows: 40)
        defer { session.close() }
        let config = session.directory + "/config.toml"
        // A paper fleet that is never reached (nothing listens there): the dashboard starts all the same.
        let text = """
            base_url = "http://127.0.0.1:9"
            database = "\(session.directory)/anchor.sqlite"

            [[accounts]]
            name = "Wu666666"
            role = "sub"
            api_key_env = "CRASH_KEY"
            secret_key_env = "CRASH_SECRET"
            passphrase_env = "CRASH_PASSPHRASE"

            """
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        // The secrets go through a file, so that they are not typed on the screen the test reads.
        let secrets = session.directory + "/secrets.env"
        let variables = "CRASH_KEY=crash-key-0001\nCRASH_SECRET=\(Self.secret)\nCRASH_PASSPHRASE=\(Self.passphrase)\n"
        try variables.write(toFile: secrets, atomically: true, encoding: .utf8)
        session.typeLine(
            "set -a; . \(secrets); set +a; OKX_ANCHOR_CRASH_AFTER_MS=1500 \(EndToEnd.binary!) --config \(config);"
                + " echo \"EXIT\"\"-$?\"")

        let ended = session.waitFor(seconds: 90) { $0.contains("EXIT-") }
        let screen = try #require(ended, "the dashboard did not end:\n\(session.capture())")
        #expect(screen.contains("EXIT-132"), "ended by SIGILL (a Swift fatal error):\n\(screen)")
        let notes = screen.split(separator: "\n").filter { $0.contains("okx-anchor crashed: the report goes to") }
        #expect(notes.count == 1, "one line says where the report is:\n\(screen)")
        // Nothing of the dashboard nor of the runtime's message is left on the restored screen.
        #expect(!screen.contains("Fatal error"), "\(screen)")
        #expect(!screen.contains("Positions"), "the alternate screen was left:\n\(screen)")

        session.typeLine("stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo CLEAN-$((40+2))")
        let clean = session.waitFor { $0.contains("CLEAN-42") }
        #expect(clean?.contains("icanon echo") == true, "terminal modes not restored:\n\(clean ?? session.capture())")

        // The report, in $XDG_STATE_HOME/okx-anchor (the session's folder), complete once the backtracer is done.
        let folder = session.directory + "/okx-anchor"
        var report: String?
        let deadline = Date().addingTimeInterval(60)
        while report == nil && Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if let name = names.first(where: { $0.hasPrefix("crash-") && !$0.hasSuffix(".stderr.txt") }),
                let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8),
                text.contains("Backtrace took")
            {
                report = text
            }
            if report == nil { Thread.sleep(forTimeInterval: 0.2) }
        }
        let backtrace = try #require(report, "no crash report in \(folder)")
        #expect(notes.first?.contains(folder + "/crash-") == true)
        #expect(backtrace.contains("Program crashed"))
        #expect(backtrace.contains("CrashReports.crashOnPurpose()"), "symbolicated:\n\(backtrace)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        let stderrName = try #require(names.first { $0.hasSuffix(".stderr.txt") })
        let lastWords = try String(contentsOfFile: folder + "/" + stderrName, encoding: .utf8)
        #expect(lastWords.contains("Fatal error: crash on purpose"), "\(lastWords)")
        for text in [backtrace, lastWords, screen] {
            #expect(!text.contains(Self.secret) && !text.contains(Self.passphrase), "a secret in:\n\(text)")
        }
    }
}
