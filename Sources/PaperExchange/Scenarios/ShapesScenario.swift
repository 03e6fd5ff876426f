import Foundation

extension BuiltInScenarios {
    /// The `shapes` scenario: every account shape okx/API.md §7 lists, for a client's first-day checks and tests.
    ///
    /// - `main`, one-way (net) mode: a BTC-USDT-SWAP long (+0.5) and an ETH-USDT-SWAP short (−1, negative `pos`),
    ///   both isolated; a SOL-USDT-SWAP cross long; a LUNA-USDT-SWAP long on a suspended instrument and an
    ///   FTT-USDT-SWAP short on a delisted (expired) one.
    /// - `Hedge01`, long/short mode: BTC-USDT-SWAP long in isolated AND in cross, two positions, two posIds.
    /// - `Coin01`: a coin-margined BTC-USD-SWAP isolated long (10 contracts = 1000 USD), margin in BTC, BTC cash.
    /// - `Usdc01`: a USDC-margined BTC-USDC-SWAP isolated long, USDC cash.
    /// - `Plain01`, long/short mode: ordinary isolated USDT positions, a CRO long with 20.29 of margin (above the
    ///   10 USDT band: a correction) and a DOGE short, with 600 USDT for a super maintenance (100 at 10x).
    package static var shapes: Scenario {
        let usdt = InstrumentCatalog.all
        var marks = InstrumentCatalog.marks
        for (instId, mark) in InstrumentCatalog.extraMarks { marks[instId] = mark }
        let main = ScenarioAccount(
            account: AccountKeys.account(name: "main", role: .main), cashBal: .literal("5000"),
            positions: [
                position("BTC-USDT-SWAP", .net, "0.5", "95665.2", margin: "47.84", age: 40),
                position("ETH-USDT-SWAP", .net, "-1", "3169.01", margin: "31.70", age: 80),
                position("SOL-USDT-SWAP", .net, "2", "137.40", margin: "0", age: 120, mgnMode: .cross),
                position("LUNA-USDT-SWAP", .net, "100", "0.5000", margin: "10", lever: 5, age: 300),
                position("FTT-USDT-SWAP", .net, "-20", "1.1500", margin: "4.6", lever: 5, age: 400),
            ], posMode: .net)
        let hedge = ScenarioAccount(
            account: AccountKeys.account(name: "Hedge01", role: .sub), cashBal: .literal("1000"),
            positions: [
                position("BTC-USDT-SWAP", .long, "1", "95000.0", margin: "95", age: 60),
                position("BTC-USDT-SWAP", .long, "1", "96100.0", margin: "0", age: 30, mgnMode: .cross),
            ])
        // 10 contracts of 100 USD at 95000, 10x: margin 1000/(95000·10) BTC.
        let coin = ScenarioAccount(
            account: AccountKeys.account(name: "Coin01", role: .sub), cashBal: 0,
            positions: [position("BTC-USD-SWAP", .long, "10", "95000.0", margin: "0.00105263", age: 90)],
            cash: ["BTC": .literal("0.05")])
        // 10 contracts of 0.0001 BTC at 95500, 10x: margin 9.55 USDC.
        let usdc = ScenarioAccount(
            account: AccountKeys.account(name: "Usdc01", role: .sub), cashBal: 0,
            positions: [position("BTC-USDC-SWAP", .long, "10", "95500.0", margin: "9.55", age: 70)],
            cash: ["USDC": .literal("500")])
        let plain = ScenarioAccount(
            account: AccountKeys.account(name: "Plain01", role: .sub), cashBal: .literal("600"),
            positions: [
                position("CRO-USDT-SWAP", .long, "108", "0.09259", margin: "20.29", age: 130),
                position("DOGE-USDT-SWAP", .short, "0.49", "0.15915", margin: "10.14", age: 150),
            ])
        return Scenario(
            name: "shapes", instruments: usdt + InstrumentCatalog.extras, marks: marks,
            accounts: [main, hedge, coin, usdc, plain])
    }

    private static func position(
        _ instId: String, _ side: PositionSide, _ pos: String, _ avgPx: String, margin: String, lever: Decimal = 10,
        age: Int, mgnMode: MarginMode = .isolated
    ) -> ScenarioPosition {
        ScenarioPosition(
            instId: instId, posSide: side, pos: .literal(pos), avgPx: .literal(avgPx), margin: .literal(margin),
            lever: lever, ageMinutes: age, mgnMode: mgnMode)
    }
}
