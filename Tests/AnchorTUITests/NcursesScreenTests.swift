import Foundation
import Testing

@testable import AnchorTUI

#if canImport(Glibc)
    import Glibc
#endif

/// Collects a screen's events as they come, so a test can wait for some without blocking the main actor.
@MainActor
final class EventLog {
    private(set) var events: [TerminalEvent] = []

    init(_ stream: AsyncStream<TerminalEvent>) {
        Task { @MainActor in
            for await event in stream {
                self.events.append(event)
            }
        }
    }

    /// Waits until `count` events have come, or gives up after a deadline that only guards against a hang.
    func wait(for count: Int) async -> [TerminalEvent] {
        let deadline = ContinuousClock.now + .seconds(20)
        while events.count < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return events
    }
}

/// A canvas full of text in several roles, wide characters included, like a busy dashboard.
func busyCanvas(rows: Int, cols: Int) -> Canvas {
    var canvas = Canvas(rows: rows, cols: cols)
    canvas.drawBox(canvas.bounds, title: "Positions 仓位")
    let roles: [StyleRole] = [.text, .profit, .loss, .dim, .accent, .warning]
    for row in 1..<(rows - 1) {
        let line = "Wu\(row)66666 APT-USDT-SWAP 18 30.82 +1.\(row) 中文 " + String(repeating: "x", count: cols)
        canvas.put(line, row: row, col: 1, width: cols - 2, role: roles[row % roles.count])
    }
    return canvas
}

/// Real ncurses, one screen at a time (curses is global state), on outputs the tests control.
@MainActor
@Suite(.serialized) struct NcursesScreenTests {
    @Test func drawnCellsReadBackFromCurses() throws {
        let screen = try NcursesScreen.measuring(rows: 6, cols: 20)
        defer { screen.close() }
        var canvas = Canvas(rows: 6, cols: 20)
        canvas.drawBox(canvas.bounds)
        canvas.put("中文ab", row: 1, col: 2, role: .profit, attributes: .bold)
        canvas.put("🚀", row: 2, col: 2, role: .loss)
        canvas.put("é", row: 3, col: 2, role: .selection, attributes: .underline)
        screen.draw(canvas)

        #expect(screen.size == TerminalSize(rows: 6, cols: 20))
        #expect(screen.glyphs == .unicode)
        let profit = screen.palette.style(for: .profit)
        let first = try #require(screen.readCell(row: 1, col: 2))
        #expect(first.character == "中")
        #expect(first.attributes == .bold)
        #expect(first.foreground == profit.foreground && first.background == profit.background)
        #expect(screen.readCell(row: 1, col: 4)?.character == "文")
        #expect(screen.readCell(row: 1, col: 6)?.character == "a")
        #expect(screen.readCell(row: 1, col: 7)?.character == "b")
        #expect(screen.readCell(row: 2, col: 2)?.character == "🚀")
        #expect(screen.readCell(row: 2, col: 2)?.foreground == screen.palette.style(for: .loss).foreground)
        let accented = try #require(screen.readCell(row: 3, col: 2))
        #expect(accented.character == "é")
        #expect(accented.attributes == .underline)
        #expect(accented.background == screen.palette.style(for: .selection).background)
        #expect(screen.readCell(row: 0, col: 0)?.character == "┌")
        #expect(screen.readCell(row: 5, col: 19)?.character == "┘")
    }

    @Test func monoTerminalShowsRolesByAttributes() throws {
        let screen = try NcursesScreen.measuring(rows: 3, cols: 10, capability: .mono)
        defer { screen.close() }
        var canvas = Canvas(rows: 3, cols: 10)
        canvas.put("sel", row: 0, col: 0, role: .selection)
        canvas.put("acc", row: 1, col: 0, role: .accent)
        screen.draw(canvas)
        let selected = try #require(screen.readCell(row: 0, col: 0))
        #expect(selected.attributes == .reverse)
        #expect(selected.foreground == -1 && selected.background == -1)
        #expect(screen.readCell(row: 1, col: 0)?.attributes == .bold)
    }

