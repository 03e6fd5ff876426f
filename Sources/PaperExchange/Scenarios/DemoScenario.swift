import Foundation

extension BuiltInScenarios {
    /// The `demo` scenario (DESIGN.md "The paper exchange"): a main account with 22 isolated positions (12 long,
    /// 10 short) and 9 sub-accounts holding 10 positions, among them `Wu666666` with a long APT-USDT-SWAP
    /// (18 contracts, margin 30.82) and a long CRO-USDT-SWAP (108 contracts, margin 20.29, lever 10, notional about
    /// 100 USDT: its opening margin is 9.99972, so 10.29028 is reducible while upl ≥ 0). Profit rates sit near the
    /// −10% maintenance trigger on several positions (−9.52%, −9.19%, −9.79% just above it; −10.30%, −10.18%,
    /// −12.40% at or below it). Every account has enough cash for a maintenance that opens 100 USDT of margin.
    package static var demo: Scenario {
        let mainPositions = [
            p("BTC", .long, "0.50", "95665.2", "47.84", 10, 37),  // uplRatio 3.50%
            p("ETH", .long, "1.00", "3163.29", "37.96", 10, 74),  // uplRatio -4.20%
            p("SOL", .long, "2.00", "137.40", "27.48", 10, 111),  // uplRatio 8.01%
            p("DOGE", .long, "0.99", "0.15972", "15.82", 10, 148),  // uplRatio -9.52%
            p("XRP", .long, "0.99", "2.0599", "30.59", 10, 185),  // uplRatio 2.48%
            p("ADA", .long, "2.9", "0.4205", "12.20", 10, 222),  // uplRatio -5.95%
            p("LINK", .long, "9.9", "13.699", "17.64", 10, 259),  // uplRatio 11.02%
            p("AVAX", .long, "9.9", "13.59", "13.46", 10, 296),  // uplRatio -10.30%
            p("LTC", .long, "1.9", "81.95", "15.58", 10, 333),  // uplRatio 5.49%
            p("DOT", .long, "49.7", "2.156", "21.44", 10, 370),  // uplRatio -2.78%
            p("BCH", .long, "5.0", "516.39", "25.82", 10, 407),  // uplRatio 6.99%
            p("SUI", .long, "49", "2.1532", "11.61", 10, 444),  // uplRatio -1.49%
            p("BTC", .short, "0.30", "95808.4", "28.75", 10, 481),  // uplRatio -2.00%
            p("ETH", .short, "0.60", "3169.01", "19.02", 10, 518),  // uplRatio 6.00%
            p("SOL", .short, "0.99", "137.81", "20.47", 10, 555),  // uplRatio -5.01%
            p("TRX", .short, "0.3", "0.28263", "8.48", 10, 592),  // uplRatio 4.00%
            p("UNI", .short, "14.8", "7.184", "10.64", 10, 629),  // uplRatio -9.19%
            p("FIL", .short, "297.8", "2.357", "8.43", 10, 666),  // uplRatio 2.97%
            p("ATOM", .short, "29.8", "3.188", "9.51", 10, 703),  // uplRatio 11.92%
            p("NEAR", .short, "4.9", "2.420", "11.86", 10, 740),  // uplRatio -12.40%
            p("OP", .short, "200", "0.5506", "22.03", 10, 777),  // uplRatio 1.09%
            p("TON", .short, "49", "1.8435", "9.04", 10, 814),  // uplRatio -3.53%
        ]
        var accounts = [
            ScenarioAccount(
                account: AccountKeys.account(name: "main", role: .main), cashBal: .literal("5000"),
                positions: mainPositions)
        ]
        accounts.append(
            ScenarioAccount(
                account: AccountKeys.account(name: "Wu666666", role: .sub), cashBal: .literal("300"),
                positions: [
                    // uplRatio −4.57%: opening margin 8.6616, so about 21.8 is reducible.
                    p("APT", .long, "18", "4.812", "30.82", 10, 1200),
                    // uplRatio −0.97%: upl −0.0972, so reducing 10.29 at once is refused and two 5s are allowed.
                    p("CRO", .long, "108", "0.09259", "20.29", 10, 1300),
                ]))
        accounts += [
            sub("Li888888", cash: "620", [p("XRP", .long, "0.49", "2.0733", "10.16", 10, 851)]),  // uplRatio -4.00%
            sub("Zhang2024", cash: "480", [p("DOGE", .short, "0.49", "0.15915", "10.14", 10, 888)]),  // uplRatio 5.97%
            sub("Chen8866", cash: "1250", [p("LINK", .long, "7.9", "13.987", "11.05", 10, 925)]),  // uplRatio -9.79%
            sub("Wang5566", cash: "360", [p("SOL", .long, "0.99", "138.09", "13.68", 10, 962)]),  // uplRatio 2.97%
            sub("Liu9999", cash: "900", [p("AVAX", .short, "6.9", "13.42", "9.26", 10, 999)]),  // uplRatio -2.24%
            sub("Zhao1688", cash: "2000", [p("ARB", .long, "30.0", "0.2973", "8.92", 10, 1036)]),  // uplRatio 9.08%
            sub("Sun7788", cash: "540", [p("LTC", .short, "0.9", "81.57", "7.35", 10, 1073)]),  // uplRatio -10.18%
            sub("Zhou3366", cash: "750", [p("ADA", .long, "1.9", "0.4172", "19.82", 10, 1110)]),  // uplRatio 1.92%
        ]
        return Scenario(
            name: "demo", instruments: InstrumentCatalog.all, marks: InstrumentCatalog.marks, accounts: accounts)
    }

    private static func p(
        _ base: String, _ side: PositionSide, _ pos: String, _ avgPx: String, _ margin: String, _ lever: Decimal,
        _ ageMinutes: Int
    ) -> ScenarioPosition {
        ScenarioPosition(
            instId: base + "-USDT-SWAP", posSide: side, pos: .literal(pos), avgPx: .literal(avgPx),
            margin: .literal(margin), lever: lever, ageMinutes: ageMinutes)
    }

    private static func sub(_ name: String, cash: String, _ positions: [ScenarioPosition]) -> ScenarioAccount {
        ScenarioAccount(
            account: AccountKeys.account(name: name, role: .sub), cashBal: .literal(cash), positions: positions)
    }
}
