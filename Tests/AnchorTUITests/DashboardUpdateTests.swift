import AnchorCore
import AnchorStore
import Foundation
import OKX
import Testing

@testable import AnchorTUI

/// Presses keys in order and returns every effect they asked for.
@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
    keys.flatMap { Dashboard.update(&state, .key($0)) }
}

/// Types text into whatever has the keys.
@discardableResult
func type(_ state: inout AppState, _ text: String) -> [Effect] {
    text.flatMap { Dashboard.update(&state, .key(.character($0))) }
}

/// Navigation, filter, sort, themes, autopilot, read-only, quitting and the log: every key flow without an action.
@Suite struct DashboardUpdateTests {
    @Test func aLogPageWithNothingNewChangesNothing() {
        var state = DemoFixture.state()
        var events = DemoFixture.events()
        let last = events.removeLast()
        _ = Dashboard.update(&state, .logEvents(events, .latest(hasOlder: false)))
        func changed(_ event: AppEvent) -> Bool {
            var copy = state
            return Dashboard.apply(&copy, event).changed
        }
        #expect(!changed(.logEvents([], .newer)))
        #expect(!changed(.logEvents(Array(events.suffix(2)), .newer)))
        #expect(changed(.logEvents([last], .newer)))
        #expect(changed(.logEvents([], .latest(hasOlder: false))))
        #expect(changed(.tick(DemoFixture.start.addingTimeInterval(1))))
        // And where it says so, update indeed leaves the log as it was.
        let before = state.log
        _ = Dashboard.update(&state, .logEvents(Array(events.suffix(2)), .newer))
        #expect(state.log == before)
        _ = Dashboard.update(&state, .logEvents([last], .newer))
        #expect(state.log.newestId == last.id)
        // Before the first page, even an empty one is news: the log is loaded from then on.
        var fresh = DemoFixture.state()
        fresh.log = LogWindow()
        #expect(Dashboard.apply(&fresh, .logEvents([], .newer)).changed)
        #expect(fresh.log.loaded)
    }

    /// A tick changes something only when what the clock shows changes: the second, the poll's age, a flash or a
    /// message running out. Where it says nothing changed, the frame is indeed the same.
    @Test func aTickChangesSomethingOnlyWhenWhatTheClockShowsChanges() {
        let start = DemoFixture.start
        var state = DemoFixture.state()
        state.now = start
        state.snapshot.takenAt = start.addingTimeInterval(-0.3)
        func changed(at offset: TimeInterval, _ state: AppState) -> Bool {
            var copy = state
            return Dashboard.apply(&copy, .tick(start.addingTimeInterval(offset))).changed
        }
        #expect(!changed(at: 0.4, state), "same second, poll age still 0 s")
        #expect(changed(at: 0.8, state), "same second, but the poll is 1 s old now")
        #expect(changed(at: 1.0, state), "the next second")
        var messaged = state
        messaged.now = start.addingTimeInterval(0.05)
        Dashboard.say(&messaged, "margin 20.29 → 15.29 USDT", role: .ok, seconds: 0.2)
        #expect(changed(at: 0.4, messaged), "the message ran out")
        #expect(!changed(at: 0.2, messaged))
        var flashing = state
        flashing.flashing[DemoFixture.cro] = start.addingTimeInterval(0.5)
        #expect(!changed(at: 0.3, flashing))
        #expect(changed(at: 0.6, flashing), "the flash ended")

        for base in [state, messaged, flashing] {
            let frame = Dashboard.render(base)
            for tenth in 1...30 {
                var copy = base
                let result = Dashboard.apply(&copy, .tick(start.addingTimeInterval(Double(tenth) / 10)))
                if !result.changed {
                    #expect(Dashboard.render(copy) == frame, "tick at +\(tenth) tenths")
                }
            }
        }
    }

    @Test func arrowsAndVimKeysMoveTheSelectionAndTheTableScrollsWithIt() {
        var state = DemoFixture.state()
        let rows = state.table.rows
        #expect(state.selection == rows[0].key)
        press(&state, .down, .character("j"))
        #expect(state.selection == rows[2].key)
        press(&state, .character("k"))
        #expect(state.selection == rows[1].key)
        press(&state, .up, .up, .up)
        #expect(state.selection == rows[0].key)
        press(&state, .end)
        #expect(state.selection == rows.last?.key)
        #expect(state.tableTop == rows.count - Layout(size: state.size).tableLines)
        press(&state, .home)
        #expect(state.selection == rows[0].key)
        #expect(state.tableTop == 0)
        press(&state, .pageDown)
        #expect(state.selectedIndex == Layout(size: state.size).tableLines)
    }

