import AnchorStore
import Foundation
import OKX
import PaperExchange
import TestSupport
import Testing

@testable import AnchorCore
@testable import AnchorTUI

/// The dashboard over the paper exchange's `shapes` scenario (one-way mode, cross beside isolated, coin-margined and
/// USDC swaps, a suspended instrument), read over HTTP and drawn at a fixed time.
@Suite(.serialized) struct ShapesGoldenTests {
    /// A snapshot of the `shapes` scenario read over HTTP, rebuilt at `DemoFixture.start` so that every frame repeats.
    static func shapesState(size: TerminalSize) async throws -> AppState {
        let harness = try await SimHarness.start(scenario: BuiltInScenarios.shapes)
        harness.server.freezeTime()
        let live = await harness.engine.poller.pollOnce()
        let instruments = await harness.engine.instruments.cached
        await harness.stop()
        let readings = live.accounts.map { account in
            AccountReading(
                name: account.name, role: account.role, managed: account.managed,
                positions: live.positions.filter { $0.key.account == account.name }.map(\.position),
                fetchedAt: DemoFixture.start, latency: .milliseconds(40))
        }
        let snapshot = SnapshotBuilder.build(
            generation: 1, now: DemoFixture.start, readings: readings, instruments: instruments, counts: [:],
            holds: [:], policy: .houseDefault, staleAfter: 10, pollDuration: .milliseconds(45), rateLimitHeadroom: 0.9)
        var state = AppState(
            settings: DashboardSettings(environment: .demo, timeZone: DemoFixture.utc), language: .en,
            themeName: "default", size: size, now: DemoFixture.start)
        _ = Dashboard.update(&state, .snapshot(snapshot))
        _ = Dashboard.update(&state, .tick(DemoFixture.start.addingTimeInterval(1)))
        return state
    }

    @Test func theShapesScenarioAt120x40() async throws {
        var state = try await Self.shapesState(size: TerminalSize(rows: 40, cols: 120))
        try expectGolden(Dashboard.render(state), named: "dashboard-shapes-120x40")
        // `c` on a watched row explains and sends nothing.
        let cross = try #require(state.table.rows.first { $0.key.mgnMode == .cross })
        state.selection = cross.key
        let effects = Dashboard.update(&state, .key(.character("c")))
        #expect(effects.isEmpty)
        #expect(state.message?.text.hasPrefix("watched (cross)") == true)
        #expect(state.overlay.isNone)
    }

    @Test func aOneWayShortReadsAsAShortWithItsMark() async throws {
        let state = try await Self.shapesState(size: TerminalSize(rows: 40, cols: 120))
        let eth = try #require(state.table.rows.first { $0.key.account == "main" && $0.key.instId == "ETH-USDT-SWAP" })
        #expect(eth.side == "short" + Strings.oneWayMark)
        #expect(eth.size == "1", "the size is shown without its sign")
        let coin = try #require(state.table.rows.first { $0.key.instId == "BTC-USD-SWAP" })
        #expect(coin.margin == "0.001053")
        #expect(coin.notional == "1000.00")
    }
}
