import Foundation
import OKX
import TestSupport
import Testing

@testable import AnchorCore
@testable import AnchorStore

/// The poller keeps each account's views between snapshots: a snapshot made with them is exactly the one made
/// from scratch, whatever changed (a reading, the time that makes an account stale, the counts, the instruments).
@Suite struct SnapshotReuseTests {
    static let start = Date(timeIntervalSince1970: 1_767_268_800)

    static func reading(_ name: String, rate: String, at seconds: Double, error: String? = nil) -> AccountReading {
        let mark = dec("0.1")
        let positions = ["CRO-USDT-SWAP", "APT-USDT-SWAP"].enumerated().map { slot, instId in
            Build.position(
                instId: instId, pos: 108, avgPx: mark, markPx: mark, lever: 10, margin: dec("10.5"), upl: dec("-0.2"),
                mmr: dec("0.05"), uplRatio: dec(rate), liqPx: dec("0.09"), posId: "\(name)-\(slot)")
        }
        return AccountReading(
            name: name, role: name == "main" ? .main : .sub, positions: positions,
            fetchedAt: start.addingTimeInterval(seconds), lastError: error)
    }

    @Test func aSnapshotMadeWithKeptViewsIsTheOneMadeFromScratch() {
        var reuse = SnapshotBuilder.Reuse()
        let instruments = ["CRO-USDT-SWAP": Build.cro, "APT-USDT-SWAP": Build.apt]
        let key = PositionKey(account: "sub1", position: Self.reading("sub1", rate: "0", at: 0).positions[0])
        // Each step: the time, the readings, the counts, the store's version and the instruments' load.
        let steps: [(Double, [AccountReading], [PositionKey: Int], UInt64, Int)] = [
            (1, [Self.reading("main", rate: "0.01", at: 0), Self.reading("sub1", rate: "-0.02", at: 0)], [:], 1, 1),
            // Only sub1 read again.
            (2, [Self.reading("main", rate: "0.01", at: 0), Self.reading("sub1", rate: "-0.11", at: 2)], [:], 1, 1),
            // Nothing read; main's reading grows stale with time alone.
            (11, [Self.reading("main", rate: "0.01", at: 0), Self.reading("sub1", rate: "-0.11", at: 2)], [:], 1, 1),
            // A count committed: the store's version moves.
            (
                12, [Self.reading("main", rate: "0.01", at: 0), Self.reading("sub1", rate: "-0.11", at: 2)], [key: 2],
                2, 1
            ),
            // main fails; the instruments were loaded again.
            (
                13,
                [
                    Self.reading("main", rate: "0.01", at: 0, error: "timeout"),
                    Self.reading("sub1", rate: "-0.11", at: 2),
                ],
                [key: 2], 2, 2
            ),
        ]
        for (generation, (seconds, readings, counts, version, load)) in steps.enumerated() {
            let now = Self.start.addingTimeInterval(seconds)
            let storeVersion = StoreVersion(local: version, shared: 0)
            let kept = SnapshotBuilder.build(
                generation: generation, now: now, readings: readings, instruments: instruments, instrumentsLoad: load,
                counts: counts, holds: [:], policy: .houseDefault, staleAfter: 10, storeVersion: storeVersion,
                reuse: &reuse)
            let scratch = SnapshotBuilder.build(
                generation: generation, now: now, readings: readings, instruments: instruments, counts: counts,
                holds: [:], policy: .houseDefault, staleAfter: 10, storeVersion: storeVersion)
            #expect(kept == scratch, "step \(generation)")
        }
        let last = SnapshotBuilder.build(
            generation: 9, now: Self.start.addingTimeInterval(12), readings: steps[4].1, instruments: instruments,
            instrumentsLoad: 2, counts: [key: 2], holds: [:], policy: .houseDefault, staleAfter: 10,
            storeVersion: StoreVersion(local: 2, shared: 0), reuse: &reuse)
        #expect(last.position(key)?.maintenanceCount == 2)
        #expect(last.position(key)?.status == .maintenanceDue)
        #expect(last.accounts.first { $0.name == "main" }?.isStale == true)
        #expect(last.totals.subPnL.usdt == dec("-0.4"))
    }
}
