import Foundation
import PaperExchange

/// A decimal from text (never a float literal, which would go through Double).
func d(_ text: String) -> Decimal { Decimal.literal(text) }

/// A fixed sim time for engine tests.
let t0: Int64 = 1_750_000_000_000

/// A state with one main account holding `cash` and the given positions, marks from the catalog unless overridden.
func engine(
    cash: String = "1000", positions: [ScenarioPosition] = [], marks: [String: String] = [:],
    settings: ExchangeState.Settings = .init()
) -> ExchangeState {
    var allMarks = InstrumentCatalog.marks
    for (instId, mark) in marks { allMarks[instId] = d(mark) }
    let scenario = Scenario(
        name: "test", instruments: InstrumentCatalog.all, marks: allMarks,
        accounts: [
            ScenarioAccount(
                account: AccountKeys.account(name: "main", role: .main), cashBal: d(cash), positions: positions)
        ])
    return ExchangeState(scenario: scenario, settings: settings, startMs: t0)
}

extension ExchangeState {
    /// The only or first account's position on a side.
    func position(_ instId: String, _ side: PositionSide, book: Int = 0) -> Position? {
        books[book].positions[PositionKey(instId: instId, posSide: side)]
    }

    /// Metrics of a position that must exist.
    func figures(_ instId: String, _ side: PositionSide, book: Int = 0) -> PositionMetrics? {
        position(instId, side, book: book).flatMap { metrics(of: $0) }
    }

    /// Runs a throwing operation and returns its rejection code, or "0" when it succeeded.
    mutating func code(_ operation: (inout ExchangeState) throws -> Void) -> String {
        do {
            try operation(&self)
            return "0"
        } catch {
            return (error as? ExchangeRejection)?.code ?? "\(error)"
        }
    }
}
