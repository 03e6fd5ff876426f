import Foundation
import PaperExchange

/// Every catalog instrument, the extra shapes (inverse, USDC, suspended, delisted) included.
let everyInstrument = InstrumentCatalog.all + InstrumentCatalog.extras

/// A scenario account named `name` (the first one is the main account).
func holder(
    _ name: String = "main", cash: String = "1000", posMode: PositionMode = .longShort,
    other: [String: String] = [:], positions: [ScenarioPosition] = []
) -> ScenarioAccount {
    ScenarioAccount(
        account: AccountKeys.account(name: name, role: name == "main" ? .main : .sub), cashBal: d(cash),
        positions: positions, posMode: posMode, cash: other.mapValues(d))
}

/// A state over every instrument with the given accounts; marks from the catalog unless overridden.
func shapesState(
    _ accounts: [ScenarioAccount], marks: [String: String] = [:], settings: ExchangeState.Settings = .init()
) -> ExchangeState {
    var allMarks = InstrumentCatalog.marks.merging(InstrumentCatalog.extraMarks) { first, _ in first }
    for (instId, mark) in marks { allMarks[instId] = d(mark) }
    let scenario = Scenario(name: "shapes-test", instruments: everyInstrument, marks: allMarks, accounts: accounts)
    return ExchangeState(scenario: scenario, settings: settings, startMs: t0)
}

/// A seeded position.
func seeded(
    _ instId: String, _ side: PositionSide, _ pos: String, at avgPx: String, margin: String = "0",
    lever: Decimal = 10, mgnMode: MarginMode = .isolated
) -> ScenarioPosition {
    ScenarioPosition(
        instId: instId, posSide: side, pos: d(pos), avgPx: d(avgPx), margin: d(margin), lever: lever,
        mgnMode: mgnMode)
}

extension ExchangeState {
    /// A position by its full key.
    func position(_ instId: String, _ mgnMode: MarginMode, _ side: PositionSide, book: Int = 0) -> Position? {
        books[book].positions[PositionKey(instId: instId, mgnMode: mgnMode, posSide: side)]
    }

    /// A market order's outcome code ("0" when filled).
    mutating func market(
        _ instId: String, _ side: OrderSide, _ sz: String, posSide: PositionSide = .net,
        mgnMode: MarginMode = .isolated, reduceOnly: Bool = false, book: Int = 0
    ) -> String {
        code {
            _ = try $0.placeOrder(
                book: book,
                OrderRequest(
                    instId: instId, side: side, posSide: posSide, sz: d(sz), mgnMode: mgnMode, reduceOnly: reduceOnly),
                now: t0)
        }
    }
}

/// A signed JSON body from a dictionary literal (values already JSON).
func json(_ fields: [(String, String)]) -> String {
    "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
}
