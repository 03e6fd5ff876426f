public import AnchorStore
import Foundation
public import Logging
public import OKX

#if canImport(Glibc)
    import Glibc
#endif

/// Turns what the engine sees into stored alerts and has them delivered: the positions and accounts of each
/// snapshot (through `AlertDetector`), the actions in the journal, and the daemon's start and stop.
///
/// Every alert goes through the store with a key unique to its event, so when the dashboard and the daemon run on
/// one database each event is written, and so sent, once. Runs on its own task, after the poller has published:
/// it never delays a poll or an action.
public actor Notifier {
    public let channels: [NotifyChannel]
    public let environment: String
    public let language: Language
    let store: Store
    let clock: any WallClock
    let logger: Logger
    let deliverer: AlertDeliverer?
    private var detector: AlertDetector
    private let startedAt: Date
    private var actionAlerts: Set<String> = []

    public init(
        config: AppConfig, environment: String, language: Language, store: Store, transport: any Transport,
        clock: any WallClock, logger: Logger, options: DeliveryOptions = DeliveryOptions()
    ) {
        channels = config.notify
        self.environment = environment
        self.language = language
        self.store = store
        self.clock = clock
        self.logger = logger
        detector = AlertDetector(
            environment: environment, settings: config.alerts, trigger: config.policy.maintenanceTrigger,
            pollInterval: config.refreshSeconds)
        startedAt = clock.now()
        var options = options
        options.requestTimeout = min(options.requestTimeout, config.requestTimeout)
        deliverer =
            config.notify.isEmpty
            ? nil
            : AlertDeliverer(
                channels: config.notify, store: store, transport: transport, clock: clock, logger: logger,
                options: options)
    }

    /// A notifier over an engine's store, transport and clock.
    public init(engine: Engine, environment: String, language: Language, options: DeliveryOptions = DeliveryOptions()) {
        self.init(
            config: engine.config, environment: environment, language: language, store: engine.store,
            transport: engine.transport, clock: engine.clock, logger: Logger(label: "okx-anchor.notify"),
            options: options)
    }

    /// Handles every snapshot until the stream ends.
    public func run(_ snapshots: AsyncStream<Snapshot>) async {
        for await snapshot in snapshots {
            handle(snapshot)
        }
    }

    /// Stores the alerts this snapshot and the journal call for, then wakes the channels.
    public func handle(_ snapshot: Snapshot) {
        guard !channels.isEmpty else { return }
        for change in detector.observe(snapshot) {
            let wanted = change.alert.map { alert in channels.filter { $0.wants(alert.kind) }.map(\.name) } ?? []
            do {
                try store.setAlertCondition(
                    change.key, active: change.active, at: snapshot.takenAt,
                    alert: wanted.isEmpty ? nil : change.alert?.draft(language: language), channels: wanted)
            } catch {
                let line = "alerts: could not record a condition: \(error)"
                logger.error("\(line)")
            }
        }
        scanActions()
        deliverer?.wake()
    }

    /// Stores one alert (the daemon's start and stop) and wakes the channels.
    @discardableResult
    public func record(_ alert: Alert) -> Int64? {
        let wanted = channels.filter { $0.wants(alert.kind) }.map(\.name)
        guard !wanted.isEmpty else { return nil }
        defer { deliverer?.wake() }
        do {
            return try store.insertAlert(alert.draft(language: language), channels: wanted)
        } catch {
            let line = "alerts: could not record one: \(error)"
            logger.error("\(line)")
            return nil
        }
    }

    /// An alert about the process itself, e.g. `daemonStarted`.
    public func process(_ kind: AlertKind, detail: String? = nil) -> Alert {
        let time = clock.now()
        let stamp = Int64((time.timeIntervalSince1970 * 1000).rounded(.down))
        return Alert(
            kind: kind, environment: environment, detail: detail, time: time,
            dedupKey: "process|\(getpid())|\(kind.rawValue)|\(stamp)")
    }

    /// Stops the channels once what is queued has been tried (bounded by `timeout` of the clock).
    public func stop() async {
        await deliverer?.stop()
    }

    /// Actions started by the autopilot, and actions that completed, failed or were interrupted, since this
    /// notifier started. The dedup key is the action's id and state, the same in every process.
    private func scanActions() {
        let actions: [ActionRecord]
        do {
            actions = try store.recentActions(limit: 20)
        } catch {
            return
        }
        for action in actions.reversed() where action.updatedAt >= startedAt.addingTimeInterval(-1) {
            // An autopilot action may start and end between two snapshots: its start is said all the same, first.
            if action.origin == .autopilot, action.createdAt >= startedAt.addingTimeInterval(-1) {
                recordAction(action, .actionStarted, time: action.createdAt)
            }
            switch action.state {
            case .completed: recordAction(action, .actionCompleted, time: action.updatedAt)
            case .failed: recordAction(action, .actionFailed, time: action.updatedAt)
            case .interrupted: recordAction(action, .actionInterrupted, time: action.updatedAt)
            default: continue
            }
        }
    }

    private func recordAction(_ action: ActionRecord, _ kind: AlertKind, time: Date) {
        let dedupKey = "action|\(action.id)|\(kind.rawValue)"
        guard !actionAlerts.contains(dedupKey) else { return }
        actionAlerts.insert(dedupKey)
        let steps = kind == .actionStarted ? [] : (try? store.steps(actionId: action.id)) ?? []
        var facts = [Alert.Fact("action", "\(action.kind.rawValue) (\(action.origin.rawValue))")]
        if !steps.isEmpty { facts.append(.init("steps", Self.stepsLine(steps))) }
        let detail = [action.summary, action.errorMessage].compactMap { $0 }.joined(separator: "; ")
        record(
            Alert(
                kind: kind, environment: environment, account: action.account, instId: action.instId,
                side: action.posSide.rawValue, facts: facts,
                detail: kind == .actionStarted || detail.isEmpty ? nil : detail, time: time, dedupKey: dedupKey))
    }

    /// The steps' outcome in one line: `leverage done, margin_reduce done ×3, open failed`.
    static func stepsLine(_ steps: [StepRecord]) -> String {
        var runs: [(String, Int)] = []
        for step in steps {
            let text = "\(step.kind.rawValue) \(step.state.rawValue)"
            if runs.last?.0 == text { runs[runs.count - 1].1 += 1 } else { runs.append((text, 1)) }
        }
        return runs.map { $0.1 > 1 ? "\($0.0) ×\($0.1)" : $0.0 }.joined(separator: ", ")
    }
}