    @Test func theSelectionFollowsItsPositionAcrossSnapshotsAndSorts() {
        var state = DemoFixture.state()
        state.selection = DemoFixture.cro
        press(&state, .character("s"))
        #expect(state.sort == .profitRate)
        #expect(state.selection == DemoFixture.cro)
        let index = state.selectedIndex
        _ = Dashboard.update(&state, .snapshot(DemoFixture.snapshot(step: 6)))
        #expect(state.selection == DemoFixture.cro)
        #expect(state.selectedIndex != nil)
        let lines = Layout(size: state.size).tableLines
        #expect(state.selectedIndex! >= state.tableTop && state.selectedIndex! < state.tableTop + lines)
        _ = index
    }

    @Test func aSelectedPositionThatClosesHandsTheSelectionToTheRowInItsPlace() {
        var state = DemoFixture.state()
        press(&state, .down, .down)
        let gone = state.selection!
        let snapshot = DemoFixture.snapshot(step: 6) { readings in
            for index in readings.indices where readings[index].name == gone.account {
                readings[index].positions.removeAll { $0.instId == gone.instId && $0.posSide == gone.posSide }
            }
        }
        _ = Dashboard.update(&state, .snapshot(snapshot))
        #expect(state.selection != gone)
        #expect(state.selectedIndex == 2)
    }

    @Test func tabMovesFocusBetweenTableAndLogAndTheArrowsFollowIt() {
        var state = DemoFixture.state()
        let selected = state.selection
        press(&state, .tab)
        #expect(state.focus == .log)
        press(&state, .up, .up)
        #expect(state.selection == selected)
        #expect(state.log.cursor == state.log.events.count - 2)
        press(&state, .enter)
        #expect(state.overlay == .eventDetail(state.log.events[state.log.events.count - 2]))
        press(&state, .escape, .end)
        #expect(state.log.isFollowing)
        press(&state, .backTab)
        #expect(state.focus == .table)
    }

    @Test func filterNarrowsTheRowsAsYouTypeAndEscapeRestoresThem() {
        var state = DemoFixture.state()
        press(&state, .character("/"))
        type(&state, "wu cro")
        #expect(state.table.rows.map(\.key) == [DemoFixture.cro])
        #expect(state.selection == DemoFixture.cro)
        press(&state, .enter)
        #expect(state.overlay == .none)
        #expect(state.filter == "wu cro")
        press(&state, .character("/"), .backspace, .backspace, .backspace, .backspace)
        #expect(state.table.rows.count == 2)
        press(&state, .escape)
        #expect(state.filter == "wu cro")
        #expect(state.table.rows.count == 1)
        press(&state, .escape)
        #expect(state.filter.isEmpty)
        #expect(state.table.rows.count == 32)
        #expect(state.selection == DemoFixture.cro)
    }

    @Test func sortCyclesThroughItsFourOrders() {
        var state = DemoFixture.state()
        var seen: [PositionSort] = []
        for _ in 0..<4 {
            press(&state, .character("s"))
            seen.append(state.sort)
        }
        #expect(seen == [.profitRate, .marginOffTarget, .maintenanceCount, .account])
        press(&state, .character("s"))
        let rates = state.table.rows.compactMap(\.profitRate)
        #expect(rates == rates.sorted())
        press(&state, .character("s"))
        let off = state.table.rows.map { row in
            row.marginTarget > 0 ? row.offTargetDistance / row.marginTarget : row.offTargetDistance
        }
        #expect(off == off.sorted(by: >))
        // Wu666666's APT holds 30.82 against a target of 10, the furthest off; watched rows have no target.
        #expect(state.table.rows.first?.key.instId == "APT-USDT-SWAP")
    }

    @Test func themeKeyCyclesTheBuiltInThemesAndAsksForEach() {
        var state = DemoFixture.state()
        var asked: [Effect] = []
        for _ in 0..<4 {
            asked += press(&state, .character("t"))
        }
        #expect(asked == [.setTheme("light"), .setTheme("high-contrast"), .setTheme("mono"), .setTheme("default")])
        _ = Dashboard.update(&state, .themeLoaded(name: "mono", monochrome: true))
        #expect(state.themeName == "mono" && state.monochrome)
        _ = Dashboard.update(
            &state, .themeFailed("theme /x/broken.toml, line 3, key roles.text.fg: bad; using default"))
        #expect(state.message?.text.contains("line 3") == true)
    }

    @Test func autopilotKeyAsksToToggleAndTheHeaderFollowsTheAnswer() {
        var state = DemoFixture.state()
        #expect(press(&state, .character("a")) == [.toggleAutopilot])
        #expect(!state.autopilotArmed)
        _ = Dashboard.update(&state, .autopilotChanged(true))
        #expect(state.autopilotArmed)
        #expect(Dashboard.render(state).textDump().contains("autopilot ARMED"))
    }

    @Test(arguments: ["m", "c", "a"])
    func readOnlyRefusesActionKeysWithAMessageAndNoEffect(key: Character) {
        var state = DemoFixture.state(settings: DashboardSettings(readOnly: true, environment: .live))
        state.selection = DemoFixture.cro
        #expect(press(&state, .character(key)).isEmpty)
        #expect(state.overlay == .none)
        #expect(state.message?.text.contains("read-only") == true)
        #expect(state.message?.role == .warning)
    }

