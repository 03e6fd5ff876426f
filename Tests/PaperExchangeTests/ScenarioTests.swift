import Foundation
import LoopbackClient
import PaperExchange
import Testing

/// The built-in scenarios hold what DESIGN.md promises, and scenario files load.
@Suite struct ScenarioTests {
    @Test func theDemoMainAccountHoldsTwelveLongsAndTenShorts() throws {
        let demo = BuiltInScenarios.demo
        try demo.validate()
        let main = try #require(demo.accounts.first)
        #expect(main.account.role == .main)
        #expect(main.positions.count == 22)
        #expect(main.positions.filter { $0.posSide == .long }.count == 12)
        #expect(main.positions.filter { $0.posSide == .short }.count == 10)
    }

    @Test func theDemoHasNineSubAccountsWithTenPositionsAmongThemWu666666() throws {
        let subs = BuiltInScenarios.demo.accounts.filter { $0.account.role == .sub }
        #expect(subs.count == 9)
        #expect(subs.reduce(0) { $0 + $1.positions.count } == 10)
        let wu = try #require(subs.first { $0.account.name == "Wu666666" })
        let apt = try #require(wu.positions.first { $0.instId == "APT-USDT-SWAP" })
        #expect(apt.posSide == .long)
        #expect(apt.pos == 18)
        #expect(apt.margin == Decimal.literal("30.82"))
        let cro = try #require(wu.positions.first { $0.instId == "CRO-USDT-SWAP" })
        #expect(cro.posSide == .long)
        #expect(cro.pos == 108)
        #expect(cro.margin == Decimal.literal("20.29"))
        #expect(cro.lever == 10)
        let notional = cro.pos * 10 * cro.avgPx
        #expect(abs(notional - 100) < 1)
    }

    @Test func theDemoShowsProfitRatesJustAboveAndAtOrBelowTheMaintenanceTrigger() {
        let state = ExchangeState(scenario: BuiltInScenarios.demo, startMs: t0)
        let ratios = state.books.indices.flatMap { book in
            state.positions(book: book).compactMap { state.metrics(of: $0)?.uplRatio }
        }
        #expect(ratios.count == 32)
        #expect(ratios.contains { $0 > Decimal.literal("-0.10") && $0 < Decimal.literal("-0.09") })
        #expect(ratios.contains { $0 <= Decimal.literal("-0.10") })
        #expect(ratios.allSatisfy { abs($0) < Decimal.literal("0.2") })
    }

    @Test func everyDemoAccountCanAffordAMaintenanceThatOpensAHundredOfMargin() {
        for entry in BuiltInScenarios.demo.accounts {
            #expect(entry.cashBal >= 300, "\(entry.account.name)")
            #expect(entry.cashBal <= 5000, "\(entry.account.name)")
        }
    }

    @Test func demoKeysAreDerivedFromTheNameAndDistinct() {
        let accounts = BuiltInScenarios.demo.accounts.map(\.account)
        #expect(Set(accounts.map(\.apiKey)).count == accounts.count)
        let wu = accounts.first { $0.name == "Wu666666" }
        #expect(wu?.apiKey == AccountKeys.apiKey(for: "Wu666666"))
        #expect(wu?.secretKey == AccountKeys.secretKey(for: "Wu666666"))
        #expect(wu?.passphrase == AccountKeys.passphrase(for: "Wu666666"))
        #expect(wu?.apiKey.count == 36)
        #expect(wu?.secretKey.count == 32)
        #expect(!(wu?.description.contains(wu?.secretKey ?? "-") ?? true))
    }

