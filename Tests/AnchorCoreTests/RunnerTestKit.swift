import AnchorCore
import AnchorStore
import Foundation
import OKX
import PaperExchange
import TestSupport

/// Runs a body with a fresh paper exchange and engine, and stops both however the body ends.
func withHarness<T>(
    options: PaperExchangeOptions = PaperExchangeOptions(), policy: Policy = .houseDefault, store: Store? = nil,
    checkpoint: @escaping @Sendable (String) throws -> Void = { _ in },
    _ body: (SimHarness) async throws -> T
) async throws -> T {
    let harness = try await SimHarness.start(options: options, policy: policy, store: store, checkpoint: checkpoint)
    do {
        let value = try await body(harness)
        await harness.stop()
        return value
    } catch {
        await harness.stop()
        throw error
    }
}

extension SimHarness {
    /// Holds a position's mark at its entry price so that its upl is 0.
    func holdMarkAtEntry(_ key: AnchorStore.PositionKey) async throws {
        let position = try await self.position(key)
        guard let average = position?.avgPx else { throw PlanningError("no position \(key)") }
        try server.setMark(key.instId, average)
    }

    /// Plans and runs, as a confirmed manual action.
    func plannedRun(
        _ kind: ActionKind, _ key: AnchorStore.PositionKey, origin: ActionOrigin = .manual
    ) async throws -> ActionResult {
        let plan = try await engine.runner.plan(kind, for: key)
        return await engine.runner.run(plan, origin: origin)
    }
}

/// A checkpoint hook that throws `SimulatedCrash` the first time it reaches `name`.
final class CrashOnce: Sendable {
    let name: String
    private let fired = MutexBox(false)

    init(at name: String) { self.name = name }

    var hook: @Sendable (String) throws -> Void {
        { [self] checkpoint in
            guard checkpoint == name, !fired.exchange(true) else { return }
            throw SimulatedCrash(checkpoint: checkpoint)
        }
    }

    var didFire: Bool { fired.value }
}

/// A tiny lock-protected value.
final class MutexBox<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    /// Sets a new value and returns the old one.
    func exchange(_ new: Value) -> Value {
        lock.withLock {
            let old = stored
            stored = new
            return old
        }
    }
}

let wuCRO = AnchorStore.PositionKey(account: "Wu666666", instId: "CRO-USDT-SWAP", posSide: .long)
let wuAPT = AnchorStore.PositionKey(account: "Wu666666", instId: "APT-USDT-SWAP", posSide: .long)
let inBand: ClosedRange<Decimal> = Decimal(string: "9.5")!...Decimal(string: "10.5")!
