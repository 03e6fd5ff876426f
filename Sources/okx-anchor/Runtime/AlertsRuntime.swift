import AnchorCore
import Foundation

/// The alerts of a running dashboard or daemon: a notifier fed by the poller's snapshots, on a task of its own.
final class AlertsRuntime: Sendable {
    let notifier: Notifier
    private let task: Task<Void, Never>

    /// Starts alerting for `engine`; `demo` says the environment is the built-in paper exchange.
    init(engine: Engine, demo: Bool) async {
        let environment = ProcessInfo.processInfo.environment
        notifier = Notifier(
            engine: engine,
            environment: Alert.environmentLabel(demo: demo, simulatedTrading: engine.config.simulatedTrading),
            language: Language.forAlerts(config: engine.config.language, environment: environment))
        let snapshots = await engine.poller.subscribe()
        let notifier = notifier
        task = Task { await notifier.run(snapshots) }
    }

    /// Records an alert about the process itself (the daemon's start and stop).
    func process(_ kind: AlertKind, detail: String? = nil) async {
        let alert = await notifier.process(kind, detail: detail)
        await notifier.record(alert)
    }

    /// Stops reading snapshots, then gives the channels up to `grace` to send what is queued; what is left stays in
    /// the store for the next start.
    func stop(grace: Duration = .seconds(10)) async {
        task.cancel()
        let notifier = notifier
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await notifier.stop() }
            group.addTask { try? await Task.sleep(for: grace) }
            await group.next()
            group.cancelAll()
        }
    }
}
