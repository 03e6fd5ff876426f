import AnchorCore
import AnchorTUI
import Foundation
import PaperExchange

/// The dashboard with a thousand accounts of three positions each: a frame, a snapshot folded in, and each key of
/// filtering, sorting and scrolling from the key to the frame drawn; then the real dashboard process idle on such a
/// fleet at 1 s refresh.
enum FleetScreenBenchmark {
    static let accounts = 1000
    static let perAccount = 3

    static func run(quick: Bool, binary: String) async throws -> [Figure] {
        let positions = accounts * perAccount
        let runs = quick ? 3 : 7
        var frames: [TUIBenchmark.Figures] = []
        var keys: [String: [Double]] = [:]
        for _ in 0..<runs {
            frames.append(
                try await MainActor.run {
                    try TUIBenchmark.run(positions: positions, perAccount: perAccount, frames: quick ? 100 : 300)
                })
            for (name, milliseconds) in try await MainActor.run(body: { try keyFrames(positions: positions) }) {
                keys[name, default: []] += milliseconds
            }
        }
        let milliseconds = { (duration: Duration) in duration.milliseconds }
        var figures = [
            Figure(
                name: "frame render+draw 3000 pos.", unit: "ms", samples: frames.map { milliseconds($0.frameMedian) },
                goal: .init(atMost: 2, "≤ 2 ms median"),
                note: "1,000 accounts × 3 positions at 80×40, the selection moving; p99 of the runs' p99s "
                    + Figure.format(
                        Figure(name: "", unit: "", samples: frames.map { milliseconds($0.frameP99) }).maximum)
                    + " ms"),
            Figure(
                name: "snapshot update 3000 pos.", unit: "ms",
                samples: frames.map { milliseconds($0.snapshotUpdateMedian) }, goal: .init(atMost: 10, "≤ 10 ms"),
                note: "a new snapshot of every position folded into the screen state (once per poll)"),
        ]
        for (name, label) in [
            ("filter", "filter key → frame 3000 pos."), ("sort", "sort key → frame 3000 pos."),
            ("scroll", "scroll key → frame 3000 pos."),
        ] {
            let samples = keys[name] ?? []
            figures.append(
                Figure(
                    name: label, unit: "ms", samples: samples, goal: .init(atMost: 2, "≤ 2 ms median"),
                    note: keyNotes[name] ?? ""))
        }
        figures += try await idle(binary: binary, seconds: quick ? 6 : 30)
        return figures
    }

    static let keyNotes = [
        "filter": "each key typed into `/` (sub7, sub77, sub777, back to sub7, Esc) to the frame drawn; every sample",
        "sort": "`s` through all four sorts and back to the frame drawn; every sample",
        "scroll": "PgDn, PgUp, End, Home, ↓, ↑ each to the frame drawn; every sample",
    ]

    /// Each key's update, render and draw, in ms, by the kind of key.
    @MainActor
    static func keyFrames(positions: Int) throws -> [String: [Double]] {
        let size = TerminalSize(rows: 40, cols: 80)
        let start = Date(timeIntervalSince1970: 1_767_268_800)
        var state = AppState(
            settings: DashboardSettings(environment: .demo, timeZone: TimeZone(identifier: "UTC")!), language: .en,
            themeName: "default", size: size, now: start)
        _ = Dashboard.update(
            &state, .snapshot(TUIBenchmark.fleet(positions: positions, perAccount: perAccount, step: 0, now: start)))
        let screen = try NcursesScreen.measuring(rows: size.rows, cols: size.cols)
        defer { screen.close() }
        screen.draw(Dashboard.render(state))
        let clock = ContinuousClock()
        func frame(_ key: Key) -> Double {
            clock.measure {
                _ = Dashboard.update(&state, .key(key))
                screen.draw(Dashboard.render(state))
            }.milliseconds
        }
        var result: [String: [Double]] = [:]
        let typing: [Key] =
            [.character("/")] + "sub777".map { Key.character($0) } + [.backspace, .backspace, .enter]
            + [.escape]
        result["filter"] = typing.map(frame)
        result["sort"] = (0..<4).map { _ in frame(.character("s")) }
        result["scroll"] = [Key.pageDown, .pageDown, .pageUp, .end, .home, .down, .up].map(frame)
        return result
    }

    /// The real dashboard idle on the fleet, as `IdleBenchmark` measures it: CPU share and resident memory.
    static func idle(binary: String, seconds: Int) async throws -> [Figure] {
        guard let tmux = Spawn.which("tmux") else {
            return [
                Figure(name: "idle CPU 3000 pos.", unit: "%", samples: [], note: "skipped: tmux is not installed")
            ]
        }
        let run = try await IdleBenchmark.measure(
            tmux: tmux, binary: binary, seconds: seconds,
            scenario: BuiltInScenarios.generated(subAccounts: accounts - 1, positionsPerAccount: perAccount))
        let fleet = "\(run.positions) positions in \(run.accounts) accounts, 1 s refresh"
        return [
            Figure(
                name: "idle CPU 3000 pos.", unit: "%", samples: run.cpu, judged: run.share,
                goal: .init(atMost: 2, "≤ 2% of a core"),
                note: "over \(Figure.format(run.seconds, digits: 0)) s: \(Figure.format(run.share, digits: 2))% of a "
                    + "core; \(fleet) (the paper exchange in the bench's process); per-second samples"),
            Figure(
                name: "idle memory 3000 pos.", unit: "MB", samples: run.resident, judged: run.resident.max(),
                goal: .init(atMost: 60, "≤ 60 MB"),
                note: "peak VmRSS, of which private \(Figure.format(run.privateMB ?? .nan)) MB; \(fleet)"),
        ]
    }
}