    @Test func quitIsImmediateWhenNothingRunsAndAsksFirstWhenSomethingDoes() {
        var idle = DemoFixture.state()
        #expect(press(&idle, .character("q")) == [.quit])

        var busy = DemoFixture.state()
        busy.runs[DemoFixture.cro] = RunningDialog(kind: .correction, key: DemoFixture.cro, verb: .run)
        #expect(press(&busy, .character("q")).isEmpty)
        #expect(busy.overlay == .quit(QuitDialog()))
        #expect(press(&busy, .enter).isEmpty)
        #expect(busy.overlay == .none)
        press(&busy, .character("q"))
        #expect(press(&busy, .character("y")) == [.quit])
        #expect(Dashboard.update(&busy, .quitRequested(.interrupt)).isEmpty)
        #expect(Dashboard.update(&busy, .quitRequested(.hangup)) == [.quit])
    }

    @Test func helpOpensWithQuestionMarkAndClosesWithEscape() {
        var state = DemoFixture.state()
        press(&state, .character("?"))
        #expect(state.overlay == .help)
        #expect(press(&state, .character("m")).isEmpty)
        #expect(state.overlay == .help)
        press(&state, .escape)
        #expect(state.overlay == .none)
    }

    @Test func scrollingToTheOldestEventAsksForTheOlderPageOnce() {
        var state = DemoFixture.state()
        var page = DemoFixture.events()
        _ = Dashboard.update(&state, .logEvents(Array(page.suffix(3)), .latest(hasOlder: true)))
        press(&state, .tab)
        #expect(press(&state, .home) == [.loadOlderLog(beforeId: 4)])
        #expect(press(&state, .up).isEmpty)
        page.removeLast(3)
        _ = Dashboard.update(&state, .logEvents(page, .older(hasOlder: false)))
        #expect(state.log.events.count == 6)
        #expect(state.log.selectedEvent?.id == 4)
        #expect(press(&state, .home).isEmpty)
        #expect(state.log.selectedEvent?.id == 1)
    }

    @Test func newEventsAppearAtTheBottomWhileFollowing() {
        var state = DemoFixture.state()
        var event = EventRecord(
            time: DemoFixture.start, key: DemoFixture.cro, origin: .manual, kind: .correction, actionId: "new",
            outcome: .ok, message: "correction: margin 20.29 → 10.10 USDT")
        event.id = 7
        _ = Dashboard.update(&state, .logEvents([event], .newer))
        let dump = Dashboard.render(state).textDump().split(separator: "\n")
        #expect(dump[dump.count - 2].contains("margin 20.29 → 10.10"))
    }

    @Test func aClickSelectsTheRowUnderIt() {
        var state = DemoFixture.state()
        let layout = Layout(size: state.size)
        press(&state, .mouseClick(row: layout.tableBody.row + 3, col: 10))
        #expect(state.selectedIndex == 3)
        press(&state, .mouseClick(row: layout.logBody.row, col: 10))
        #expect(state.focus == .log)
    }

    @Test func anAccountThatStartsFailingSaysWhyOnceInTheFooter() {
        var state = DemoFixture.state()
        let failing = DemoFixture.snapshot(step: 5) { $0[1].lastError = "could not connect: timed out after 10 s" }
        _ = Dashboard.update(&state, .snapshot(failing))
        #expect(state.message?.text == "Wu666666: could not connect: timed out after 10 s")
        #expect(Dashboard.render(state).textDump().contains("1 stale"))
        state.message = nil
        let still = DemoFixture.snapshot(step: 6) { $0[1].lastError = "could not connect: timed out after 11 s" }
        _ = Dashboard.update(&state, .snapshot(still))
        #expect(state.message == nil)
    }

    @Test func resizeReflowsAndKeepsTheSelectionOnScreen() {
        var state = DemoFixture.state(size: TerminalSize(rows: 40, cols: 120))
        press(&state, .end)
        _ = Dashboard.update(&state, .resize(TerminalSize(rows: 24, cols: 80)))
        let lines = Layout(size: state.size).tableLines
        #expect(state.selectedIndex! < state.tableTop + lines)
        let canvas = Dashboard.render(state)
        #expect(canvas.rows == 24 && canvas.cols == 80)
        _ = Dashboard.update(&state, .resize(TerminalSize(rows: 20, cols: 70)))
        #expect(Dashboard.render(state).textDump().contains("at least 80×24 (now 70×20)"))
    }

    @Test(arguments: [
        (["LANG": "zh_CN.UTF-8"], Language.zh), (["LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"], .zh),
        (["LC_ALL": "C", "LANG": "zh_CN.UTF-8"], .en), ([:], .en), (["LANG": "en_GB.UTF-8"], .en),
    ])
    func languageComesFromTheLocale(environment: [String: String], expected: Language) {
        #expect(Strings.language(fromEnvironment: environment) == expected)
    }
}
