import AnchorBench
import AnchorCore
import Foundation
import Testing

@testable import AnchorTUI

/// Dashboard frames through real ncurses; an extension of the serialized curses suite, as curses is one global state.
extension NcursesScreenTests {
    @Test func aDashboardFrameDrawnAgainUnchangedSendsAlmostNothingAndATickOnlyTheClock() throws {
        let screen = try NcursesScreen.measuring(rows: 24, cols: 80)
        defer { screen.close() }
        var state = DemoFixture.state()
        let first = screen.measureBytes(drawing: Dashboard.render(state))
        let again = screen.measureBytes(drawing: Dashboard.render(state))
        _ = Dashboard.update(&state, .tick(DemoFixture.start.addingTimeInterval(11)))
        let tick = screen.measureBytes(drawing: Dashboard.render(state))
        print("dashboard 80x24 curses bytes: first frame \(first), same frame \(again), next second \(tick)")
        #expect(first > 24 * 40)
        #expect(again <= 16)
        #expect(tick > 0)
        #expect(tick * 20 < first)
        #expect(screen.readCell(row: 0, col: 1)?.character == "D")
        #expect(screen.readCell(row: 0, col: 79)?.character == "1")
    }

    @Test func aChineseFrameKeepsItsWideCharactersInTheirColumnsInCurses() throws {
        let screen = try NcursesScreen.measuring(rows: 24, cols: 80)
        defer { screen.close() }
        let state = DemoFixture.state(language: .zh, renamed: ["main": "主账户资金管理"])
        let canvas = Dashboard.render(state)
        screen.draw(canvas)
        var checked = 0
        for row in 0..<canvas.rows {
            for col in 0..<canvas.cols where canvas[row, col].width == 2 {
                #expect(
                    screen.readCell(row: row, col: col)?.character == canvas[row, col].character, "(\(row), \(col))")
                checked += 1
            }
        }
        #expect(checked > 50)
    }
}

extension NcursesScreenTests {
    /// The benchmark runs end to end and its byte counts tell a small change from a whole repaint (no timing is
    /// asserted: the figures are printed for the reader).
    @Test func theBenchmarkMeasuresFramesAndBytes() throws {
        let figures = try TUIBenchmark.run(positions: 1000, frames: 50)
        print(
            "TUI benchmark (debug build): \(figures.positions) positions at \(figures.size): render median "
                + "\(figures.renderMedian), p99 \(figures.renderP99); render+draw median \(figures.frameMedian), p99 "
                + "\(figures.frameP99); snapshot update median \(figures.snapshotUpdateMedian); bytes: first frame "
                + "\(figures.bytesFirstFrame), 20 cells \(figures.bytesTwentyCells), "
                + "whole table \(figures.bytesWholeTable)"
        )
        #expect(figures.frames == 50)
        #expect(figures.bytesTwentyCells > 20)
        #expect(figures.bytesTwentyCells * 5 < figures.bytesFirstFrame)
        #expect(figures.bytesWholeTable > figures.bytesTwentyCells)
    }
}
