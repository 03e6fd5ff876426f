import AnchorCore
import AnchorDemo
import AnchorStore
import Foundation
import OKX
import PaperExchange

/// A paper exchange on loopback with engines over it, for the benchmarks and the soak.
final class BenchExchange: Sendable {
    let server: PaperExchangeServer
    let transport: CurlTransport
    let store: Store
    let config: AppConfig

    init(
        scenario: Scenario, options: PaperExchangeOptions, policy: Policy = .houseDefault, store: Store? = nil,
        transport: TransportOptions = TransportOptions(), manageMain: Bool = false
    ) async throws {
        server = try await PaperExchangeServer.start(scenario: scenario, options: options)
        self.store = try store ?? Store()
        self.transport = CurlTransport(options: transport)
        config = AppConfig(
            baseURL: server.baseURL, refreshSeconds: 1, databasePath: ":memory:",
            accounts: AccountConfig.paper(server, manageMain: manageMain), policy: policy)
    }

    /// An engine as a process would build it; a new one stands for a restarted process.
    func engine(runner: RunnerOptions, checkpoint: @escaping @Sendable (String) throws -> Void = { _ in }) -> Engine {
        Engine(config: config, transport: transport, store: store, runnerOptions: runner, checkpoint: checkpoint)
    }

    func stop() async {
        transport.shutdown()
        await server.stop()
    }
}
