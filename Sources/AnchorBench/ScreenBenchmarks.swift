import AnchorTUI

/// The dashboard's figures: a frame of 1,000 positions, and the bytes curses sends per refresh at 80×40.
enum ScreenBenchmarks {
    static func run(quick: Bool) async throws -> [Figure] {
        let runs = quick ? 3 : 7
        let frames = quick ? 100 : 400
        var results: [TUIBenchmark.Figures] = []
        for _ in 0..<runs {
            results.append(try await MainActor.run { try TUIBenchmark.run(positions: 1000, frames: frames) })
        }
        let milliseconds = { (duration: Duration) in duration.milliseconds }
        let framesMedian = results.map { milliseconds($0.frameMedian) }
        let renderAlone = Figure(name: "", unit: "", samples: results.map { milliseconds($0.renderMedian) })
        let framesP99 = results.map { milliseconds($0.frameP99) }
        return [
            Figure(
                name: "frame render+draw 1000 pos.", unit: "ms", samples: framesMedian,
                goal: .init(atMost: 2, "≤ 2 ms median"),
                note: "\(frames) frames per run at 80×40; render alone \(Figure.format(renderAlone.median)) ms"
            ),
            Figure(name: "frame render+draw p99", unit: "ms", samples: framesP99, note: "99th percentile per run"),
            Figure(
                name: "bytes per refresh 20 cells", unit: "B", samples: results.map { Double($0.bytesTwentyCells) },
                goal: .init(atMost: 1024, "≤ 1 KB"), note: "80×40, 20 changed cells"),
            Figure(
                name: "bytes per refresh whole table", unit: "B", samples: results.map { Double($0.bytesWholeTable) },
                note: "80×40, every table row changed (first full frame: \(results.first?.bytesFirstFrame ?? 0) B)"),
            Figure(
                name: "snapshot update 1000 pos.", unit: "ms",
                samples: results.map { milliseconds($0.snapshotUpdateMedian) },
                note: "a new snapshot of every position folded into the screen state (once per poll)"),
        ]
    }
}