    @Test(arguments: [1, 25, 200])
    func aGeneratedFleetHasTheAskedSubAccountsWithThreeValidPositionsEach(count: Int) throws {
        let scenario = BuiltInScenarios.generated(subAccounts: count)
        try scenario.validate()
        #expect(scenario.accounts.count == count + 1)
        #expect(scenario.accounts.dropFirst().allSatisfy { $0.positions.count == 3 })
        let state = ExchangeState(scenario: scenario, startMs: t0)
        // Nothing starts beyond its liquidation price, so every position is still open after the first step.
        #expect(state.books.dropFirst().allSatisfy { $0.positions.count == 3 })
        #expect(
            state.books.allSatisfy { book in
                book.positions.values.allSatisfy { state.metrics(of: $0)?.mgnRatio ?? 0 > 1 }
            })
    }

    /// `sim --accounts 10 --positions 10`, the idle benchmark's fleet: the demo name sizes a generated one.
    @Test func theDemoNameWithASizeGivesAGeneratedFleetOfThatSize() throws {
        let scenario = try #require(BuiltInScenarios.named("demo", accounts: 10, positionsPerAccount: 10))
        try scenario.validate()
        #expect(scenario.accounts.count == 11)
        #expect(scenario.accounts.dropFirst().allSatisfy { $0.positions.count == 10 })
        #expect(
            BuiltInScenarios.named("demo", accounts: 4)?.accounts.dropFirst().allSatisfy { $0.positions.count == 3 }
                == true)
        #expect(BuiltInScenarios.named("demo")?.name == BuiltInScenarios.demo.name)
    }

    @Test func aScenarioFileLoadsWithCatalogInstrumentsDerivedKeysAndExplicitPositions() throws {
        let json = """
            {"name": "two", "instruments": ["SOL-USDT-SWAP", {"instId": "FOO-USDT-SWAP", "ctVal": 10, "lotSz": "1",
              "tickSz": "0.0001", "lever": 20}],
             "marks": {"SOL-USDT-SWAP": "102.43", "FOO-USDT-SWAP": 0.5},
             "accounts": [
               {"name": "main", "role": "main", "cashBal": "1000", "positions": [
                 {"instId": "SOL-USDT-SWAP", "posSide": "long", "pos": "10", "avgPx": "102.43", "margin": "102.43",
                  "lever": 10}]},
               {"name": "sub1", "role": "sub", "cashBal": 500, "apiKey": "my-key"}]}
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).json")
            .path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scenario = try ScenarioFile.load(path: path)
        #expect(scenario.name == "two")
        #expect(scenario.instruments.map(\.instId) == ["SOL-USDT-SWAP", "FOO-USDT-SWAP"])
        #expect(scenario.marks["FOO-USDT-SWAP"] == Decimal.literal("0.5"))
        #expect(scenario.accounts[0].account.apiKey == AccountKeys.apiKey(for: "main"))
        #expect(scenario.accounts[1].account.apiKey == "my-key")
        #expect(scenario.accounts[0].positions.first?.margin == Decimal.literal("102.43"))
    }

    @Test(arguments: [
        "{}", "{\"accounts\": []}", "{\"accounts\": [{\"name\": \"a\", \"cashBal\": \"12abc\"}]}",
        #"{"accounts": [{"name": "a", "positions": [{"instId": "NOPE-USDT-SWAP", "posSide": "long", "pos": 1, "#
            + #""avgPx": 1, "margin": 1, "lever": 1}]}]}"#,
        "{\"accounts\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}",
    ])
    func aBrokenScenarioFileIsRefusedWithAReason(json: String) {
        #expect(throws: ScenarioError.self) { _ = try ScenarioFile.parse(Array(json.utf8)) }
    }

    @Test func twoExchangesGetTheirOwnPortsAndAStoppedOneRefusesConnections() async throws {
        let first = try await PaperExchangeServer.start(scenario: BuiltInScenarios.empty)
        let second = try await PaperExchangeServer.start(scenario: BuiltInScenarios.empty)
        #expect(first.port != second.port)
        #expect(first.baseURL == "http://127.0.0.1:\(first.port)")
        await first.stop()
        let client = LoopbackHTTPClient(port: first.port, timeoutMs: 2_000)
        await #expect(throws: LoopbackHTTPClient.Failure.self) {
            _ = try await client.send(method: "GET", target: "/api/v5/public/time")
        }
        let alive = try await LoopbackHTTPClient(port: second.port).send(method: "GET", target: "/api/v5/public/time")
        #expect(alive.status == 200)
        await second.stop()
    }

    @Test func startingOnAPortInUseFailsInsteadOfHanging() async throws {
        let first = try await PaperExchangeServer.start(scenario: BuiltInScenarios.empty)
        var options = PaperExchangeOptions()
        options.port = first.port
        await #expect(throws: (any Error).self) {
            let second = try await PaperExchangeServer.start(scenario: BuiltInScenarios.empty, options: options)
            await second.stop()
        }
        await first.stop()
    }
}
