import Synchronization

/// Decides, per request, which fault (if any) strikes: armed switches first, then the seeded random fault rate,
/// and how much latency to add. All decisions come from one seeded generator, so a run repeats.
final class FaultInjector: Sendable {
    /// A random fault of the background fault rate.
    enum RandomFault: Sendable, Equatable {
        case serverError
        case unavailable
        case drop
    }

    /// The phase of a request a switch is looked up in.
    enum Phase {
        /// Before anything is applied: refusals and drops.
        case before
        /// After the request was applied: drop the reply, stall.
        case after
    }

    private struct Armed {
        var fault: SimFault
        var expiresAt: Int64?
    }

    private struct State {
        var armed: [Armed] = []
        var random: SplitMix64
    }

    private let state: Mutex<State>
    private let faultRate: Double
    private let latencyMs: Int
    private let jitterMs: Int

    init(seed: UInt64, faultRate: Double, latencyMs: Int, jitterMs: Int) {
        state = Mutex(State(random: SplitMix64(seed: seed ^ 0xFA17_FA17)))
        self.faultRate = faultRate
        self.latencyMs = latencyMs
        self.jitterMs = jitterMs
    }

    /// Arms a switch; it expires `durationMs` after `now` if it has a duration.
    func arm(_ fault: SimFault, now: Int64) {
        state.withLock { $0.armed.append(Armed(fault: fault, expiresAt: fault.durationMs.map { now + $0 })) }
    }

    /// Disarms every switch.
    func clear() {
        state.withLock { $0.armed.removeAll() }
    }

    /// The switches still armed.
    func armed(now: Int64) -> [SimFault] {
        state.withLock { state in
            state.armed.removeAll { $0.expiresAt.map { $0 <= now } ?? false }
            return state.armed.map(\.fault)
        }
    }

    /// The random fault striking this request, if any (`faultRate` of requests; the kind chosen evenly).
    func randomFault() -> RandomFault? {
        guard faultRate > 0 else { return nil }
        return state.withLock { state in
            guard state.random.unit() < faultRate else { return nil }
            switch state.random.next() % 3 {
            case 0: return .serverError
            case 1: return .unavailable
            default: return .drop
            }
        }
    }

    /// Latency to add before this reply: the fixed part plus a seeded jitter.
    func latency() -> Int {
        guard jitterMs > 0 else { return latencyMs }
        return latencyMs + state.withLock { Int($0.random.next() % UInt64(jitterMs + 1)) }
    }

    /// Takes (and uses up) the first armed switch of one of `kinds` matching this request.
    func take(
        _ matches: (SimFault.Kind) -> Bool, account: String?, path: String, method: String, now: Int64
    ) -> SimFault? {
        state.withLock { state in
            state.armed.removeAll { $0.expiresAt.map { $0 <= now } ?? false }
            guard
                let index = state.armed.firstIndex(where: { armed in
                    let fault = armed.fault
                    guard matches(fault.kind) else { return false }
                    if fault.kind == .dropReplyAfterApply, method != "POST" { return false }
                    if let target = fault.account, target != account { return false }
                    if let target = fault.path, target != path { return false }
                    return true
                })
            else { return nil }
            let fault = state.armed[index].fault
            if let count = fault.count {
                if count <= 1 { state.armed.remove(at: index) } else { state.armed[index].fault.count = count - 1 }
            }
            return fault
        }
    }
}
