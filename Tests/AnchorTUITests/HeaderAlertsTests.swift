import AnchorCore
import Foundation
import Testing

@testable import AnchorTUI

/// The header says when alerts are not getting through, and stays as it was when they are.
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
}
