import Foundation
import PaperExchange
import Testing

/// The `shapes` scenario and the scenario-file fields behind it.
@Suite struct ShapesScenarioTests {
    @Test func shapesIsABuiltInScenarioHoldingEveryShape() throws {
        #expect(BuiltInScenarios.names.contains("shapes"))
        let shapes = try #require(BuiltInScenarios.named("shapes"))
        try shapes.validate()
        let accounts = Dictionary(uniqueKeysWithValues: shapes.accounts.map { ($0.account.name, $0) })
        let main = try #require(accounts["main"])
        #expect(main.posMode == .net)
        #expect(main.positions.contains { $0.posSide == .net && $0.pos < 0 && $0.mgnMode == .isolated })
        let hedge = try #require(accounts["Hedge01"])
        let btc = hedge.positions.filter { $0.instId == "BTC-USDT-SWAP" && $0.posSide == .long }
        #expect(Set(btc.map(\.mgnMode)) == [.isolated, .cross])
        #expect(accounts["Coin01"]?.cash["BTC"] == d("0.05"))
        #expect(accounts["Coin01"]?.positions.first?.instId == "BTC-USD-SWAP")
        #expect(accounts["Usdc01"]?.cash["USDC"] == d("500"))
        let plain = try #require(accounts["Plain01"])
        #expect(plain.posMode == .longShort)
        #expect(plain.cashBal >= 200)
        #expect(plain.positions.contains { $0.margin > d("10.5") })
        let suspended = shapes.instruments.filter { $0.state == "suspend" }.map(\.instId)
        #expect(shapes.accounts.contains { $0.positions.contains { suspended.contains($0.instId) } })
    }

    @Test func theDemoIsUnchangedByTheNewShapes() {
        let demo = BuiltInScenarios.demo
        #expect(demo.instruments == InstrumentCatalog.all)
        #expect(demo.instruments.allSatisfy { $0.ctType == .linear && $0.settleCcy == "USDT" && $0.state == "live" })
        #expect(demo.accounts.allSatisfy { $0.posMode == .longShort && $0.cash.isEmpty })
        #expect(demo.accounts.allSatisfy { $0.positions.allSatisfy { $0.mgnMode == .isolated } })
    }

    @Test func aScenarioFileExpressesEveryNewField() throws {
        let text = """
            {"name": "file-shapes",
             "instruments": ["BTC-USDT-SWAP", "BTC-USD-SWAP",
               {"instId": "XYZ-USD-SWAP", "ctVal": "10", "lotSz": "1", "tickSz": "0.01", "lever": "20",
                "ctType": "inverse", "state": "suspend", "fundingRate": "-0.0002"}],
             "marks": {"XYZ-USD-SWAP": "5"},
             "accounts": [
               {"name": "main", "role": "main", "cashBal": "100", "posMode": "net_mode", "cash": {"BTC": "0.5"},
                "acctLv": "2", "perm": "read_only", "ip": "127.0.0.1,10.0.0.2", "keyEnvironment": "demo",
                "positions": [
                  {"instId": "BTC-USDT-SWAP", "pos": "-2", "avgPx": "95000", "margin": "19", "lever": "10"},
                  {"instId": "BTC-USD-SWAP", "posSide": "net", "pos": "3", "avgPx": "95000", "lever": "10",
                   "mgnMode": "cross"}]},
               {"name": "sub1", "acctLv": "1", "ip": ["127.0.0.1"]}]}
            """
        let scenario = try ScenarioFile.parse(Array(text.utf8))
        let xyz = try #require(scenario.instruments.first { $0.instId == "XYZ-USD-SWAP" })
        #expect(xyz.ctType == .inverse)
        #expect(xyz.settleCcy == "XYZ")
        #expect(xyz.ctValCcy == "USD")
        #expect(xyz.state == "suspend")
        #expect(xyz.fundingRate == d("-0.0002"))
        let main = scenario.accounts[0]
        #expect(main.posMode == .net)
        #expect(main.cash == ["BTC": d("0.5")])
        #expect(main.account.perm == "read_only")
        #expect(main.account.ipAllowList == ["127.0.0.1", "10.0.0.2"])
        #expect(main.account.keyEnvironment == .demo)
        #expect(main.positions.map(\.pos) == [-2, 3])
        #expect(main.positions.map(\.mgnMode) == [.isolated, .cross])
        #expect(scenario.accounts[1].account.acctLv == "1")
        #expect(scenario.accounts[1].account.ipAllowList == ["127.0.0.1"])
        let state = ExchangeState(scenario: scenario, startMs: t0)
        #expect(state.position("BTC-USDT-SWAP", .isolated, .net)?.direction == .short)
    }

    @Test func aNetModeAccountMustNotHoldLongShortSides() {
        var scenario = BuiltInScenarios.shapes
        scenario.accounts[0].positions[0].posSide = .long
        #expect(throws: ScenarioError.self) { try scenario.validate() }
        var crossed = BuiltInScenarios.shapes
        crossed.accounts[1].posMode = .net
        #expect(throws: ScenarioError.self) { try crossed.validate() }
    }
}
