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
    public let store: AnchorStore
    public let transport: any Transport
    public let rateLimiter: RateLimiter
    public let clients: [String: OKXClient]
    public let instruments: InstrumentCatalog
    public let runner: ActionRunner
    public let poller: Poller
    public let logger: Logger

    /// - Parameters:
    ///   - checkpoint: see `ActionRunner`; the command line wires `OKX_ANCHOR_CRASH_AT` to it.
    public init(
        config: AppConfig, transport: any Transport, store: AnchorStore, runnerOptions: RunnerOptions = RunnerOptions(),
        checkpoint: @escaping @Sendable (String) throws -> Void = { _ in },
        logger: Logger = Logger(label: "okx-anchor")
    ) {
        self.config = config
        self.store = store
        self.transport = transport
        self.logger = logger
        let rateLimiter = RateLimiter()
        self.rateLimiter = rateLimiter
        let clock = ServerClock()
        var clients: [String: OKXClient] = [:]
        var accounts: [Poller.Account] = []
        for account in config.accounts {
            let client = OKXClient(
                baseURL: config.baseURL, credentials: account.credentials, simulatedTrading: config.simulatedTrading,
                transport: transport, rateLimiter: rateLimiter, serverClock: clock,
                logger: Logger(label: "okx-anchor.okx"))
            clients[account.name] = client
            accounts.append(Poller.Account(config: account, client: client))
        }
        self.clients = clients
        let publicClient = OKXClient(
            baseURL: config.baseURL, credentials: nil, simulatedTrading: config.simulatedTrading, transport: transport,
            rateLimiter: rateLimiter, serverClock: clock)
        instruments = InstrumentCatalog(client: publicClient)
        runner = ActionRunner(
            store: store, clients: clients, instruments: instruments, policy: config.policy, options: runnerOptions,
            checkpoint: checkpoint, logger: Logger(label: "okx-anchor.runner"))
        poller = Poller(
            accounts: accounts, instruments: instruments, store: store, policy: config.policy, rateLimiter: rateLimiter,
            interval: .milliseconds(Int64(config.refreshSeconds * 1000)), logger: Logger(label: "okx-anchor.poller"))
    }

    /// Marks actions left `running` by a process that is gone as interrupted, so they are shown and can be resumed.
    /// Returns them.
    @discardableResult
    public func recoverOrphans() throws(StoreError) -> [ActionRecord] {
        try store.interruptOrphans(at: Date()) { pid in
            pid == getpid() ? false : kill(pid, 0) == 0 || errno == EPERM
        }
    }

    /// An autopilot over this engine's runner.
    public func makeAutopilot(
        onProgress: @escaping @Sendable (ActionProgress) -> Void = { _ in },
        onResult: @escaping @Sendable (ActionResult) -> Void = { _ in }
    ) -> Autopilot {
        Autopilot(
            runner: runner, settings: config.autopilot, logger: Logger(label: "okx-anchor.autopilot"),
            onProgress: onProgress, onResult: onResult)
    }

    /// The key of a position named on the command line: account and instrument, and a side when both are open.
    public func resolve(account: String, instId: String, side: PositionSide?) async throws -> PositionKey {
        guard clients[account] != nil else {
            let names = config.accounts.map(\.name).joined(separator: ", ")
            throw PlanningError("no account named \(account) (accounts: \(names))")
        }
        if let side { return PositionKey(account: account, instId: instId, posSide: side) }
        let positions = try await clients[account]!.positions(instIds: [instId]).filter(\.isOpen)
        let sides = Set(positions.map(\.posSide))
        guard let only = sides.first else {
            // An interrupted maintenance may have no position left: take its side from the journal.
            if let held = try store.unfinishedActions().first(where: { $0.account == account && $0.instId == instId }) {
                return held.key
            }
            throw PlanningError("no open position on \(instId) in \(account)")
        }
        guard sides.count == 1 else {
            throw PlanningError("\(account) holds both sides of \(instId): say --side long or --side short")
        }
        return PositionKey(account: account, instId: instId, posSide: only)
    }
}
