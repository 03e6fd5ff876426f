import AnchorBench
import Testing

/// 200+ random corrections and maintenances under lost replies, stalls, 5xx, 50011 and kills: nothing doubles,
/// counts match the exchange's own order history, no event is lost, every action ends completed, refused with a
/// reason, or interrupted and resumed.
@Suite(.serialized) struct SoakTests {
    @Test func faultInjectedSoakKeepsEveryRule() async throws {
        let report = try await Soak.run(SoakOptions(actions: 220, seed: 20_261_122))
        print(report.lines.joined(separator: "\n"))
        #expect(report.actions == 220)
        #expect(report.doubleOpens == 0)
        #expect(report.countMismatches.isEmpty, "\(report.countMismatches)")
        #expect(report.eventsLost == 0)
        #expect(report.stillInterrupted == 0)
        #expect(report.completed > report.actions / 2, "most actions complete")
        #expect(report.crashes > 5, "the soak must really kill actions")
        #expect(report.faultsArmed > 20, "and really inject faults")
        #expect(report.maintenancesCounted > 20)
    }
}
