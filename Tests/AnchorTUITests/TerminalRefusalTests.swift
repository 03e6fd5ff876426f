import Testing

@testable import AnchorTUI

@Suite struct TerminalRefusalTests {
    @Test(arguments: [
        ([String: String](), true, true, TerminalRefusal.Reason.terminalTypeUnset),
        (["TERM": ""], true, true, .terminalTypeUnset),
        (["TERM": "dumb"], true, true, .dumbTerminal),
        (["TERM": "xterm-256color"], false, true, .inputNotTerminal),
        (["TERM": "xterm-256color"], true, false, .outputNotTerminal),
        (["TERM": "xterm-256color"], false, false, .inputNotTerminal),
    ])
    func refusesWithoutAFullTerminal(
        environment: [String: String], input: Bool, output: Bool, reason: TerminalRefusal.Reason
    ) throws {
        let refusal = try #require(
            TerminalRefusal.check(environment: environment, inputIsTerminal: input, outputIsTerminal: output))
        #expect(refusal.reason == reason)
        #expect(refusal.description.contains("okx-anchor status"))
    }

    @Test(arguments: ["xterm-256color", "screen", "tmux-256color", "linux", "vt100"])
    func startsOnARealTerminal(term: String) {
        #expect(
            TerminalRefusal.check(environment: ["TERM": term], inputIsTerminal: true, outputIsTerminal: true)
                == nil)
    }

    @Test func messageSaysWhatIsWrong() {
        let refusal = TerminalRefusal(reason: .outputNotTerminal)
        #expect(refusal.description.contains("standard output is not a terminal"))
        #expect(TerminalRefusal(reason: .dumbTerminal).description.contains("TERM=dumb"))
    }
}

@MainActor
@Suite struct RecordingScreenTests {
    @Test func recordsFramesBellsAndFlashes() {
        let screen = RecordingScreen(size: TerminalSize(rows: 2, cols: 4))
        var canvas = Canvas(rows: 2, cols: 4)
        screen.draw(canvas)
        canvas.put("hi", row: 0, col: 0)
        screen.draw(canvas)
        screen.bell()
        screen.flash()
        screen.invalidate()
        #expect(screen.frames.count == 2)
        #expect(screen.lastFrame?.textDump() == "hi\n")
        #expect(screen.bells == 1 && screen.flashes == 1 && screen.invalidations == 1)
    }
}
