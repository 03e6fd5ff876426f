import AnchorStore
import Foundation
import OKX
import TestSupport
import Testing

@testable import AnchorCore
@testable import AnchorTUI

/// Random account shapes, as the real OKX may send them: either position mode, cross beside isolated, USDT, USDC and
/// coin-margined swaps, the same position twice, fields empty or missing. Whatever comes, the snapshot, the frame
/// and the planner hold: nothing crashes, a watched position is never planned, and no planned order could open or
/// flip the position it was meant to reduce.
@Suite struct AccountShapesPropertyTests {
    static let instruments: [String: Instrument] = [
        "CRO-USDT-SWAP": Build.cro, "APT-USDT-SWAP": Build.apt, "BTC-USDT-SWAP": Build.btc,
        "BTC-USD-SWAP": Build.btcInverse, "BTC-USDC-SWAP": Build.btcUSDC,
    ]
    static let marks: [String: Decimal] = [
        "CRO-USDT-SWAP": dec("0.0926"), "APT-USDT-SWAP": dec("5.5"), "BTC-USDT-SWAP": 60000, "BTC-USD-SWAP": 60000,
        "BTC-USDC-SWAP": 60000, "GONE-USDT-SWAP": 3,
    ]

    /// One random position object, fields as OKX sends them or damaged in the ways real replies are.
    static func randomObject(_ rng: inout SeededGenerator, oneWay: Bool) -> [String: JSONValue] {
        let instId = marks.keys.sorted().randomElement(using: &rng)!
        let mark = marks[instId]!
        let inverse = instId == "BTC-USD-SWAP"
        let mode = ["isolated", "isolated", "cross", "", "portfolio"].randomElement(using: &rng)!
        let size = Decimal(Int.random(in: 1...3000, using: &rng))
        let short = Bool.random(using: &rng)
        let pos: Decimal = oneWay && short ? -size : size
        let posSide = oneWay ? "net" : (short ? "short" : "long")
        let entry = (mark * Decimal(Double.random(in: 0.8...1.2, using: &rng))).rounded(scale: 4)
        let ccy = inverse ? "BTC" : (instId == "BTC-USDC-SWAP" ? "USDC" : "USDT")
        var object: [String: JSONValue] = [
            "instId": .string(instId), "instType": .string("SWAP"), "mgnMode": .string(mode),
            "posSide": .string(posSide), "pos": .string(pos.description), "avgPx": .string(entry.description),
            "markPx": .string(mark.description),
            "lever": .string(["3", "10", "10.0", "20"].randomElement(using: &rng)!),
            "margin": .string(mode == "cross" ? "" : (inverse ? "0.0003" : "\(Int.random(in: 1...300, using: &rng))")),
            "imr": .string(mode == "cross" ? "12.5" : ""), "upl": .string(Bool.random(using: &rng) ? "-1.25" : "0.5"),
            "uplRatio": .string(["-0.12", "-0.05", "0.03", ""].randomElement(using: &rng)!),
            "mmr": .string(["0.4", ""].randomElement(using: &rng)!),
            "liqPx": .string(["", "1.5"].randomElement(using: &rng)!),
            "ccy": .string(ccy), "posId": .string(String(Int.random(in: 1...40, using: &rng))),
            "notionalUsd": .string("100"), "closeOrderAlgo": .array([]), "someNewKey": .string("x"),
        ]
        // Fields a real reply may leave out or send empty.
        for field in ["markPx", "avgPx", "upl", "uplRatio", "lever", "mmr", "ccy", "posId", "mgnMode", "instType"]
        where Int.random(in: 0..<12, using: &rng) == 0 {
            if Bool.random(using: &rng) { object[field] = nil } else { object[field] = .string("") }
        }
        return object
    }

