package import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// The paper exchange on loopback: an OKX v5-compatible HTTP server over a scenario, with in-process control
/// for tests (marks, time, faults, state).
///
/// ```swift
/// let server = try await PaperExchangeServer.start(scenario: BuiltInScenarios.demo, options: .init())
/// defer { Task { await server.stop() } }
/// print(server.baseURL)   // http://127.0.0.1:54321
/// ```
package final class PaperExchangeServer: Sendable {
    /// `http://host:port`, the base URL OKX clients take.
    package let baseURL: String
    /// The bound port.
    package let port: Int
    /// The scenario's accounts with their keys.
    package let accounts: [SimAccount]
    let service: ExchangeService
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    private let stopFlag: StopFlag

    private init(
        baseURL: String, port: Int, service: ExchangeService, group: ServiceGroup, task: Task<Void, any Error>,
        stopFlag: StopFlag
    ) {
        self.baseURL = baseURL
        self.port = port
        accounts = service.accounts
        self.service = service
        self.group = group
        self.task = task
        self.stopFlag = stopFlag
    }

    /// Starts an exchange for a scenario and returns once it is listening.
    package static func start(
        scenario: Scenario, options: PaperExchangeOptions = PaperExchangeOptions()
    ) async throws
        -> PaperExchangeServer
    {
        let service = try ExchangeService(scenario: scenario, options: options)
        let stopFlag = StopFlag()
        var logger = Logger(label: "okx-anchor.paper-exchange")
        logger.logLevel = .error
        let ready = ReadySignal()
        let app = Application(
            responder: SimResponder(service: service, stop: stopFlag),
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: options.port), serverName: nil, backlog: options.backlog),
            onServerRunning: { channel in ready.succeed(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            do {
                try await group.run()
                ready.fail(PaperExchangeError("the server stopped before it was listening"))
            } catch {
                ready.fail(error)
                throw error
            }
        }
        let port = try await ready.wait()
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        return PaperExchangeServer(
            baseURL: "http://\(host):\(port)", port: port, service: service, group: group, task: task,
            stopFlag: stopFlag)
    }

    /// Stops listening, lets requests in flight finish (stalled replies give up) and returns when it is down.
    package func stop() async {
        stopFlag.set()
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    // MARK: In-process control

    /// Requests received so far (all paths, including refused ones).
    package var requestCount: Int { service.requestCount }

    /// Exchange time, ms since the epoch.
    package var now: Int64 { service.clock.now() }

    /// Puts a mark at a price (rounded to the tick); liquidations and limit fills follow at once.
    package func setMark(_ instId: String, _ price: Decimal) throws {
        try service.setMark(instId, price)
    }

    /// Liquidates a position now at the mark: it disappears, leaving an order of category `full_liquidation`, a
    /// bill of type 5 and a positions-history row of type 3. Throws OKX's 51023 when there is no such position.
    package func liquidate(
        account: String, instId: String, mgnMode: MarginMode = .isolated, posSide: PositionSide
    ) throws {
        let key = PositionKey(instId: instId, mgnMode: mgnMode, posSide: posSide)
        try forceClose(account: account, key: key, .fullLiquidation)
    }

    /// Auto-deleverages a position now at the mark: it disappears, leaving an order of category `adl`, a bill of
    /// type 9 (subType 125/126, or 127/128 in net mode) and a positions-history row of type 5.
    package func autoDeleverage(
        account: String, instId: String, mgnMode: MarginMode = .isolated, posSide: PositionSide
    ) throws {
        try forceClose(account: account, key: PositionKey(instId: instId, mgnMode: mgnMode, posSide: posSide), .adl)
    }

    private func forceClose(account name: String, key: PositionKey, _ category: ForcedClose) throws {
        guard let book = accounts.firstIndex(where: { $0.name == name }) else {
            throw PaperExchangeError("no account \(name)")
        }
        try service.forceClose(book: book, key: key, category: category)
    }

    /// Sets an instrument's funding rate for the settlements still to come.
    package func setFundingRate(_ instId: String, _ rate: Decimal) throws {
        let now = service.clock.now()
        try service.withState(now: now) { (state: inout ExchangeState) throws(ExchangeRejection) in
            try state.setFundingRate(instId, rate)
        }
    }

    /// Moves exchange time forward; marks take the walk steps due, and funding settles at each 8-hour boundary
    /// passed, on the next request or read.
    package func advanceTime(milliseconds: Int64) {
        service.clock.advance(byMilliseconds: milliseconds)
    }

    /// Stops exchange time where it is (only `advanceTime` moves it afterwards).
    package func freezeTime() {
        service.clock.freeze()
    }

    /// Arms a fault switch.
    package func arm(_ fault: SimFault) {
        service.faults.arm(fault, now: SimClock.realMilliseconds())
    }

    /// Disarms every fault switch.
    package func clearFaults() {
        service.faults.clear()
    }

    /// The switches still armed.
    package var armedFaults: [SimFault] { service.faults.armed(now: SimClock.realMilliseconds()) }

    /// Forgets every rate-limit window (for tests that change pace).
    package func resetRateLimits() {
        service.limiter.reset()
    }

    /// The whole state now, with each position's figures.
    package func state() -> ExchangeSnapshot {
        service.snapshot(now: service.clock.now())
    }

    /// An account's order history (oldest first), for audits; empty for an unknown name.
    package func orders(account name: String) -> [Order] {
        state().account(name)?.orders ?? []
    }

    /// An account by name.
    package func account(named name: String) -> SimAccount? {
        accounts.first { $0.name == name }
    }
}

/// A failure of the paper exchange itself (not an OKX refusal).
package struct PaperExchangeError: Error, CustomStringConvertible {
    /// What went wrong.
    package var message: String

    /// Creates an error.
    package init(_ message: String) {
        self.message = message
    }

    /// One line.
    package var description: String { "paper exchange: \(message)" }
}

/// Hands the bound port from the server's start callback to `start`, once; or the error if it never listens.
private final class ReadySignal: Sendable {
    private enum State {
        case waiting(CheckedContinuation<Int, any Error>?)
        case done(Result<Int, any Error>)
    }

    private let state = Mutex<State>(.waiting(nil))

    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let result: Result<Int, any Error>? = state.withLock { state in
                switch state {
                case .waiting:
                    state = .waiting(continuation)
                    return nil
                case .done(let result):
                    return result
                }
            }
            if let result { continuation.resume(with: result) }
        }
    }

    func succeed(_ port: Int) { finish(.success(port)) }

    func fail(_ error: any Error) { finish(.failure(error)) }

    private func finish(_ result: Result<Int, any Error>) {
        let continuation: CheckedContinuation<Int, any Error>? = state.withLock { state in
            guard case .waiting(let continuation) = state else { return nil }
            state = .done(result)
            return continuation
        }
        continuation?.resume(with: result)
    }
}
