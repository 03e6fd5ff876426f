public import AnchorStore
import Foundation
public import Logging
public import OKX

#if canImport(Glibc)
    import Glibc
#endif

/// How deliveries are retried, spaced and coalesced.
public struct DeliveryOptions: Sendable, Hashable {
    /// Tries per message before giving up.
    public var maxAttempts: Int
    /// The wait after the first failed try; doubled after each next one, up to `maxBackoff`.
    public var firstBackoff: Duration
    public var maxBackoff: Duration
    /// Identical alerts (same kind, account, instrument, side) created within this time of the first are sent as
    /// one message with a count.
    public var coalesceWindow: Duration
    /// Time allowed for one request to a service.
    public var requestTimeout: Duration
    /// How long a claimed delivery stays this process's before another process may take it over.
    public var lease: Duration

    public init(
        maxAttempts: Int = 4, firstBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(30),
        coalesceWindow: Duration = .seconds(60), requestTimeout: Duration = .seconds(10),
        lease: Duration = .seconds(120)
    ) {
        self.maxAttempts = maxAttempts
        self.firstBackoff = firstBackoff
        self.maxBackoff = maxBackoff
        self.coalesceWindow = coalesceWindow
        self.requestTimeout = requestTimeout
        self.lease = lease
    }
}

/// How one message's delivery ended.
public struct DeliveryOutcome: Sendable, Hashable {
    public var delivered: Bool
    public var attempts: Int
    /// Why it was given up (with no secret in it), or nil.
    public var reason: String?
}

/// Delivers stored alerts to the configured channels, each channel on a task of its own, so a slow or failing
/// service never delays the poller, an action or another channel.
///
/// The store is the queue: `wake()` makes every channel claim what is pending for it (also what a process that
/// stopped before delivering left), send it within the service's rate limit with retries, and mark it done.
public final class AlertDeliverer: Sendable {
    public let workers: [ChannelWorker]
    private let tasks: [Task<Void, Never>]

    public init(
        channels: [NotifyChannel], store: Store, transport: any Transport, clock: any WallClock, logger: Logger,
        options: DeliveryOptions = DeliveryOptions()
    ) {
        let owner = getpid()
        workers = channels.map { channel in
            ChannelWorker(
                channel: channel, store: store, transport: transport, clock: clock, logger: logger, owner: owner,
                options: options)
        }
        tasks = workers.map { worker in Task { await worker.run() } }
        wake()
    }

    /// Looks for pending alerts now.
    public func wake() {
        for worker in workers { worker.wake() }
    }

    /// Stops every channel; what is not delivered stays in the store for the next start.
    public func stop() async {
        for worker in workers { worker.finish() }
        for task in tasks { await task.value }
    }

    /// Stops at once, abandoning sends in flight (they stay pending in the store).
    public func cancel() {
        for task in tasks { task.cancel() }
    }
}