    static func randomReadings(_ rng: inout SeededGenerator) -> [AccountReading] {
        (0..<Int.random(in: 1...4, using: &rng)).map { index in
            let oneWay = Bool.random(using: &rng)
            var positions: [Position] = []
            for _ in 0..<Int.random(in: 0...7, using: &rng) {
                let object = randomObject(&rng, oneWay: oneWay)
                guard let position = try? Position(fields: OKXFields(.object(object))) else { continue }
                positions.append(position)
                // The same position twice, as a broken reply could send it.
                if Int.random(in: 0..<6, using: &rng) == 0 { positions.append(position) }
            }
            return AccountReading(
                name: index == 0 ? "main" : "sub\(index)", role: index == 0 ? .main : .sub,
                managed: Bool.random(using: &rng), positions: positions, fetchedAt: DemoFixture.start,
                latency: .milliseconds(50))
        }
    }

    @Test func snapshotsFramesAndPlansHoldOnEveryShape() {
        var rng = SeededGenerator(seed: 13)
        var planned = 0
        var watched = 0
        for round in 0..<600 {
            let readings = Self.randomReadings(&rng)
            let snapshot = SnapshotBuilder.build(
                generation: round + 1, now: DemoFixture.start, readings: readings, instruments: Self.instruments,
                counts: [:], holds: [:], policy: .houseDefault, staleAfter: 10)
            // Totals never add one currency into another.
            let usdtPnL = readings.flatMap { reading in
                reading.positions.filter { position in
                    position.isOpen
                        && (position.ccy ?? Self.instruments[position.instId]?.settleCcy ?? "USDT") == "USDT"
                }.compactMap(\.upl)
            }.reduce(0, +)
            #expect(snapshot.totals.combinedPnL.usdt == usdtPnL)

            var state = AppState(
                settings: DashboardSettings(environment: .demo, timeZone: DemoFixture.utc), language: .en,
                themeName: "default", size: TerminalSize(rows: 40, cols: 120), now: DemoFixture.start)
            _ = Dashboard.update(&state, .snapshot(snapshot))
            for size in [TerminalSize(rows: 40, cols: 120), TerminalSize(rows: 24, cols: 80)] {
                state.size = size
                _ = Dashboard.render(state)
                _ = Dashboard.update(&state, .key(.down))
                _ = Dashboard.update(&state, .key(.enter))
                _ = Dashboard.render(state)
                _ = Dashboard.update(&state, .key(.escape))
            }

            for view in snapshot.positions {
                guard let instrument = view.instrument else { continue }
                let reading = readings.first { $0.name == view.key.account }!
                let input = PlanInput(
                    key: view.key, position: view.position, instrument: instrument, maintenanceCount: 0,
                    availableBalance: 1000, policy: .houseDefault, accountManaged: reading.managed)
                for plan in [Planner.correction(input), Planner.maintenance(input)] {
                    if !view.isManaged {
                        watched += 1
                        #expect(plan.steps.isEmpty, "a watched position was planned: \(view.position)")
                        #expect(!plan.isRunnable)
                        continue
                    }
                    if !plan.steps.isEmpty { planned += 1 }
                    Self.expectSafeDirections(plan, view.position)
                }
            }
        }
        #expect(planned > 100, "the shapes must include managed positions that get plans")
        #expect(watched > 100)
    }

    /// Every trim reduces, in the position's own direction and for less than it holds; a reopen goes the same way.
    static func expectSafeDirections(_ plan: Plan, _ position: Position) {
        guard let direction = position.direction else {
            #expect(plan.steps.isEmpty)
            return
        }
        #expect(plan.basis.direction == direction)
        var held = position.size
        for step in plan.steps {
            switch step {
            case .trim(let contracts, _, let trimDirection):
                #expect(trimDirection == direction)
                #expect(contracts < held, "a trim of \(contracts) would close or flip \(held)")
                held -= contracts
            case .open(_, _, _, let openDirection):
                #expect(openDirection == direction, "a maintenance reopened the other way")
            default:
                break
            }
        }
    }
}
