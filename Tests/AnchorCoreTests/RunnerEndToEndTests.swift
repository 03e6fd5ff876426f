import AnchorCore
import AnchorStore
import Foundation
import OKX
import PaperExchange
import TestSupport
import Testing

/// The engine against the paper exchange over real HTTP: the demo's CRO and APT cases and the rules they prove.
@Suite(.serialized) struct RunnerEndToEndTests {
    @Test func croMarginComesIntoItsBandInOneCorrectionBackToBack() async throws {
        try await withHarness { h in
            try await h.holdMarkAtEntry(wuCRO)
            #expect(try await h.position(wuCRO)?.margin == Decimal(string: "20.29"))
            let plan = try await h.engine.runner.plan(.correction, for: wuCRO)
            let result = await h.engine.runner.run(plan, origin: .manual)
            #expect(result.state == .completed, "\(result.summary)")
            let margin = try #require(try await h.position(wuCRO)?.margin)
            #expect(inBand.contains(margin), "margin \(margin)")
            // With still marks the run does exactly what the confirmed plan showed.
            #expect(margin == plan.expected.margin)
            let steps = try h.store.steps(actionId: try #require(result.actionId))
            #expect(steps.allSatisfy { $0.kind == .reduceMargin && $0.state == .ok })
            #expect(steps.compactMap(\.amountValue).allSatisfy { $0 <= 5 })
            #expect(steps.count >= 2)
            let kinds = try h.store.events(actionId: try #require(result.actionId)).map(\.kind)
            #expect(kinds.filter { $0 == .marginReduce }.count == steps.count)
            #expect(kinds.last == .correction)
        }
    }

    @Test func aptMaintenanceClosesThenOpensThenCountsOnceThenCorrects() async throws {
        try await withHarness { h in
            #expect(try h.store.maintenanceCount(wuAPT) == 0)
            let result = try await h.plannedRun(.maintenance, wuAPT)
            #expect(result.state == .completed, "\(result.summary)")
            #expect(result.countAfter == 1)
            #expect(try h.store.maintenanceCount(wuAPT) == 1)
            // The exchange's own order history: the close came before the only open.
            let orders = h.server.orders(account: "Wu666666").filter { $0.instId == "APT-USDT-SWAP" }
            let closeIndex = try #require(
                orders.firstIndex { $0.side.rawValue == "sell" && $0.state.rawValue == "filled" })
            let opens = orders.enumerated().filter {
                $0.element.side.rawValue == "buy" && $0.element.state.rawValue == "filled"
            }
            #expect(opens.count == 1)
            #expect(closeIndex < (opens.first?.offset ?? -1))
            // Then the correction brought it into its band for count 1.
            let follow = try #require(result.followUp.first)
            #expect(follow.state == .completed, "\(follow.summary)")
            let after = try #require(try await h.position(wuAPT))
            #expect(inBand.contains(after.margin ?? 0), "margin \(after.margin ?? 0)")
            // The history holds every step.
            let kinds = try h.store.events(limit: 100).map(\.kind)
            #expect(kinds.contains(.maintenanceClose))
            #expect(kinds.filter { $0 == .maintenance }.count == 1)
            #expect(kinds.contains(.trim))
            #expect(kinds.last == .correction)
        }
    }

    @Test func a51008OnTheOpenLeavesALoudInterruptedActionThatResumeCompletes() async throws {
        try await withHarness { h in
            h.server.arm(SimFault(.refuseOpen, account: "Wu666666"))
            let result = try await h.plannedRun(.maintenance, wuAPT)
            #expect(result.state == .interrupted)
            #expect(result.errorCode == "51008")
            #expect(result.summary.hasPrefix("closed, not reopened"))
            #expect(try await h.position(wuAPT) == nil, "closed")
            let held = try #require(try h.store.unfinishedActions().first)
            #expect(held.state == .interrupted)
            #expect(try h.store.events(actionId: held.id).last?.kind == .interrupted)
            // The snapshot shows it loudly even though the position is gone.
            let snapshot = await h.engine.poller.pollOnce()
            #expect(snapshot.position(wuAPT)?.status == .interrupted)
            let resumed = await h.engine.runner.resume(actionId: held.id)
            #expect(resumed.state == .completed, "\(resumed.summary)")
            #expect(try h.store.maintenanceCount(wuAPT) == 1)
            #expect(h.openingOrders(wuAPT).count == 1)
        }
    }

    @Test func a59301HalvesTheStepAndStillReachesTheBand() async throws {
        try await withHarness { h in
            try await h.holdMarkAtEntry(wuCRO)
            h.server.arm(SimFault(.refuseReduce, account: "Wu666666", count: 2))
            let result = try await h.plannedRun(.correction, wuCRO)
            #expect(result.state == .completed, "\(result.summary)")
            let margin = try #require(try await h.position(wuCRO)?.margin)
            #expect(inBand.contains(margin))
            let steps = try h.store.steps(actionId: try #require(result.actionId))
            let refused = steps.filter { $0.errorCode == "59301" }
            #expect(refused.count == 2)
            // 5 refused, then 2.5 refused, then steps of at most 1.25.
            #expect(refused.compactMap(\.amountValue) == [5, Decimal(string: "2.5")!])
            #expect(
                steps.filter { $0.state == .ok }.compactMap(\.amountValue).allSatisfy { $0 <= Decimal(string: "1.25")! }
            )
        }
    }

    @Test func aReductionOKXRefusesDownToACentIsReportedPlainly() async throws {
        try await withHarness { h in
            try await h.holdMarkAtEntry(wuCRO)
            h.server.arm(SimFault(.refuseReduce, account: "Wu666666", count: 100))
            let result = try await h.plannedRun(.correction, wuCRO)
            #expect(result.state == .refused)
            #expect(result.summary.contains("refused to reduce even 0.01 USDT (59301)"))
            #expect(try await h.position(wuCRO)?.margin == Decimal(string: "20.29"))
        }
    }

    @Test func aSecondActionOnTheSamePositionIsRefusedWhileTheFirstRuns() async throws {
        // The first action says when it holds the position: its `begun` checkpoint comes after the journal row and
        // the runner's reservation, before its first request. The second starts then, not after a guessed sleep,
        // and finds the first waiting on the exchange (60 ms a reply, several replies to go).
        let (holding, signal) = AsyncStream.makeStream(of: Void.self)
        let hook: @Sendable (String) throws -> Void = { name in
            if name == Checkpoint.begun { signal.yield() }
        }
        let slow = {
            var o = PaperExchangeOptions(); o.latencyMs = 60; return o
        }()
        try await withHarness(options: slow, checkpoint: hook) { h in
            try await h.holdMarkAtEntry(wuCRO)
            let plan = try await h.engine.runner.plan(.correction, for: wuCRO)
            let first = Task {
                let result = await h.engine.runner.run(plan, origin: .manual)
                signal.finish()  // so that a first action that never began fails the test instead of hanging it
                return result
            }
            var begun = holding.makeAsyncIterator()
            #expect(await begun.next() != nil, "the first action began")
            let second = await h.engine.runner.run(plan, origin: .autopilot)
            #expect(second.state == .refused)
            #expect(second.summary.contains("already running"))
            #expect(await first.value.state == .completed)
        }
    }

    @Test func aPlanForAChangedPositionIsRefusedAndNothingIsSent() async throws {
        try await withHarness { h in
            try await h.holdMarkAtEntry(wuCRO)
            let plan = try await h.engine.runner.plan(.correction, for: wuCRO)
            // Someone else takes 3 USDT out before the plan is confirmed.
            _ = try await h.engine.clients["Wu666666"]!.adjustMargin(
                instId: "CRO-USDT-SWAP", posSide: .long, type: .reduce, amount: 3)
            let result = await h.engine.runner.run(plan, origin: .manual)
            #expect(result.state == .refused)
            #expect(result.summary.contains("the position changed since the plan was made"))
            #expect(try h.store.steps(actionId: try #require(result.actionId)).isEmpty)
        }
    }
}
