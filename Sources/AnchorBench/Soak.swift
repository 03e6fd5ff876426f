import AnchorCore
import AnchorStore
import Foundation
import OKX
import PaperExchange

/// How a soak runs.
public struct SoakOptions: Sendable {
    /// Corrections and maintenances to start.
    public var actions: Int
    public var seed: UInt64
    /// Share of actions stopped dead at a random checkpoint (a kill), then resumed by a new engine.
    public var crashRate: Double
    /// Share of actions with a fault armed on one of their requests (lost reply, stall, 5xx, 50011).
    public var faultRate: Double
    /// Share of every request failing at random on the exchange (5xx, 50001, dropped connection).
    public var background: Double
    /// Random latency of each reply, up to this many milliseconds.
    public var maxLatencyMs: Int
    /// Called with a line now and then.
    public var progress: (@Sendable (String) -> Void)?

    public init(
        actions: Int = 1000, seed: UInt64 = 1, crashRate: Double = 0.1, faultRate: Double = 0.25,
        background: Double = 0.02, maxLatencyMs: Int = 15, progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.actions = actions
        self.seed = seed
        self.crashRate = crashRate
        self.faultRate = faultRate
        self.background = background
        self.maxLatencyMs = maxLatencyMs
        self.progress = progress
    }
}

/// What a soak found. It passed when nothing doubled, no count disagrees with the exchange, no event is lost and
/// every action ended completed, refused with a reason, or interrupted and then resumed.
public struct SoakReport: Sendable {
    public var actions = 0
    public var completed = 0
    public var refused = 0
    public var failed = 0
    public var crashes = 0
    public var interruptedThenResumed = 0
    public var stillInterrupted = 0
    public var faultsArmed = 0
    public var doubleOpens = 0
    public var maintenancesCounted = 0
    public var countMismatches: [String] = []
    public var eventsLost = 0
    public var reasons: [String: Int] = [:]
    public var duration: Duration = .zero

    public var passed: Bool {
        doubleOpens == 0 && countMismatches.isEmpty && eventsLost == 0 && stillInterrupted == 0
    }

    /// One line per figure.
    public var lines: [String] {
        let wallSeconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        var out = [
            "soak actions run            \(actions)",
            "soak completed              \(completed)",
            "soak refused with a reason  \(refused)",
            "soak failed with a reason   \(failed)",
            "soak killed mid-action      \(crashes)",
            "soak interrupted→resumed    \(interruptedThenResumed)",
            "soak still interrupted      \(stillInterrupted) (must be 0)",
            "soak faults armed           \(faultsArmed)",
            "soak double opens           \(doubleOpens) (must be 0)",
            "soak maintenances counted   \(maintenancesCounted)",
            "soak count mismatches       \(countMismatches.count) (must be 0; counts vs the exchange's order history)",
            "soak events lost            \(eventsLost) (must be 0)",
            "soak wall time              \(wallSeconds) s",
        ]
        for (reason, count) in reasons.sorted(by: { $0.value > $1.value }).prefix(8) {
            out.append("soak reason ×\(count): \(reason)")
        }
        out += countMismatches.prefix(5).map { "soak mismatch: \($0)" }
        out.append("soak result                 \(passed ? "PASS" : "FAIL")")
        return out
    }
}

/// Random corrections and maintenances across the demo scenario's accounts under faults and kills.
public enum Soak {
    static let runnerOptions = RunnerOptions(
        closeDeadline: .seconds(8), fillDeadline: .seconds(8), pollInterval: .milliseconds(25),
        unknownOutcomeWindow: .milliseconds(900), rateLimitPause: .milliseconds(400), maxAttempts: 6)

    public static func run(_ options: SoakOptions) async throws -> SoakReport {
        var rng = SplitMix(seed: options.seed)
        var exchangeOptions = PaperExchangeOptions()
        exchangeOptions.seed = options.seed
        exchangeOptions.volatility = 0.0003
        exchangeOptions.jitterMs = options.maxLatencyMs
        exchangeOptions.faultRate = options.background
        // Every account managed, the main one too: the soak proves the runner's rules on as many positions as the
        // demo holds.
        let bench = try await BenchExchange(
            scenario: BuiltInScenarios.demo, options: exchangeOptions,
            transport: TransportOptions(totalTimeout: .seconds(2)), manageMain: true)
        let crash = CrashSwitch()
        var engine = bench.engine(runner: runnerOptions, checkpoint: crash.hook)
        var report = SoakReport()
        let clock = ContinuousClock()
        let started = clock.now
        for index in 0..<options.actions {
            let state = bench.server.state()
            let held = Set((try? bench.store.unfinishedActions())?.map(\.key) ?? [])
            let candidates = state.accounts.flatMap { account in
                account.positions.map {
                    AnchorStore.PositionKey(
                        account: account.account.name, instId: $0.position.instId,
                        posSide: $0.position.posSide == .short ? .short : .long)
                }
            }.filter { !held.contains($0) }
            guard let key = candidates.randomElement(using: &rng) else { break }
            let kind: ActionKind = Double.random(in: 0..<1, using: &rng) < 0.4 ? .maintenance : .correction
            if Double.random(in: 0..<1, using: &rng) < options.faultRate {
                bench.server.arm(randomFault(for: key, using: &rng))
                report.faultsArmed += 1
            }
            let crashAt =
                Double.random(in: 0..<1, using: &rng) < options.crashRate ? randomCheckpoint(kind, using: &rng) : nil
            crash.arm(crashAt)
            report.actions += 1

            var result: ActionResult
            do {
                let plan = try await engine.runner.plan(kind, for: key)
                result = await engine.runner.run(plan, origin: .autopilot)
            } catch {
                result = ActionResult(
                    actionId: nil, key: key, kind: kind, state: .refused, summary: "could not plan: \(error)")
            }
            crash.arm(nil)
            if result.state == .running {
                // Killed: a new process finds the action interrupted and resumes it.
                report.crashes += 1
                _ = try? bench.store.interruptOrphans(at: Date()) { _ in false }
                engine = bench.engine(runner: runnerOptions, checkpoint: crash.hook)
                result.state = .interrupted
            }
            if result.state == .interrupted, let actionId = result.actionId {
                bench.server.clearFaults()
                var attempts = 0
                while result.state == .interrupted, attempts < 6 {
                    attempts += 1
                    result = await engine.runner.resume(actionId: actionId)
                    if result.state == .running { result.state = .interrupted }
                }
                if result.state == .completed || result.state == .failed { report.interruptedThenResumed += 1 }
            }
            switch result.state {
            case .completed: report.completed += 1
            case .refused:
                report.refused += 1
                report.reasons[reasonKey(result.summary), default: 0] += 1
            case .failed:
                report.failed += 1
                report.reasons[reasonKey(result.summary), default: 0] += 1
            case .interrupted, .running: report.stillInterrupted += 1
            case .abandoned: break
            }
            if (index + 1) % 50 == 0 {
                options.progress?("soak: \(index + 1)/\(options.actions) actions")
            }
        }
        bench.server.clearFaults()
        report.duration = clock.now - started
        try audit(bench, into: &report)
        await bench.stop()
        return report
    }

