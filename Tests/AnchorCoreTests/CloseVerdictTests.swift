import OKX
import Testing

@testable import AnchorCore

/// How a super maintenance decides that its own close is what ended the position, before it opens anything in its
/// place: the close order read beside the position, then the order again, then the positions history.
@Suite struct CloseVerdictTests {
    func order(_ state: String) throws -> Order {
        try Order(
            fields: OKXFields(
                .object([
                    "instId": .string("CRO-USDT-SWAP"), "ordId": .string("7"), "clOrdId": .string("a1s0t1"),
                    "state": .string(state),
                ])))
    }

    func history(_ posId: String, type: String) throws -> PositionHistory {
        try PositionHistory(
            fields: OKXFields(
                .object(["instId": .string("CRO-USDT-SWAP"), "posId": .string(posId), "type": .string(type)])))
    }

    @Test func aFilledCloseIsThisActionsAndACancelledOneIsNot() throws {
        #expect(ActionRunner.closeVerdict(order: try order("filled")) == true)
        #expect(ActionRunner.closeVerdict(order: try order("canceled")) == false)
        #expect(ActionRunner.closeVerdict(order: try order("mmp_canceled")) == false)
    }

    @Test func anOrderNotYetFinalOrNotFoundSaysNothing() throws {
        #expect(ActionRunner.closeVerdict(order: try order("live")) == nil)
        #expect(ActionRunner.closeVerdict(order: try order("partially_filled")) == nil)
        #expect(ActionRunner.closeVerdict(order: nil) == nil)
    }

    @Test(arguments: [("1", true), ("2", true), ("3", false), ("4", false), ("5", false), ("6", false), ("", true)])
    func theHistoryOfThisPositionSaysHowItEnded(type: String, ours: Bool) throws {
        // OKX positions-history types: 1 closed partly, 2 closed, 3 liquidated, 4 partly liquidated, 5 ADL. A type
        // this version does not know (6 here) is not taken for this close; a row with no type says nothing.
        let rows = [try history("other", type: "3"), try history("p1", type: type)]
        #expect(ActionRunner.closeVerdict(history: ActionRunner.historyRow(of: "p1", in: rows)) == ours)
    }

    @Test func noRowForThePositionLeavesTheCloseAsWhatEndedIt() throws {
        #expect(ActionRunner.closeVerdict(history: ActionRunner.historyRow(of: "p1", in: [])))
        #expect(
            ActionRunner.closeVerdict(history: ActionRunner.historyRow(of: "p1", in: [try history("other", type: "3")]))
        )
    }
}
