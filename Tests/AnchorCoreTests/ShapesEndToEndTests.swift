import AnchorCore
import AnchorStore
import Foundation
import OKX
import PaperExchange
import TestSupport
import Testing

/// The engine over real HTTP against the paper exchange's `shapes` scenario: one-way mode, cross beside isolated,
/// coin-margined and USDC swaps, the main account, and positions that vanish mid-action.
@Suite(.serialized) struct ShapesEndToEndTests {
    static let mainETH = AnchorStore.PositionKey(account: "main", instId: "ETH-USDT-SWAP", posSide: .net)
    static let plainCRO = AnchorStore.PositionKey(account: "Plain01", instId: "CRO-USDT-SWAP", posSide: .long)

    func withShapes<T>(
        manageMain: Bool = false, policy: Policy = .houseDefault,
        checkpoint: @escaping @Sendable (String) throws -> Void = { _ in }, _ body: (SimHarness) async throws -> T
    ) async throws -> T {
        let harness = try await SimHarness.start(
            scenario: BuiltInScenarios.shapes, policy: policy, manageMain: manageMain, checkpoint: checkpoint)
        do {
            let value = try await body(harness)
            await harness.stop()
            return value
        } catch {
            await harness.stop()
            throw error
        }
    }

    /// Filled orders of an account on one instrument, oldest first.
    func filled(_ h: SimHarness, _ account: String, _ instId: String) -> [PaperExchange.Order] {
        h.server.orders(account: account).filter { $0.instId == instId && $0.state.rawValue == "filled" }
    }

    @Test func aOneWayShortStaysShortThroughSuperMaintenanceAndEveryReducingOrderIsReduceOnly() async throws {
        try await withShapes(manageMain: true) { h in
            let before = try #require(try await h.position(Self.mainETH))
            #expect(before.pos < 0 && before.direction == .short)
            let result = try await h.plannedRun(.maintenance, Self.mainETH)
            #expect(result.state == .completed, "\(result.summary)")
            #expect(result.countAfter == 1)
            let after = try #require(try await h.position(Self.mainETH))
            #expect(after.pos < 0, "the short must stay a short, found pos \(after.pos)")
            #expect(after.direction == .short)
            let orders = filled(h, "main", "ETH-USDT-SWAP")
            // The reopen sold; every buy (which can only reduce a short) was reduce-only.
            let opens = orders.filter { $0.side.rawValue == "sell" && !$0.reduceOnly }
            #expect(opens.count == 1)
            for order in orders where order.side.rawValue == "buy" {
                #expect(order.reduceOnly, "a buy on a one-way short must be reduce-only: \(order)")
            }
            #expect(orders.allSatisfy { $0.posSide.rawValue == "net" })
            // The follow-up correction trimmed the fresh short back towards 100 USDT with reduce-only buys.
            let follow = try #require(result.followUp.first)
            #expect(follow.state == .completed, "\(follow.summary)")
            #expect(orders.contains { $0.side.rawValue == "buy" && $0.reduceOnly && $0.category == "normal" })
        }
    }

    @Test func aOneWayShortIsCorrectedByReduceOnlyBuysAndNeverFlips() async throws {
        try await withShapes(manageMain: true) { h in
            let result = try await h.plannedRun(.correction, Self.mainETH)
            #expect(result.state == .completed, "\(result.summary)")
            let after = try #require(try await h.position(Self.mainETH))
            #expect(after.pos < 0)
            let buys = filled(h, "main", "ETH-USDT-SWAP").filter { $0.side.rawValue == "buy" }
            #expect(!buys.isEmpty, "315 USDT of notional is trimmed towards 100")
            #expect(buys.allSatisfy { $0.reduceOnly })
        }
    }

