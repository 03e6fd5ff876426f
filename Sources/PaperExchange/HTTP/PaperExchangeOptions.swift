/// How a paper exchange runs: where it listens, how marks move, which faults and limits apply.
package struct PaperExchangeOptions: Sendable {
    /// Interface to bind; loopback unless you mean otherwise.
    package var host: String = "127.0.0.1"
    /// Port; 0 picks a free one (read it back from ``PaperExchangeServer/port``).
    package var port: Int = 0
    /// Seeds the mark walks and the fault generator.
    package var seed: UInt64 = 1
    /// Relative σ of one mark step (one step per `tickMs` of exchange time); 0 keeps marks still.
    package var volatility: Double = 0
    /// Exchange time per mark step.
    package var tickMs: Int64 = 1000
    /// Fixed latency added to every reply.
    package var latencyMs: Int = 0
    /// Extra random latency, up to this much, seeded.
    package var jitterMs: Int = 0
    /// Share of requests (0…1) that fail at random: 5xx, 50001/503 or a dropped connection.
    package var faultRate: Double = 0
    /// Serves the unsigned admin API under `/__sim/`.
    package var admin: Bool = false
    /// Applies OKX's per-endpoint rate limits (50011, HTTP 429).
    package var rateLimits: Bool = true
    /// How far a request's timestamp may be from exchange time (OKX: 30 s, else 50102).
    package var timestampWindowMs: Int64 = 30_000
    /// The listen backlog: large, so bursts of test connections are never refused.
    package var backlog: Int = 4096

    /// Options with the defaults: loopback, a free port, still marks, no faults, no admin, rate limits on.
    package init() {}

    /// The defaults with marks that move a little every second, as `okx-anchor sim` and `--demo` show them.
    package static var demo: PaperExchangeOptions {
        var options = PaperExchangeOptions()
        options.volatility = 0.0002
        return options
    }
}
