import Foundation
import Logging
import Testing

@testable import AnchorCore

/// The daemon's log lines: one per event, with journald's priority or the time and level.
@Suite struct LineLogHandlerTests {
    @Test func journaldLinesCarryThePriorityAndNoTime() {
        let handler = LineLogHandler(label: "okx-anchor", level: .info, style: .journal) { _ in }
        let levels: [(Logger.Level, Int)] = [
            (.critical, 2), (.error, 3), (.warning, 4), (.notice, 5), (.info, 6), (.debug, 7), (.trace, 7),
        ]
        for (level, priority) in levels {
            #expect(handler.line(level, "x", metadata: [:]) == "<\(priority)>okx-anchor: x\n")
        }
    }

    @Test func aMessageWithLineBreaksStaysOneLineAndMetadataFollowsSorted() {
        let handler = LineLogHandler(label: "okx-anchor", level: .info, style: .plain) { _ in }
        let line = handler.line(
            .warning, "first\nsecond\r\nthird", metadata: ["z": "1", "a": "two\nlines"],
            now: Date(timeIntervalSince1970: 1_796_000_000))
        #expect(line == "2026-11-30T00:53:20Z warning okx-anchor: first | second | third a=two | lines z=1\n")
        #expect(line.filter { $0 == "\n" }.count == 1)
    }

    @Test func theStyleFollowsJournalStream() {
        #expect(LineLogHandler.style(environment: ["JOURNAL_STREAM": "8:1234"]) == .journal)
        #expect(LineLogHandler.style(environment: ["JOURNAL_STREAM": ""]) == .plain)
        #expect(LineLogHandler.style(environment: [:]) == .plain)
    }

    @Test func belowTheLevelNothingIsWritten() {
        let lines = LockedLines()
        var logger = Logger(label: "okx-anchor") { label in
            LineLogHandler(label: label, level: .notice, style: .journal) { lines.append($0) }
        }
        logger.logLevel = .notice
        logger.info("quiet")
        logger.notice("loud")
        #expect(lines.all == ["<5>okx-anchor: loud\n"])
    }
}

private final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