    @Test func watchedPositionsAreNeverPlannedAndNothingIsSent() async throws {
        try await withShapes { h in
            let cases: [(AnchorStore.PositionKey, String)] = [
                (
                    AnchorStore.PositionKey(
                        account: "Hedge01", instId: "BTC-USDT-SWAP", posSide: .long, mgnMode: .cross), "watched (cross)"
                ),
                (
                    AnchorStore.PositionKey(account: "Coin01", instId: "BTC-USD-SWAP", posSide: .long),
                    "watched (coin-margined (BTC))"
                ),
                (AnchorStore.PositionKey(account: "Usdc01", instId: "BTC-USDC-SWAP", posSide: .long), "watched (USDC)"),
                (Self.mainETH, "watched (account not managed)"),
                (AnchorStore.PositionKey(account: "main", instId: "LUNA-USDT-SWAP", posSide: .net), "watched ("),
            ]
            for (key, reason) in cases {
                let sentBefore = h.server.orders(account: key.account).count
                for kind in [ActionKind.correction, .maintenance] {
                    let plan = try await h.engine.runner.plan(kind, for: key)
                    #expect(plan.steps.isEmpty, "\(key): \(plan.steps)")
                    #expect(plan.blockers.first?.hasPrefix(reason) == true, "\(key): \(plan.blockers)")
                    let result = await h.engine.runner.run(plan, origin: .manual)
                    #expect(result.state == .refused)
                    #expect(result.actionId == nil, "nothing is journalled for a watched position")
                }
                #expect(h.server.orders(account: key.account).count == sentBefore, "\(key): an order was sent")
            }
            #expect(try h.store.eventCount() == 0)
        }
    }

    @Test func crossBesideIsolatedAreTwoRowsAndTheIsolatedOneIsAddressedByItsPosId() async throws {
        try await withShapes { h in
            let snapshot = await h.engine.poller.pollOnce()
            let rows = snapshot.positions.filter { $0.key.account == "Hedge01" && $0.key.instId == "BTC-USDT-SWAP" }
            #expect(rows.count == 2)
            #expect(Set(rows.map(\.key.mgnMode)) == [.isolated, .cross])
            #expect(Set(rows.map(\.position.posId)).count == 2)
            // Account, instrument and side name two positions: the command line lists them and asks.
            do {
                _ = try await h.engine.resolve(account: "Hedge01", instId: "BTC-USDT-SWAP", side: .long)
                Issue.record("an ambiguous position was resolved")
            } catch let ambiguous as AmbiguousPosition {
                #expect(ambiguous.positions.count == 2)
                #expect(ambiguous.description.contains("--pos-id"))
            }
            let isolated = try #require(rows.first { $0.key.mgnMode == .isolated })
            let key = try await h.engine.resolve(
                account: "Hedge01", instId: "BTC-USDT-SWAP", side: nil, posId: isolated.position.posId)
            #expect(key == isolated.key)
            // A correction of the isolated one leaves the cross one as it was.
            let crossRow = try #require(rows.first { $0.key.mgnMode == .cross })
            let cross = crossRow.position
            let result = try await h.plannedRun(.correction, key)
            #expect(result.state == .completed, "\(result.summary)")
            let crossAfter = try #require(try await h.position(crossRow.key))
            #expect(crossAfter.pos == cross.pos)
            #expect(crossAfter.posId == cross.posId)
        }
    }

    @Test func theAutopilotLeavesTheMainAccountAloneUnlessItIsManaged() async throws {
        for manageMain in [false, true] {
            let harness = try await SimHarness.start(manageMain: manageMain)
            let snapshot = await harness.engine.poller.pollOnce()
            let autopilot = harness.engine.makeAutopilot()
            await autopilot.arm()
            let started = await autopilot.consider(snapshot)
            await autopilot.drain()
            await autopilot.disarm()
            let onMain = started.filter { $0.0.account == "main" }
            if manageMain {
                #expect(!onMain.isEmpty, "manage = true hands the main account to the autopilot")
            } else {
                #expect(onMain.isEmpty, "the main account is watched by default: \(onMain.map(\.0))")
                #expect(!started.isEmpty, "the sub-accounts are still managed")
            }
            await harness.stop()
        }
    }

