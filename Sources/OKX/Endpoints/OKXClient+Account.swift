public import Foundation

extension OKXClient {
    /// The account's configuration: uid, main or sub, account level, position mode.
    public func accountConfiguration() async throws(OKXError) -> AccountConfiguration {
        try first(await call(.accountConfig), endpoint: .accountConfig)
    }

    /// The trading account's balance (USDT unless told otherwise).
    public func balance(currency: String? = "USDT") async throws(OKXError) -> Balance {
        var query = QueryString()
        query.add("ccy", currency)
        return try first(await call(.balance, query: query), endpoint: .balance)
    }

    /// Open SWAP positions, newest first. With `instIds` (at most 10) OKX may also list a just-closed position
    /// with `pos` "0" (see `Position.isOpen`).
    public func positions(instIds: [String] = [], posIds: [String] = []) async throws(OKXError) -> [Position] {
        var query = QueryString()
        query.add("instType", "SWAP")
        query.add("instId", instIds.joined(separator: ","))
        query.add("posId", posIds.joined(separator: ","))
        return try await call(.positions, query: query)
    }

    /// Isolated leverage of the given instruments (a `long` and a `short` row each in long/short mode).
    public func leverageInfo(instIds: [String]) async throws(OKXError) -> [LeverageInfo] {
        var query = QueryString()
        query.add("instId", instIds.joined(separator: ","))
        query.add("mgnMode", "isolated")
        return try await call(.leverageInfo, query: query)
    }

    /// Sets isolated leverage for one side of one instrument.
    public func setLeverage(instId: String, leverage: Decimal, posSide: PositionSide) async throws(OKXError)
        -> LeverageSetting
    {
        var body = JSONBody()
        body.add("instId", instId)
        body.add("lever", OKXDecimal.string(leverage))
        body.add("mgnMode", "isolated")
        if posSide != .net { body.add("posSide", posSide.rawValue) }
        return try first(await call(.setLeverage, body: body), endpoint: .setLeverage)
    }

    /// Adds margin to, or takes it from, an isolated position. `amount` in USDT, already rounded to 0.01.
    public func adjustMargin(
        instId: String, posSide: PositionSide, type: MarginAdjustmentType, amount: Decimal
    ) async throws(OKXError) -> MarginAdjustment {
        var body = JSONBody()
        body.add("instId", instId)
        body.add("posSide", posSide.rawValue)
        body.add("type", type.rawValue)
        body.add("amt", OKXDecimal.string(amount))
        return try first(await call(.marginBalance, body: body), endpoint: .marginBalance)
    }

    /// Bills of the last 7 days, newest first: trades (`type` 2), liquidations (5), margin transfers (6).
    public func bills(instId: String? = nil, type: String? = nil, subType: String? = nil, limit: Int = 100)
        async throws(OKXError) -> [Bill]
    {
        var query = QueryString()
        query.add("instType", "SWAP")
        query.add("mgnMode", "isolated")
        query.add("instId", instId)
        query.add("type", type)
        query.add("subType", subType)
        query.add("limit", String(min(max(limit, 1), 100)))
        return try await call(.bills, query: query)
    }
}
