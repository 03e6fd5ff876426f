package import AnchorCore
import AnchorDemo
package import AnchorStore
package import Foundation
package import OKX
package import PaperExchange

/// A paper exchange on loopback and an engine talking to it over real HTTP (libcurl), for end-to-end tests.
package final class SimHarness: Sendable {
    package let server: PaperExchangeServer
    package let engine: Engine
    package let transport: CurlTransport
    package let store: Store

    /// Runner timings short enough for tests, long enough for loopback.
    package static let fastRunner = RunnerOptions(
        closeDeadline: .seconds(10), fillDeadline: .seconds(10), pollInterval: .milliseconds(20),
        unknownOutcomeWindow: .milliseconds(600), rateLimitPause: .milliseconds(300), maxAttempts: 5)

    private init(server: PaperExchangeServer, engine: Engine, transport: CurlTransport, store: Store) {
        self.server = server
        self.engine = engine
        self.transport = transport
        self.store = store
    }

    /// Starts the scenario (demo by default; marks still) and an engine over it.
    package static func start(
        scenario: Scenario = BuiltInScenarios.demo, options: PaperExchangeOptions = PaperExchangeOptions(),
        policy: Policy = .houseDefault, store: Store? = nil, runner: RunnerOptions = fastRunner,
        transportOptions: TransportOptions = TransportOptions(totalTimeout: .seconds(3)), manageMain: Bool = false,
        checkpoint: @escaping @Sendable (String) throws -> Void = { _ in }
    ) async throws -> SimHarness {
        let server = try await PaperExchangeServer.start(scenario: scenario, options: options)
        let store = try store ?? Store()
        let transport = CurlTransport(options: transportOptions)
        let engine = Engine(
            config: config(for: server, policy: policy, manageMain: manageMain), transport: transport, store: store,
            runnerOptions: runner, checkpoint: checkpoint)
        return SimHarness(server: server, engine: engine, transport: transport, store: store)
    }

    /// A second engine on the same exchange and store, as a restarted process would have.
    package func restartedEngine(
        runner: RunnerOptions = fastRunner, checkpoint: @escaping @Sendable (String) throws -> Void = { _ in }
    ) -> Engine {
        Engine(
            config: engine.config, transport: transport, store: store, runnerOptions: runner, checkpoint: checkpoint)
    }

    /// The config an engine needs for this exchange.
    package static func config(
        for server: PaperExchangeServer, policy: Policy = .houseDefault, manageMain: Bool = false
    ) -> AppConfig {
        AppConfig(
            baseURL: server.baseURL, refreshSeconds: 1, databasePath: ":memory:",
            accounts: AccountConfig.paper(server, manageMain: manageMain), policy: policy)
    }

    package func stop() async {
        transport.shutdown()
        await server.stop()
    }

    /// The key of a position.
    package func key(_ account: String, _ instId: String, _ side: OKX.PositionSide = .long) -> AnchorStore.PositionKey {
        AnchorStore.PositionKey(account: account, instId: instId, posSide: side)
    }

    /// The position as the exchange reports it over HTTP now, or nil when closed.
    package func position(_ key: AnchorStore.PositionKey) async throws -> OKX.Position? {
        let client = try requireClientImpl(engine, key.account)
        return try await client.positions(instIds: [key.instId]).first { key.matches($0) && $0.isOpen }
    }

    /// Filled orders of one account and instrument that opened the given side (buy long / sell short).
    package func openingOrders(_ key: AnchorStore.PositionKey) -> [PaperExchange.Order] {
        server.orders(account: key.account).filter { order in
            order.instId == key.instId && order.posSide.rawValue == key.posSide.rawValue
                && order.side.rawValue == (key.posSide == .short ? "sell" : "buy") && order.state.rawValue == "filled"
        }
    }
}

/// The client of an account, or a readable failure.
private func requireClientImpl(_ engine: Engine, _ account: String) throws -> OKXClient {
    guard let client = engine.clients[account] else { throw PlanningError("no client for \(account)") }
    return client
}
