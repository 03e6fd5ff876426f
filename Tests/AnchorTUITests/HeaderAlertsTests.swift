import AnchorCore
import Foundation
import Testing

@testable import AnchorTUI

/// The header says when alerts are not getting through, and stays as it was when they are; and how long a turn of a
/// fleet read in turns takes, and when a position's account was read.
@Suite struct HeaderAlertsTests {
    @Test func undeliveredAlertsAndFailingChannelsAreInTheHeader() {
        var state = DemoFixture.state()
        var snapshot = state.snapshot
        snapshot.alerts = AlertHealth(undelivered: 3, failing: ["slack#2"])
        _ = Dashboard.update(&state, .snapshot(snapshot))
        let header = Dashboard.render(state).textDump().split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("alerts 3 undelivered · slack#2"), "\(header)")

        snapshot.alerts = AlertHealth(undelivered: 0, failing: [])
        _ = Dashboard.update(&state, .snapshot(snapshot))
        let healthy = Dashboard.render(state).textDump().split(separator: "\n").first.map(String.init) ?? ""
        #expect(!healthy.contains("alerts"), "\(healthy)")
    }

    /// A fleet read in turns says how long a turn takes, beside the poll's age; a fleet read whole says nothing more.
    @Test func aFleetReadInTurnsShowsItsTurn() {
        var state = DemoFixture.state(size: TerminalSize(rows: 40, cols: 160))
        var snapshot = state.snapshot
        let firstLine = { Dashboard.render(state).textDump().split(separator: "\n").first.map(String.init) ?? "" }
        #expect(!firstLine().contains("turn"), "\(firstLine())")
        snapshot.turnSeconds = 20
        _ = Dashboard.update(&state, .snapshot(snapshot))
        #expect(firstLine().contains("ms · turn 20s"), "\(firstLine())")
    }

    /// The position's detail says when its account was read (a large fleet is read in turns).
    @Test func aPositionsDetailSaysWhenItsAccountWasRead() {
        var state = DemoFixture.state(size: TerminalSize(rows: 45, cols: 120))
        _ = Dashboard.update(&state, .key(.enter))
        let text = Dashboard.render(state).textDump()
        #expect(text.contains("read") && text.contains("12:00:08 · 2s ago"), "\(text)")
    }
}
