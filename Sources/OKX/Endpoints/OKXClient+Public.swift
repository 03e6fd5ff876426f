extension OKXClient {
    /// OKX's clock, in epoch milliseconds.
    public func serverTime() async throws(OKXError) -> Int64 {
        try await first(call(.time, as: ServerTime.self), endpoint: .time).ts
    }

    /// Every USDT-margined perpetual swap (`instType=SWAP`).
    public func swapInstruments() async throws(OKXError) -> [Instrument] {
        var query = QueryString()
        query.add("instType", "SWAP")
        return try await call(.instruments, query: query)
    }

    /// The mark price of one swap.
    public func markPrice(instId: String) async throws(OKXError) -> MarkPrice {
        var query = QueryString()
        query.add("instType", "SWAP")
        query.add("instId", instId)
        return try first(await call(.markPrice, query: query, instId: instId), endpoint: .markPrice)
    }

    /// The ticker of one instrument.
    public func ticker(instId: String) async throws(OKXError) -> Ticker {
        var query = QueryString()
        query.add("instId", instId)
        return try first(await call(.ticker, query: query), endpoint: .ticker)
    }

    /// The isolated-margin tiers of an instrument family, e.g. `BTC-USDT`.
    public func positionTiers(instFamily: String) async throws(OKXError) -> [PositionTier] {
        var query = QueryString()
        query.add("instType", "SWAP")
        query.add("tdMode", "isolated")
        query.add("instFamily", instFamily)
        return try await call(.positionTiers, query: query)
    }

    /// The single item of a reply that must have one.
    func first<T>(_ items: [T], endpoint: Endpoint) throws(OKXError) -> T {
        guard let item = items.first else {
            throw OKXError(
                endpoint: endpoint.name, method: endpoint.method, httpStatus: 200, code: "0",
                message: "empty data in the reply", malformedReply: true)
        }
        return item
    }
}
