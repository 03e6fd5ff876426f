public import Foundation
import Logging

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

    /// The open SWAP positions of every client's account, each as `positions()` gives them, read in one batch:
    /// where the clients share a transport, every request is signed, then all go out together and their caller is
    /// woken once when the last reply is in (a poll reads every account every second). A request that fails, or
    /// that its rate limit would hold back, goes on alone through the usual retries.
    public static func positions(of clients: [OKXClient]) async -> [Result<[Position], OKXError>] {
        let query = {
            var query = QueryString()
            query.add("instType", "SWAP")
            return query
        }()
        let endpoint = Endpoint.positions
        let read: @Sendable (HTTPResponse) throws(OKXError) -> [OKXFields] = { response throws(OKXError) in
            try readRecords(response, endpoint: endpoint, filter: Position.dataItemFilter)
        }
        // The first attempt of each client: made in the batch, or nil to be made alone.
        var first = [Result<[OKXFields], OKXError>?](repeating: nil, count: clients.count)
        if let transport = clients.first?.transport,
            clients.allSatisfy({ ($0.transport as AnyObject) === (transport as AnyObject) })
        {
            var batch: [(client: Int, request: HTTPRequest)] = []
            for (index, client) in clients.enumerated() where await client.tryAcquireRateLimit(endpoint, instId: nil) {
                do {
                    batch.append((index, try await client.makeRequest(endpoint, query: query, body: nil)))
                } catch {
                    first[index] = .failure(error)
                }
            }
            let outcomes = await transport.sendAll(batch.map(\.request))
            for ((index, _), outcome) in zip(batch, outcomes) {
                switch outcome {
                case .success(let response):
                    first[index] = Result { () throws(OKXError) in try read(response) }
                case .failure(let error):
                    clients[index].logger.debug("\(endpoint.name) failed: \(error)")
                    first[index] = .failure(
                        OKXError(endpoint: endpoint.name, method: endpoint.method, transport: error))
                }
            }
        }
        return await withTaskGroup(of: (Int, Result<[Position], OKXError>).self) { group in
            var results = [Result<[Position], OKXError>?](repeating: nil, count: clients.count)
            for (index, client) in clients.enumerated() {
                if case .success(let items)? = first[index] {
                    results[index] = Result { () throws(OKXError) in try models(items, endpoint: endpoint) }
                    continue
                }
                let attempt = first[index]
                group.addTask {
                    do throws(OKXError) {
                        let items = try await client.callRaw(
                            endpoint, query: query, body: nil, instId: nil, firstAttempt: attempt, read: read)
                        return (index, .success(try models(items, endpoint: endpoint)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for await (index, outcome) in group { results[index] = outcome }
            return results.map { $0! }
        }
    }

    /// Closed positions of the last three months, newest first: how a position that is gone ended (closed,
    /// liquidated, auto-deleveraged).
    public func positionsHistory(
        instId: String? = nil, posId: String? = nil, limit: Int = 20
    ) async throws(OKXError)
        -> [PositionHistory]
    {
        var query = QueryString()
        query.add("instType", "SWAP")
        query.add("instId", instId)
        query.add("posId", posId)
        query.add("limit", String(min(max(limit, 1), 100)))
        return try await call(.positionsHistory, query: query)
    }

    /// Isolated leverage of the given instruments (a `long` and a `short` row each in long/short mode).
    public func leverageInfo(instIds: [String]) async throws(OKXError) -> [LeverageInfo] {
        var query = QueryString()
        query.add("instId", instIds.joined(separator: ","))
        query.add("mgnMode", "isolated")
        return try await call(.leverageInfo, query: query)
    }

    /// Sets isolated leverage for one side of one instrument.
    public func setLeverage(
        instId: String, leverage: Decimal, posSide: PositionSide
    ) async throws(OKXError)
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
    public func bills(
        instId: String? = nil, type: String? = nil, subType: String? = nil, limit: Int = 100
    )
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