/// One channel's queue and sender.
public actor ChannelWorker {
    public nonisolated let channel: NotifyChannel
    /// Nil for a message sent outside the queue (`notify --test`).
    let store: Store?
    let transport: any Transport
    let clock: any WallClock
    let logger: Logger
    let owner: Int32
    /// This worker's own mark on the deliveries it claims: two deliverers of one process never take each other's.
    let token = UUID().uuidString
    let options: DeliveryOptions
    private var lastSentAt: Date?
    private nonisolated let wakeups: AsyncStream<Void>
    private nonisolated let wakeupInput: AsyncStream<Void>.Continuation

    init(
        channel: NotifyChannel, store: Store?, transport: any Transport, clock: any WallClock, logger: Logger,
        owner: Int32, options: DeliveryOptions
    ) {
        self.channel = channel
        self.store = store
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.owner = owner
        self.options = options
        (wakeups, wakeupInput) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    nonisolated func wake() { wakeupInput.yield() }

    nonisolated func finish() { wakeupInput.finish() }

    func run() async {
        for await _ in wakeups {
            await drain()
        }
    }

    /// Sends everything claimable, oldest first, until nothing is left.
    func drain() async {
        guard let store else { return }
        while !Task.isCancelled {
            let claimed: [StoredAlert]
            do {
                claimed = try store.claimDeliveries(
                    channel: channel.name, owner: owner, token: token, now: clock.now(), lease: options.lease.seconds,
                    limit: 10,
                    isAlive: { pid in kill(pid, 0) == 0 || errno == EPERM })
            } catch {
                let line = "alerts to \(channel.name): could not read the queue: \(error)"
                logger.error("\(line)")
                return
            }
            if claimed.isEmpty { return }
            for group in Self.coalesce(claimed, window: options.coalesceWindow) {
                let first = group[0].draft
                let message = AlertMessage(text: first.text, storedPayload: first.payload, count: group.count)
                let outcome = await deliver(message)
                if Task.isCancelled && !outcome.delivered { return }
                do {
                    try store.finishDeliveries(
                        group.map(\.id), channel: channel.name, delivered: outcome.delivered,
                        attempts: outcome.attempts, error: outcome.reason, at: clock.now())
                } catch {
                    let line = "alerts to \(channel.name): could not record a delivery: \(error)"
                    logger.error("\(line)")
                }
            }
        }
    }

    /// Runs of identical alerts (same signature) within the window of the run's first, in order.
    static func coalesce(_ alerts: [StoredAlert], window: Duration) -> [[StoredAlert]] {
        var groups: [[StoredAlert]] = []
        for alert in alerts {
            if let first = groups.last?.first, first.draft.signature == alert.draft.signature,
                alert.draft.createdAt.timeIntervalSince(first.draft.createdAt) <= window.seconds
            {
                groups[groups.count - 1].append(alert)
            } else {
                groups.append([alert])
            }
        }
        return groups
    }

    /// Sends one message within the channel's spacing, retrying timeouts, 5xx and "too many requests" with backoff.
    public func deliver(_ message: AlertMessage) async -> DeliveryOutcome {
        var attempts = 0
        var backoff = options.firstBackoff
        while true {
            attempts += 1
            if let lastSentAt {
                do {
                    try await clock.sleep(until: lastSentAt.addingTimeInterval(channel.spacing.seconds))
                } catch {
                    return DeliveryOutcome(delivered: false, attempts: attempts - 1, reason: "stopped")
                }
            }
            var request = ChannelRequest.make(channel, message, now: clock.now())
            request.timeout = options.requestTimeout
            lastSentAt = clock.now()
            let verdict: DeliveryVerdict
            do {
                verdict = ChannelRequest.verdict(channel.kind, try await transport.send(request))
            } catch let error as TransportError {
                if error.kind == .cancelled || error.kind == .invalidRequest {
                    return giveUp(attempts, error.description)
                }
                verdict = .retry(reason: error.description, after: nil)
            } catch {
                verdict = .retry(reason: "\(error)", after: nil)
            }
            switch verdict {
            case .delivered:
                let line = "alert delivered to \(channel.name) (\(message.count) alert(s), try \(attempts))"
                logger.debug("\(line)")
                return DeliveryOutcome(delivered: true, attempts: attempts, reason: nil)
            case .refused(let reason):
                return giveUp(attempts, reason)
            case .retry(let reason, let after):
                guard attempts < options.maxAttempts else { return giveUp(attempts, reason) }
                let wait = min(max(after ?? backoff, .zero), options.maxBackoff)
                let line =
                    "alert to \(channel.name): try \(attempts) failed (\(channel.redact(reason))); again in \(wait)"
                logger.warning("\(line)")
                backoff = min(backoff * 2, options.maxBackoff)
                do {
                    try await clock.sleep(for: wait)
                } catch {
                    return DeliveryOutcome(delivered: false, attempts: attempts, reason: "stopped")
                }
            }
        }
    }

    private func giveUp(_ attempts: Int, _ reason: String) -> DeliveryOutcome {
        let reason = channel.redact(reason)
        let tries = attempts == 1 ? "1 try" : "\(attempts) tries"
        let line = "alert to \(channel.name) given up after \(tries): \(reason)"
        logger.error("\(line)")
        return DeliveryOutcome(delivered: false, attempts: attempts, reason: reason)
    }
}

extension AlertDeliverer {
    /// Sends `alert` to every channel at once, outside the store (`okx-anchor notify --test`): each channel's
    /// outcome, in the channels' order.
    public static func sendNow(
        _ alert: Alert, language: Language, to channels: [NotifyChannel], transport: any Transport,
        clock: any WallClock = SystemClock(), logger: Logger, options: DeliveryOptions = DeliveryOptions()
    ) async -> [DeliveryOutcome] {
        let message = AlertMessage(text: alert.text(language), storedPayload: alert.payload(language))
        return await withTaskGroup(of: (Int, DeliveryOutcome).self) { group in
            for (index, channel) in channels.enumerated() {
                let worker = ChannelWorker(
                    channel: channel, store: nil, transport: transport, clock: clock, logger: logger, owner: getpid(),
                    options: options)
                group.addTask { (index, await worker.deliver(message)) }
            }
            var outcomes = [DeliveryOutcome?](repeating: nil, count: channels.count)
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes.map { $0 ?? DeliveryOutcome(delivered: false, attempts: 0, reason: "not sent") }
        }
    }
}

extension Language {
    /// The language of alerts: the config's `lang`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG` starting
    /// with `zh` give Chinese), as the dashboard decides.
    public static func forAlerts(config: Language?, environment: [String: String]) -> Language {
        if let config { return config }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }
}
