import AnchorCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A fleet of sub-accounts on a paper exchange in its own process (`okx-anchor sim --accounts N --latency-ms 50`),
/// polled by our poller and, in the same run, by ccxt's asyncio client when python3 with ccxt is at hand; then
/// `okx-anchor status` against it, cold, with its peak resident memory.
enum FleetBenchmark {
    static func run(binary: String, subAccounts: Int, latencyMs: Int, cycles: Int) async throws -> [Figure] {
        let folder = NSTemporaryDirectory() + "okx-anchor-fleet-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let configPath = folder + "/fleet.toml"
        let sim = try ChildProcess(
            binary,
            [
                "sim", "--accounts", "\(subAccounts)", "--latency-ms", "\(latencyMs)", "--port", "0",
                "--write-config", configPath,
            ])
        defer { _ = sim.stop() }
        guard await sim.waitForOutput(limit: 120, { $0.contains("Ctrl-C stops it.") }) else {
            throw BenchError("the paper exchange did not start: \(sim.output.suffix(400))")
        }
        let config = try ConfigLoader.load(path: configPath, environment: [:])
        let ours = try await FleetPollBenchmark.run(config: config, cycles: cycles)
        var figures = [ours.figure]
        let accounts = ours.accounts
        let peer = CcxtPeer.locate(binary: binary)
        switch peer {
        case .failure(let why):
            figures.append(
                Figure(
                    name: "ccxt asyncio \(accounts) accounts", unit: "ms", samples: [],
                    note: "skipped: \(why)"))
        case .success(let peer):
            let result = peer.poll(configPath: configPath, cycles: cycles)
            switch result {
            case .failure(let why):
                figures.append(
                    Figure(name: "ccxt asyncio \(accounts) accounts", unit: "ms", samples: [], note: "failed: \(why)"))
            case .success(let ccxt):
                let theirs = Figure(
                    name: "ccxt asyncio \(accounts) accounts", unit: "ms", samples: ccxt.samples,
                    note: "\(ccxt.client), every account at once on warm connections; cold first cycle "
                        + "\(Figure.format(ccxt.coldMs)) ms; failed reads \(ccxt.errors)")
                let ratio = theirs.median / ours.figure.median
                figures.append(theirs)
                figures.append(
                    Figure(
                        name: "poll \(accounts) accts vs ccxt", unit: "×", samples: [ratio],
                        note: "ours \(Figure.format(ours.figure.median)) ms, ccxt asyncio "
                            + "\(Figure.format(theirs.median)) ms (medians of \(cycles) warm cycles, same exchange, "
                            + "same run): ours \(Figure.format(ratio, digits: 2))× faster; goal ≥ 2×: "
                            + (ratio >= 2 ? "met" : "NOT met")))
            }
        }
        figures.append(try await status(binary: binary, configPath: configPath, accounts: accounts, runs: 3))
        return figures
    }

    /// `okx-anchor status --json` against the fleet, each run a fresh process: wall time and peak resident memory.
    static func status(binary: String, configPath: String, accounts: Int, runs: Int) async throws -> Figure {
        var resident: [Double] = []
        var walls: [Double] = []
        for _ in 0..<runs {
            let child = try ChildProcess(
                binary, ["status", "--json", "--config", configPath])
            let exit = child.finish(limit: 120)
            guard exit.status == 0 else {
                throw BenchError("status exited \(exit.status): \(exit.output.suffix(300))")
            }
            resident.append(exit.peakResidentMB)
            walls.append(exit.wallMs)
        }
        let wall = Figure(name: "", unit: "", samples: walls)
        return Figure(
            name: "status \(accounts) accounts, peak", unit: "MB", samples: resident, judged: resident.max(),
            goal: .init(atMost: 60, "≤ 60 MB resident"),
            note: "peak resident (VmHWM, read every 2 ms) of `okx-anchor status --json`, a fresh process each "
                + "run; wall time \(Figure.format(wall.median)) ms (min \(Figure.format(wall.minimum)), max "
                + "\(Figure.format(wall.maximum))) from a cold start")
    }
}

/// ccxt's asyncio client, run by `scripts/bench/ccxt_poll.py` under a python3 that can import ccxt.
struct CcxtPeer {
    /// What the script measured.
    struct Poll {
        var client: String
        var coldMs: Double
        var samples: [Double]
        var errors: Int
    }

    var python: String
    var script: String

    /// The script beside the sources (found from the binary or the working folder, or `OKX_ANCHOR_CCXT_SCRIPT`) and
    /// a python3 that imports ccxt (`OKX_ANCHOR_PYTHON`, else `python3` on the PATH); why not, when either is missing.
    static func locate(binary: String) -> Result<CcxtPeer, BenchError> {
        let environment = ProcessInfo.processInfo.environment
        let binaryFolder = (binary as NSString).deletingLastPathComponent
        let candidates =
            [environment["OKX_ANCHOR_CCXT_SCRIPT"]].compactMap { $0 } + [
                FileManager.default.currentDirectoryPath + "/scripts/bench/ccxt_poll.py",
                binaryFolder + "/../../scripts/bench/ccxt_poll.py",
                binaryFolder + "/../share/okx-anchor/ccxt_poll.py",
            ]
        guard let script = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            return .failure(BenchError("scripts/bench/ccxt_poll.py not found (set OKX_ANCHOR_CCXT_SCRIPT)"))
        }
        guard let python = environment["OKX_ANCHOR_PYTHON"] ?? Spawn.which("python3") else {
            return .failure(BenchError("no python3 (set OKX_ANCHOR_PYTHON to one with ccxt)"))
        }
        let probe = Spawn.run(python, ["-c", "import ccxt.async_support, tomllib"], limit: 60)
        guard probe.status == 0 else {
            return .failure(
                BenchError(
                    "\(python) cannot import ccxt (pip install ccxt into a venv and set OKX_ANCHOR_PYTHON "
                        + "to its python3; python 3.11 or later)"))
        }
        return .success(CcxtPeer(python: python, script: script))
    }

    /// Runs the script against the config's accounts: one cold cycle, then `cycles` warm ones.
    func poll(configPath: String, cycles: Int) -> Result<Poll, BenchError> {
        let run = Spawn.run(
            python, [script, "--config", configPath, "--cycles", "\(cycles)"], limit: 600)
        let last = run.output.split(separator: "\n").last { $0.hasPrefix("{") }
        guard run.status == 0, let last,
            let object = try? JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any],
            let samples = object["samples_ms"] as? [Double], let cold = object["cold_ms"] as? Double
        else {
            return .failure(BenchError("the script exited \(run.status): \(run.output.suffix(300))"))
        }
        return .success(
            Poll(
                client: object["client"] as? String ?? "ccxt", coldMs: cold, samples: samples,
                errors: object["errors"] as? Int ?? 0))
    }
}
