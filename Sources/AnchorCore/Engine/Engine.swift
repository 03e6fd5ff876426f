public import AnchorStore
import Foundation
public import Logging
public import OKX

#if canImport(Glibc)
    import Glibc
#endif

/// Everything wired together from a config: clients, store, poller, runner, autopilot.
///
/// The dashboard, the headless commands and the daemon all build one `Engine` and differ only in what they do
/// with it.
public final class Engine: Sendable {
    public let config: AppConfig
    public let store: Store
    public let transport: any Transport
    public let rateLimiter: RateLimiter
    public let clients: [String: OKXClient]
    /// Every account with its client, in the config's order: what the poller reads (a test builds pollers of its own
    /// from it).
    public let pollerAccounts: [Poller.Account]
    public let instruments: InstrumentCatalog
    public let runner: ActionRunner
    public let poller: Poller
    /// The time everything here reads: the system's clock, or a test's.
    public let clock: any WallClock
    public let logger: Logger

    /// - Parameters:
    ///   - checkpoint: see `ActionRunner`; the command line wires `OKX_ANCHOR_CRASH_AT` to it.
    public init(
        config: AppConfig, transport: any Transport, store: Store, runnerOptions: RunnerOptions = RunnerOptions(),
        checkpoint: @escaping @Sendable (String) throws -> Void = { _ in }, clock: any WallClock = SystemClock(),
        logger: Logger = Logger(label: "okx-anchor")
    ) {
        self.config = config
        self.clock = clock
        self.store = store
        self.transport = transport
        self.logger = logger
        let rateLimiter = RateLimiter()
        self.rateLimiter = rateLimiter
        let serverClock = ServerClock()
        var clients: [String: OKXClient] = [:]
        var accounts: [Poller.Account] = []
        for account in config.accounts {
            let client = OKXClient(
                baseURL: config.baseURL, credentials: account.credentials, simulatedTrading: config.simulatedTrading,
                transport: transport, rateLimiter: rateLimiter, serverClock: serverClock,
                logger: Logger(label: "okx-anchor.okx"))
            clients[account.name] = client
            accounts.append(Poller.Account(config: account, client: client))
        }
        self.clients = clients
        pollerAccounts = accounts
        let publicClient = OKXClient(
            baseURL: config.baseURL, credentials: nil, simulatedTrading: config.simulatedTrading, transport: transport,
            rateLimiter: rateLimiter, serverClock: serverClock)
        instruments = InstrumentCatalog(client: publicClient, clock: clock)
        runner = ActionRunner(
            store: store, clients: clients, managedAccounts: Set(config.accounts.filter(\.manage).map(\.name)),
            instruments: instruments, policy: config.policy, options: runnerOptions, now: { clock.now() },
            checkpoint: checkpoint, logger: Logger(label: "okx-anchor.runner"))
        poller = Poller(
            accounts: accounts, instruments: instruments, store: store, policy: config.policy, rateLimiter: rateLimiter,
            interval: .milliseconds(Int64(config.refreshSeconds * 1000)), readsPerSecond: config.readsPerSecond,
            readTimeout: Self.pollReadTimeout(config), clock: clock,
            logger: Logger(label: "okx-anchor.poller"))
    }

    /// How long a poll waits for an account it read before: twice the refresh, at least 2 s, at most the request
    /// timeout. An account that hangs then holds a poll that long at most (not the 10 s a request may take), shows
    /// "timed out" and is read again at the next poll; actions and first reads keep the request timeout.
    static func pollReadTimeout(_ config: AppConfig) -> Duration {
        let twice = Duration.milliseconds(Int64(config.refreshSeconds * 2000))
        return min(config.requestTimeout, max(.seconds(2), twice))
    }

    /// Marks actions left `running` by a process that is gone as interrupted, so they are shown and can be resumed.
    /// Returns them.
    @discardableResult
    public func recoverOrphans() throws(StoreError) -> [ActionRecord] {
        try store.interruptOrphans(at: clock.now()) { pid in
            pid == getpid() ? false : kill(pid, 0) == 0 || errno == EPERM
        }
    }

    /// An autopilot over this engine's runner.
    public func makeAutopilot(
        onProgress: @escaping @Sendable (ActionProgress) -> Void = { _ in },
        onResult: @escaping @Sendable (ActionResult) -> Void = { _ in }
    ) -> Autopilot {
        Autopilot(
            runner: runner, settings: config.autopilot, clock: clock, logger: Logger(label: "okx-anchor.autopilot"),
            onProgress: onProgress, onResult: onResult)
    }

    /// The position named on the command line: an account and an instrument, narrowed by `--side` and
    /// `--pos-id` until exactly one open position is left. More than one (both sides, or cross beside isolated) is
    /// an `AmbiguousPosition` listing them, so the command can ask for the one meant.
    public func resolve(
        account: String, instId: String, side: PositionSide?, posId: String? = nil
    ) async throws -> PositionKey {
        guard let client = clients[account] else {
            let names = config.accounts.map(\.name).joined(separator: ", ")
            throw PlanningError("no account named \(account) (accounts: \(names))")
        }
        let positions = try await client.positions(instIds: [instId]).filter(\.isOpen).filter { position in
            (side.map { position.posSide == $0 || position.direction.map(\.rawValue) == $0.rawValue } ?? true)
                && (posId.map { position.posId == $0 } ?? true)
        }
        guard let only = positions.first else {
            // An interrupted maintenance may have no position left: take its key from the journal.
            let held = try store.unfinishedActions().filter { action in
                action.account == account && action.instId == instId && (side.map { action.posSide == $0 } ?? true)
                    && (posId.map { action.posId == $0 } ?? true)
            }
            if held.count == 1 { return held[0].key }
            let which = [side.map { "\($0.rawValue) " }, posId.map { "posId \($0) " }].compactMap { $0 }.joined()
            throw PlanningError("no open \(which)position on \(instId) in \(account)")
        }
        guard positions.count == 1 else {
            throw AmbiguousPosition(account: account, instId: instId, positions: positions)
        }
        return PositionKey(account: account, position: only)
    }
}

/// More than one open position matches what the command line named; each is listed so the trader can pick one with
/// `--pos-id` (or `--side`).
public struct AmbiguousPosition: Error, Sendable, CustomStringConvertible {
    public var account: String
    public var instId: String
    public var positions: [Position]

    public var description: String {
        var lines = ["\(account) holds \(positions.count) open positions on \(instId); say which with --pos-id:"]
        for position in positions {
            let direction = position.direction?.rawValue ?? "?"
            let mode = position.isOneWay ? "one-way " : ""
            lines.append(
                "  --pos-id \(position.posId)  \(mode)\(direction) \(position.mgnMode) "
                    + "\(position.pos.absoluteValue) contracts, "
                    + "margin \(position.margin.map(Format.usdt) ?? "-") \(position.ccy ?? "")")
        }
        return lines.joined(separator: "\n")
    }
}
