public import AnchorStore
public import Foundation

/// How the alerts are doing, for the dashboard's header and `doctor`: what is not delivered, which channels fail.
public struct AlertHealth: Sendable, Hashable {
    /// Alerts waiting to be sent, plus those given up on in the last day.
    public var undelivered: Int
    /// Channels whose newest delivery was given up, by name.
    public var failing: [String]

    public init(undelivered: Int, failing: [String]) {
        self.undelivered = undelivered
        self.failing = failing
    }

    /// From the store's per-channel status.
    public init(_ statuses: [AlertChannelStatus]) {
        undelivered = statuses.reduce(0) { $0 + $1.pending + $1.failed }
        failing = statuses.filter(\.failing).map(\.channel)
    }

    /// Whether there is anything to say.
    public var isHealthy: Bool { undelivered == 0 && failing.isEmpty }

    /// `snapshots` with `alerts` filled in from the store (failures of the last 24 hours), or unchanged when there
    /// are no channels. One small query per snapshot.
    public static func annotating(
        _ snapshots: AsyncStream<Snapshot>, store: Store, channels: [NotifyChannel]
    ) -> AsyncStream<Snapshot> {
        guard !channels.isEmpty else { return snapshots }
        let (stream, continuation) = AsyncStream<Snapshot>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let task = Task {
            for await snapshot in snapshots {
                var snapshot = snapshot
                let since = snapshot.takenAt.addingTimeInterval(-86_400)
                snapshot.alerts = (try? store.alertChannelStatus(since: since)).map(AlertHealth.init)
                continuation.yield(snapshot)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// `doctor`'s lines: one per channel, with what is pending or failed and the newest reason.
    public static func doctorLines(channels: [NotifyChannel], statuses: [AlertChannelStatus]) -> [String] {
        guard !channels.isEmpty else { return [] }
        let width = channels.map(\.name.count).max() ?? 0
        var lines = ["Alerts (\(channels.count) channel\(channels.count == 1 ? "" : "s")):"]
        for channel in channels {
            let name = channel.name.padding(toLength: width, withPad: " ", startingAt: 0)
            guard let status = statuses.first(where: { $0.channel == channel.name }) else {
                lines.append("  \(name)  ok (nothing sent yet; try okx-anchor notify --test)")
                continue
            }
            var parts: [String] = []
            if status.pending > 0 { parts.append("\(status.pending) waiting") }
            if status.failed > 0 { parts.append("\(status.failed) given up in the last 24 h") }
            var line = "  \(name)  " + (status.failing ? "FAILING" : "ok")
            if !parts.isEmpty { line += ": " + parts.joined(separator: ", ") }
            if status.failing || status.failed > 0, let reason = status.lastError { line += " (last: \(reason))" }
            lines.append(line)
        }
        return lines
    }
}
