import AnchorCore
import AnchorStore
package import AnchorTUI
import Foundation
import OKX

/// The dashboard's performance figures: how long a frame of a large fleet takes to render and draw, and how many bytes
/// curses sends per refresh. Returns figures and prints nothing; `okx-anchor bench` decides what to show.
package enum TUIBenchmark {
    /// What one run measured.
    package struct Figures: Sendable, Hashable {
        /// Positions in the snapshot.
        package var positions: Int
        /// Frames timed.
        package var frames: Int
        /// The terminal size the frames were drawn at.
        package var size: TerminalSize
        /// `Dashboard.render` alone.
        package var renderMedian: Duration
        /// The 99th percentile of `Dashboard.render`.
        package var renderP99: Duration
        /// `Dashboard.render` then `NcursesScreen.draw` of a frame that moved the selection one row.
        package var frameMedian: Duration
        /// The 99th percentile of render and draw.
        package var frameP99: Duration
        /// `Dashboard.update` with a new snapshot of every position (formatting every row once).
        package var snapshotUpdateMedian: Duration
        /// Bytes of the first full frame.
        package var bytesFirstFrame: Int
        /// Bytes of a refresh where 20 cells changed.
        package var bytesTwentyCells: Int
        /// Bytes of a refresh where every row of the table changed.
        package var bytesWholeTable: Int
    }

    /// Measures `frames` frames of a fleet of `positions` positions at `size` through curses on a temporary file.
    @MainActor
    package static func run(
        positions: Int = 1000, perAccount: Int = 24, frames: Int = 200,
        size: TerminalSize = TerminalSize(rows: 40, cols: 80)
    ) throws(TerminalError) -> Figures {
        let clock = ContinuousClock()
        let start = Date(timeIntervalSince1970: 1_767_268_800)
        var state = AppState(
            settings: DashboardSettings(environment: .demo, timeZone: TimeZone(identifier: "UTC")!), language: .en,
            themeName: "default", size: size, now: start)
        var updates: [Duration] = []
        for step in 0..<5 {
            let snapshot = fleet(positions: positions, perAccount: perAccount, step: step, now: start)
            updates.append(clock.measure { _ = Dashboard.update(&state, .snapshot(snapshot)) })
        }

        let screen = try NcursesScreen.measuring(rows: size.rows, cols: size.cols)
        defer { screen.close() }
        let first = Dashboard.render(state)
        let bytesFirstFrame = screen.measureBytes(drawing: first)

        var changed = first
        let body = Layout(size: size).tableBody
        for index in 0..<20 {
            let row = body.row + index % body.rows
            let col = 40 + index / body.rows
            changed.set("9", row: row, col: col, role: changed[row, col].role)
        }
        let bytesTwentyCells = screen.measureBytes(drawing: changed)
        _ = screen.measureBytes(drawing: first)
        _ = Dashboard.update(&state, .key(.character("s")))
        let bytesWholeTable = screen.measureBytes(drawing: Dashboard.render(state))

        var renders: [Duration] = []
        var totals: [Duration] = []
        for frame in 0..<frames {
            _ = Dashboard.update(&state, .key(frame % 200 < 100 ? .down : .up))
            var canvas: Canvas?
            let total = clock.measure {
                renders.append(clock.measure { canvas = Dashboard.render(state) })
                screen.draw(canvas!)
            }
            totals.append(total)
        }
        return Figures(
            positions: positions, frames: frames, size: size, renderMedian: percentile(renders, 0.5),
            renderP99: percentile(renders, 0.99), frameMedian: percentile(totals, 0.5),
            frameP99: percentile(totals, 0.99), snapshotUpdateMedian: percentile(updates, 0.5),
            bytesFirstFrame: bytesFirstFrame, bytesTwentyCells: bytesTwentyCells, bytesWholeTable: bytesWholeTable)
    }

    private static func percentile(_ values: [Duration], _ share: Double) -> Duration {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .zero }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * share).rounded()))]
    }

    /// A fleet of `positions` isolated positions, `perAccount` to an account, marks moved by `step`.
    static func fleet(positions: Int, perAccount: Int = 24, step: Int, now: Date) -> Snapshot {
        let bases = ["BTC", "ETH", "SOL", "DOGE", "XRP", "ADA", "LINK", "AVAX", "LTC", "DOT", "CRO", "APT"]
        var instruments: [String: Instrument] = [:]
        for base in bases {
            instruments[base + "-USDT-SWAP"] = Instrument(
                instId: base + "-USDT-SWAP", ctVal: 1, lotSz: Decimal(string: "0.1")!, minSz: Decimal(string: "0.1")!,
                tickSz: Decimal(string: "0.001")!)
        }
        var byAccount: [Int: [Position]] = [:]
        for index in 0..<positions {
            let base = bases[index % bases.count]
            let side = index / bases.count % 2 == 0 ? "long" : "short"
            let entry = Decimal(10 + index % 37)
            let mark = entry + Decimal((index + step) % 11 - 5) / 10
            let size = Decimal(5 + index % 13)
            let upl = (side == "long" ? mark - entry : entry - mark) * size
            let margin = Decimal(8 + index % 9)
            let fields: [String: JSONValue] = [
                "instId": .string(base + "-USDT-SWAP"), "mgnMode": .string("isolated"), "posSide": .string(side),
                "pos": .string("\(size)"), "avgPx": .string("\(entry)"), "markPx": .string("\(mark)"),
                "lever": .string("10"), "margin": .string("\(margin)"), "upl": .string("\(upl)"),
                "uplRatio": .string("\(upl / (size * entry / 10))"), "mmr": .string("0.5"),
                "liqPx": .string("\(entry * (side == "long" ? Decimal(9) : Decimal(11)) / 10)"),
                "posId": .string("\(index)"),
            ]
            if let position = try? Position(fields: OKXFields(.object(fields))) {
                byAccount[index / perAccount, default: []].append(position)
            }
        }
        let accounts = (positions + perAccount - 1) / perAccount
        let readings = (0..<max(1, accounts)).map { account in
            AccountReading(
                name: account == 0 ? "main" : "sub\(account)", role: account == 0 ? .main : .sub,
                positions: byAccount[account] ?? [], fetchedAt: now, latency: .milliseconds(100))
        }
        return SnapshotBuilder.build(
            generation: step + 1, now: now, readings: readings, instruments: instruments, counts: [:], holds: [:],
            policy: .houseDefault, staleAfter: 10, pollDuration: .milliseconds(150))
    }
}