    @Test func aCanvasLargerThanTheScreenIsCutWithoutSplittingWideCharacters() throws {
        let screen = try NcursesScreen.measuring(rows: 2, cols: 5)
        defer { screen.close() }
        var canvas = Canvas(rows: 4, cols: 8)
        canvas.put("abcd中文", row: 0, col: 0)
        screen.draw(canvas)
        #expect(screen.readCell(row: 0, col: 3)?.character == "d")
        #expect(screen.readCell(row: 0, col: 4)?.character == " ")
    }

    @Test func drawingTheSameCanvasTwiceSendsAlmostNothing() throws {
        let screen = try NcursesScreen.measuring(rows: 24, cols: 80)
        defer { screen.close() }
        let canvas = busyCanvas(rows: 24, cols: 80)
        let first = screen.measureBytes(drawing: canvas)
        let second = screen.measureBytes(drawing: canvas)
        print("curses bytes: first frame \(first), same frame again \(second)")
        #expect(first > 24 * 78)
        #expect(second <= 16)
    }

    /// Each write(2) to a SOCK_SEQPACKET socket is one record, so counting records counts curses' writes.
    @Test func aFrameGoesOutInOneWriteNotOnePerChangedRun() throws {
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &pair) == 0)
        let input = open("/dev/null", O_RDONLY)
        defer {
            close(pair[0])
            close(pair[1])
            close(input)
        }
        // Big enough for a whole frame in one record.
        var size: Int32 = 1 << 20
        setsockopt(pair[0], SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(pair[1], SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        let screen = try NcursesScreen.attached(
            inputFD: input, outputFD: pair[0], fixedSize: TerminalSize(rows: 24, cols: 80))
        defer { screen.close() }
        func writes() -> (records: Int, bytes: Int) {
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var records = 0
            var bytes = 0
            while case let count = recv(pair[1], &buffer, buffer.count, Int32(MSG_DONTWAIT)), count > 0 {
                records += 1
                bytes += count
            }
            return (records, bytes)
        }
        _ = writes()
        var canvas = busyCanvas(rows: 24, cols: 80)
        screen.draw(canvas)
        let first = writes()
        // Twenty figures ticking in place, each in its own run: the cursor moves twenty times.
        for index in 0..<20 {
            let row = 2 + index
            canvas.put("9", row: row, col: 10 + 3 * index, role: canvas[row, 10 + 3 * index].role)
        }
        screen.draw(canvas)
        let changed = writes()
        print("curses writes: first frame \(first), 20 runs changed \(changed)")
        #expect(first.bytes > 24 * 78)
        #expect(changed.bytes > 20)
        #expect(changed.records <= 2)
    }

    @Test func changingTwentyCellsSendsFarLessThanARepaint() throws {
        let screen = try NcursesScreen.measuring(rows: 24, cols: 80)
        defer { screen.close() }
        var canvas = busyCanvas(rows: 24, cols: 80)
        let full = screen.measureBytes(drawing: canvas)
        // Figures ticking in place: twenty digits on twenty rows, each in its row's colour.
        for index in 0..<20 {
            let row = 2 + index
            canvas.put("9", row: row, col: 40, role: canvas[row, 40].role)
        }
        let changed = screen.measureBytes(drawing: canvas)
        screen.invalidate()
        let repaint = screen.measureBytes(drawing: canvas)
        print("curses bytes: full frame \(full), 20 cells changed \(changed), after invalidate \(repaint)")
        #expect(changed > 20)
        #expect(changed * 5 < full)
        #expect(repaint * 2 > full)
    }

    /// A second frame writes only the changed cells of its narrow rows: what curses then holds must be exactly what a
    /// full repaint of that frame gives, cell by cell (text, attributes, colours), whatever changed: a digit, a
    /// cell's role, text cleared to background, background written over, and rows with wide characters.
    @Test func aChangedFrameLeavesCursesHoldingWhatARepaintWould() throws {
        let screen = try NcursesScreen.measuring(rows: 12, cols: 40)
        defer { screen.close() }
        var before = Canvas(rows: 12, cols: 40)
        let roles: [StyleRole] = [.text, .profit, .loss, .dim, .accent]
        for row in 0..<10 {
            before.put(
                "sub\(row) APT-USDT-SWAP 30.8\(row) -1.\(row)%", row: row, col: 1, role: roles[row % roles.count])
        }
        before.put("中文 wide", row: 10, col: 2, role: .warning)
        var after = before
        after.put("9", row: 1, col: 20, role: after[1, 20].role)
        after.put("30.99", row: 2, col: 19, role: .loss, attributes: .bold)
        after.put("     ", row: 3, col: 1, role: .background)
        after.put("new", row: 4, col: 35, role: .accent)
        after.put("x", row: 5, col: 0, role: .selection)
        after.put("文中", row: 6, col: 10, role: .text)
        after.put("ab", row: 10, col: 2, role: .warning)
        screen.draw(before)
        screen.draw(after)
        func held() -> [CursesCell?] {
            (0..<12).flatMap { row in (0..<40).map { col in screen.readCell(row: row, col: col) } }
        }
        let partial = held()
        screen.invalidate()
        screen.draw(after)
        let repainted = held()
        let differing = zip(partial, repainted).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(differing.isEmpty, "cells differing from a repaint: \(differing.prefix(10).map { ($0 / 40, $0 % 40) })")
        #expect(screen.readCell(row: 1, col: 20)?.character == "9")
        #expect(screen.readCell(row: 3, col: 2)?.character == " ")
        #expect(screen.readCell(row: 10, col: 2)?.character == "a")
    }

    @Test func closeRunsEndwinOnceAndGivesBackACookedTerminal() throws {
        let terminal = try PseudoTerminal()
        terminal.setSize(TerminalSize(rows: 10, cols: 40))
        #expect(terminal.isCooked)
        let screen = try NcursesScreen.attached(inputFD: terminal.secondary, outputFD: terminal.secondary)
        #expect(screen.size == TerminalSize(rows: 10, cols: 40))
        #expect(!terminal.isCooked)
        screen.draw(busyCanvas(rows: 10, cols: 40))
        _ = terminal.readAvailable()
        screen.close()
        screen.close()
        #expect(screen.endwinCalls == 1)
        #expect(screen.restoredByEndwin)
        #expect(terminal.isCooked)
        screen.draw(busyCanvas(rows: 10, cols: 40))
        #expect(screen.readCell(row: 0, col: 0) == nil)
    }

    @Test func crashGuardRestoresModesAndLeavesTheAlternateScreen() throws {
        let terminal = try PseudoTerminal()
        terminal.setSize(TerminalSize(rows: 10, cols: 40))
        let screen = try NcursesScreen.attached(
            inputFD: terminal.secondary, outputFD: terminal.secondary, guarded: true)
        defer { screen.close() }
        #expect(TerminalGuard.isArmed)
        #expect(!terminal.isCooked)
        _ = terminal.readAvailable()
        TerminalGuard.restoreNow()
        #expect(terminal.isCooked)
        #expect(!TerminalGuard.isArmed)
        let sent = String(decoding: terminal.readAvailable(), as: UTF8.self)
        #expect(sent.contains("\u{1B}[?1049l"))
        #expect(sent.contains("\u{1B}[?25h"))
    }

    @Test func typedKeysArriveAsEvents() async throws {
        let terminal = try PseudoTerminal()
        terminal.setSize(TerminalSize(rows: 10, cols: 40))
        let screen = try NcursesScreen.attached(inputFD: terminal.secondary, outputFD: terminal.secondary)
        defer { screen.close() }
        let log = EventLog(screen.events())
        terminal.type("j中\u{1B}OA\t\u{1B}[6~")
        let events = await log.wait(for: 5)
        #expect(events == [.key(.character("j")), .key(.character("中")), .key(.up), .key(.tab), .key(.pageDown)])
    }

    @Test func endOfInputBecomesAQuitEvent() async throws {
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        let output = open("/dev/null", O_WRONLY)
        defer { Glibc.close(output) }
        let screen = try NcursesScreen.attached(
            inputFD: pipeEnds[0], outputFD: output, fixedSize: TerminalSize(rows: 5, cols: 20))
        Glibc.close(pipeEnds[0])
        defer { screen.close() }
        let log = EventLog(screen.events())
        _ = write(pipeEnds[1], "q", 1)
        Glibc.close(pipeEnds[1])
        let events = await log.wait(for: 2)
        #expect(events == [.key(.character("q")), .quit(.inputClosed)])
    }

    @Test func windowChangeBecomesAResizeEvent() async throws {
        let terminal = try PseudoTerminal()
        terminal.setSize(TerminalSize(rows: 10, cols: 40))
        let screen = try NcursesScreen.attached(
            inputFD: terminal.secondary, outputFD: terminal.secondary, listensToSignals: true)
        defer { screen.close() }
        let log = EventLog(screen.events())
        let resized = await resizeUntilHeard(terminal, log)
        #expect(resized == .resize(rows: 20, cols: 60))
        #expect(screen.size == TerminalSize(rows: 20, cols: 60))
    }

    @Test(arguments: [
        (SIGINT, QuitReason.interrupt), (SIGTERM, .terminate), (SIGHUP, .hangup), (SIGQUIT, .quitSignal),
    ])
    func quitSignalsBecomeQuitEvents(signo: Int32, reason: QuitReason) async throws {
        let terminal = try PseudoTerminal()
        terminal.setSize(TerminalSize(rows: 10, cols: 40))
        let screen = try NcursesScreen.attached(
            inputFD: terminal.secondary, outputFD: terminal.secondary, listensToSignals: true)
        defer { screen.close() }
        let log = EventLog(screen.events())
        // SIGWINCH gets its dispatch source last; once a resize is heard, every quit signal has its handler.
        _ = await resizeUntilHeard(terminal, log)
        kill(getpid(), signo)
        let events = await log.wait(for: 2)
        #expect(events.last == .quit(reason))
    }

    /// An SSH link that drops ends the input first and then brings SIGHUP: one orderly quit, not the emergency
    /// exit kept for a second quit signal (which would skip journalling the actions in flight). Were the SIGHUP
    /// taken as a second request, this test process itself would exit with status 129.
    @Test func aHangupAfterTheInputEndedIsStillAnOrderlyQuit() async throws {
        let terminal = try PseudoTerminal()
        terminal.setSize(TerminalSize(rows: 10, cols: 40))
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        let screen = try NcursesScreen.attached(
            inputFD: pipeEnds[0], outputFD: terminal.secondary, listensToSignals: true)
        Glibc.close(pipeEnds[0])
        defer { screen.close() }
        let log = EventLog(screen.events())
        _ = await resizeUntilHeard(terminal, log)
        let before = log.events.count
        Glibc.close(pipeEnds[1])
        _ = await log.wait(for: before + 1)
        #expect(log.events.last == .quit(.inputClosed))
        kill(getpid(), SIGHUP)
        try await Task.sleep(for: .milliseconds(300))
        #expect(log.events.filter { if case .quit = $0 { true } else { false } }.count == 1)
    }

    @Test func fallbackWidthsAgreeWithWcwidthUnderUTF8() throws {
        let screen = try NcursesScreen.measuring(rows: 2, cols: 2)
        screen.close()
        #expect(UTF8Locale.isUTF8)
        for scalar: UInt32 in [0x41, 0xE9, 0x301, 0x4E2D, 0xAC00, 0xFF21, 0x1F680, 0x1F600, 0x2500, 0x2026, 0x200D] {
            #expect(TextWidth.of(scalar: Unicode.Scalar(scalar)!) == TextWidth.fallback(scalar), "U+\(scalar)")
        }
    }

    /// Changes the pseudo-terminal's size and sends SIGWINCH until the screen reports it: the first signal may come
    /// before libdispatch has put its handler in place, and is then ignored.
    private func resizeUntilHeard(_ terminal: PseudoTerminal, _ log: EventLog) async -> TerminalEvent? {
        terminal.setSize(TerminalSize(rows: 20, cols: 60))
        for _ in 0..<200 {
            kill(getpid(), SIGWINCH)
            try? await Task.sleep(for: .milliseconds(25))
            if let resize = log.events.first(where: { if case .resize = $0 { true } else { false } }) {
                return resize
            }
        }
        return nil
    }
}
