public import AnchorStore
public import Foundation
public import Logging

/// Runs the policy without a hand on the keys: corrections on a schedule and maintenance at the trigger.
///
/// Off unless armed. Never touches a position with an action running or interrupted, never maintains past
/// `max_maintenances`, and every action it starts is journaled with origin `autopilot`.
public actor Autopilot {
    let runner: ActionRunner
    let settings: AutopilotSettings
    let maxConcurrent: Int
    let cooldown: TimeInterval
    let clock: any WallClock
    let logger: Logger
    let onProgress: @Sendable (ActionProgress) -> Void
    let onResult: @Sendable (ActionResult) -> Void
    public private(set) var isArmed: Bool
    private var lastSweep: Date?
    private var inFlight: Set<PositionKey> = []
    /// Positions whose last autopilot maintenance did not complete, and when: not tried again before `cooldown`.
    private var resting: [PositionKey: Date] = [:]
    private var tasks: [PositionKey: Task<Void, Never>] = [:]

    /// - Parameters:
    ///   - cooldown: seconds before a position whose autopilot action failed is tried again.
    ///   - clock: the sweep schedule and the cooldown are kept on it.
    public init(
        runner: ActionRunner, settings: AutopilotSettings, maxConcurrent: Int = 4, cooldown: TimeInterval = 600,
        clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "okx-anchor.autopilot"),
        onProgress: @escaping @Sendable (ActionProgress) -> Void = { _ in },
        onResult: @escaping @Sendable (ActionResult) -> Void = { _ in }
    ) {
        self.runner = runner
        self.settings = settings
        self.maxConcurrent = maxConcurrent
        self.cooldown = cooldown
        self.clock = clock
        self.logger = logger
        self.onProgress = onProgress
        self.onResult = onResult
        self.isArmed = settings.enabled
    }

    public func arm() { isArmed = true }

    public func disarm() { isArmed = false }

    /// Arms or disarms; returns the new state.
    @discardableResult
    public func toggle() -> Bool {
        isArmed.toggle()
        return isArmed
    }

    /// Positions the autopilot is acting on now.
    public var activeKeys: Set<PositionKey> { inFlight }

    /// Looks at a snapshot and starts what is due. Returns the actions started, as (key, kind).
    @discardableResult
    public func consider(_ snapshot: Snapshot) -> [(PositionKey, ActionKind)] {
        guard isArmed else { return [] }
        // Counts and holds the store could not give are not a basis for max_maintenances or one-action-per-position.
        if let storeError = snapshot.storeError {
            logger.error("autopilot: nothing started while the store cannot be read: \(storeError)")
            return []
        }
        let now = clock.now()
        var started: [(PositionKey, ActionKind)] = []
        let sweepDue = lastSweep.map { now.timeIntervalSince($0) >= settings.correctionInterval.seconds } ?? true
        if sweepDue { lastSweep = now }
        for view in snapshot.positions where view.isManaged {
            guard inFlight.count < maxConcurrent else { break }
            let key = view.key
            guard !inFlight.contains(key) else { continue }
            if let since = resting[key], now.timeIntervalSince(since) < cooldown { continue }
            switch view.status {
            case .maintenanceDue where view.maintenanceCount < settings.maxMaintenances:
                start(.maintenance, key)
                started.append((key, .maintenance))
            case .aboveBand where sweepDue, .belowBand where sweepDue:
                start(.correction, key)
                started.append((key, .correction))
            default:
                continue
            }
        }
        return started
    }

    /// Waits for every action the autopilot started (daemon shutdown, tests).
    public func drain() async {
        while let (key, task) = tasks.first {
            await task.value
            tasks[key] = nil
        }
    }

    private func start(_ kind: ActionKind, _ key: PositionKey) {
        inFlight.insert(key)
        let runner = self.runner
        let onProgress = self.onProgress
        tasks[key] = Task {
            let result: ActionResult
            do {
                let plan = try await runner.plan(kind, for: key)
                result = await runner.run(plan, origin: .autopilot, progress: onProgress)
            } catch {
                result = ActionResult(
                    actionId: nil, key: key, kind: kind, state: .refused, summary: "could not plan: \(error)")
            }
            self.finished(key, result)
        }
    }

    private func finished(_ key: PositionKey, _ result: ActionResult) {
        inFlight.remove(key)
        tasks[key] = nil
        if result.state == .completed {
            resting[key] = nil
        } else {
            resting[key] = clock.now()
        }
        logger.debug("autopilot \(result.kind.rawValue) \(key): \(result.state.rawValue): \(result.summary)")
        onResult(result)
    }
}

extension Duration {
    /// Whole and fractional seconds.
    public var seconds: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