    @Test func aTrimThatNoLotCountCanBringIntoTheBandCompletesWithANoteNeverFailed() async throws {
        // A contract of 60 USDT: of 5, the nearest to 100 USDT is 2 (120 USDT), above the band 95–105.
        let coarse = PaperExchange.Instrument(
            instId: "XYZ-USDT-SWAP", ctVal: 1, lotSz: 1, minSz: 1, tickSz: dec("0.01"), maxLever: 50, maxMktSz: 1000,
            mmr: dec("0.01"), tier1MaxSz: 1000)
        let account = AccountKeys.account(name: "Coarse01", role: .sub)
        let scenario = Scenario(
            name: "coarse", instruments: [coarse], marks: ["XYZ-USDT-SWAP": 60],
            accounts: [
                ScenarioAccount(
                    account: account, cashBal: 500,
                    positions: [
                        ScenarioPosition(
                            instId: "XYZ-USDT-SWAP", posSide: .long, pos: 5, avgPx: 60, margin: 30, lever: 10)
                    ])
            ])
        let h = try await SimHarness.start(scenario: scenario)
        let key = AnchorStore.PositionKey(account: "Coarse01", instId: "XYZ-USDT-SWAP", posSide: .long)
        let result = try await h.plannedRun(.correction, key)
        #expect(result.state == .completed, "\(result.summary)")
        #expect(result.summary.contains("cannot be reached now"), "\(result.summary)")
        #expect(try await h.position(key)?.pos == 2)
        // Asked again, there is nothing more to do, and it says why rather than failing.
        let again = try await h.plannedRun(.correction, key)
        #expect(again.state == .completed, "\(again.summary)")
        await h.stop()
    }

    @Test func aLiquidationBeforeTheCloseStopsTheMaintenanceWithNothingOpenedOrCounted() async throws {
        let server = MutexBox<PaperExchangeServer?>(nil)
        let liquidateAtStart: @Sendable (String) throws -> Void = { checkpoint in
            guard checkpoint == Checkpoint.begun, let server = server.value else { return }
            try server.liquidate(account: "Plain01", instId: "CRO-USDT-SWAP", posSide: .long)
        }
        try await withShapes(checkpoint: liquidateAtStart) { h in
            _ = server.exchange(h.server)
            let result = try await h.plannedRun(.maintenance, Self.plainCRO)
            #expect(result.state == .refused, "\(result.summary)")
            #expect(result.summary.contains("liquidated"), "\(result.summary)")
            #expect(try h.store.maintenanceCount(Self.plainCRO) == 0)
            let ours = h.server.orders(account: "Plain01").filter {
                $0.instId == "CRO-USDT-SWAP" && $0.category == "normal"
            }
            #expect(ours.isEmpty, "no close and no open were sent: \(ours)")
            let kinds = try h.store.events(limit: 20).map(\.kind)
            #expect(kinds.contains(.positionGone))
        }
    }

    @Test func aMaintenanceKilledBeforeItsCloseThenLiquidatedResumesNothing() async throws {
        let crash = CrashOnce(at: Checkpoint.begun)
        try await withShapes(checkpoint: crash.hook) { h in
            let first = try await h.plannedRun(.maintenance, Self.plainCRO)
            #expect(crash.didFire)
            let actionId = try #require(first.actionId)
            _ = try h.store.interruptOrphans(at: Date()) { _ in false }
            try h.server.liquidate(account: "Plain01", instId: "CRO-USDT-SWAP", posSide: .long)
            let resumed = await h.restartedEngine().runner.resume(actionId: actionId)
            #expect(resumed.state == .failed, "\(resumed.summary)")
            #expect(resumed.summary.contains("liquidated"), "\(resumed.summary)")
            #expect(try h.store.maintenanceCount(Self.plainCRO) == 0)
            #expect(try await h.position(Self.plainCRO) == nil, "nothing was opened in its place")
            #expect(try h.store.unfinishedActions().isEmpty, "nothing is left to resume")
        }
    }

    @Test func aPositionAutoDeleveragedBetweenMarginStepsEndsTheCorrectionInPlainWords() async throws {
        let server = MutexBox<PaperExchangeServer?>(nil)
        let adlAfterFirstStep: @Sendable (String) throws -> Void = { checkpoint in
            guard checkpoint == Checkpoint.marginSent, let server = server.exchange(nil) else { return }
            try server.autoDeleverage(account: "Plain01", instId: "CRO-USDT-SWAP", posSide: .long)
        }
        try await withShapes(checkpoint: adlAfterFirstStep) { h in
            _ = server.exchange(h.server)
            try await h.holdMarkAtEntry(Self.plainCRO)
            let result = try await h.plannedRun(.correction, Self.plainCRO)
            #expect(result.state == .failed, "\(result.summary)")
            #expect(result.summary.contains("ADL"), "\(result.summary)")
            let events = try h.store.events(actionId: try #require(result.actionId))
            #expect(events.map(\.kind).contains(.positionGone))
            #expect(try await h.position(Self.plainCRO) == nil)
        }
    }
}