    /// Compares the journal with the exchange's own order history.
    static func audit(_ bench: BenchExchange, into report: inout SoakReport) throws {
        let actions = try bench.store.recentActions(limit: 1_000_000)
        var exchangeCounts: [AnchorStore.PositionKey: Int] = [:]
        for action in actions {
            let events = try bench.store.events(actionId: action.id)
            if events.isEmpty, action.state != .running { report.eventsLost += 1 }
            guard action.kind == .maintenance else { continue }
            let prefix = "a" + action.id + "s"
            let opens = bench.server.orders(account: action.account).filter { order in
                order.clOrdId.hasPrefix(prefix) && order.instId == action.instId && order.state.rawValue == "filled"
                    && order.side.rawValue == (action.posSide == .short ? "sell" : "buy")
                    && order.posSide.rawValue == action.posSide.rawValue
            }
            report.doubleOpens += max(0, opens.count - 1)
            let counted = events.filter { $0.kind == .maintenance }.count
            if counted > 1 { report.eventsLost += 1 }
            if !opens.isEmpty { exchangeCounts[action.key, default: 0] += 1 }
            if !opens.isEmpty, counted == 0, action.state == .completed { report.eventsLost += 1 }
        }
        let counts = try bench.store.maintenanceCounts()
        report.maintenancesCounted = counts.values.reduce(0, +)
        for key in Set(counts.keys).union(exchangeCounts.keys).sorted() {
            let ours = counts[key] ?? 0
            let theirs = exchangeCounts[key] ?? 0
            if ours != theirs {
                report.countMismatches.append("\(key): counted \(ours), exchange shows \(theirs) opens")
            }
        }
    }

    static func reasonKey(_ summary: String) -> String {
        let cut = summary.firstIndex(of: "(") ?? summary.endIndex
        return String(summary[..<cut].prefix(80)).trimmingCharacters(in: .whitespaces)
    }

    static func randomCheckpoint(_ kind: ActionKind, using rng: inout SplitMix) -> String {
        let names =
            kind == .maintenance
            ? [
                Checkpoint.begun, Checkpoint.closeSent, Checkpoint.closeConfirmed, Checkpoint.openSent,
                Checkpoint.openConfirmed, Checkpoint.counted,
            ]
            : [Checkpoint.begun, Checkpoint.marginSent, Checkpoint.trimSent, Checkpoint.leverageSent]
        return names.randomElement(using: &rng)!
    }

    static func randomFault(for key: AnchorStore.PositionKey, using rng: inout SplitMix) -> SimFault {
        let paths = [
            "/api/v5/trade/order", "/api/v5/trade/close-position", "/api/v5/account/position/margin-balance",
            "/api/v5/account/set-leverage", "/api/v5/account/positions", "/api/v5/trade/order",
        ]
        let kinds: [SimFault.Kind] = [
            .dropReplyAfterApply, .dropBeforeApply, .stall(milliseconds: 3000), .rateLimit, .serverError, .unavailable,
        ]
        let kind = kinds.randomElement(using: &rng)!
        let count = kind == .rateLimit ? 2 : 1
        return SimFault(kind, account: key.account, path: paths.randomElement(using: &rng)!, count: count)
    }
}

/// Stops an action dead at one armed checkpoint.
final class CrashSwitch: Sendable {
    private let target = Locked<String?>(nil)

    func arm(_ name: String?) { target.set(name) }

    var hook: @Sendable (String) throws -> Void {
        { [target] checkpoint in
            if target.take(ifEqual: checkpoint) { throw SimulatedCrash(checkpoint: checkpoint) }
        }
    }
}

/// A value behind a lock.
final class Locked<Value: Sendable & Equatable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func set(_ new: Value) { lock.withLock { value = new } }

    /// True (and clears it to nil) when the value equals `candidate`.
    func take<T>(ifEqual candidate: T) -> Bool where Value == T? {
        lock.withLock {
            guard value == candidate else { return false }
            value = nil
            return true
        }
    }
}

/// A seeded generator (SplitMix64), so a soak repeats for its seed.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
