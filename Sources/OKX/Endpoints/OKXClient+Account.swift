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

    /// The open SWAP positions of every client's account, each as `positions()` gives them, read in one batch (see
    /// `readBatch`).
    public static func positions(
        of clients: [OKXClient], retrying: Bool = true, timeout: Duration? = nil
    ) async -> [Result<[Position], OKXError>] {
        var query = QueryString()
        query.add("instType", "SWAP")
        let endpoint = Endpoint.positions
        return await readBatch(
            clients, endpoint: endpoint, query: query, retrying: retrying, timeout: timeout,
            read: { response throws(OKXError) in
                try readRecords(response, endpoint: endpoint, filter: Position.dataItemFilter)
            },
            model: { items throws(OKXError) in try models(items, endpoint: endpoint) })
    }

    /// Every client's account balance (USDT), each as `balance()` gives it, read in one batch (see `readBatch`).
    public static func balances(
        of clients: [OKXClient], retrying: Bool = true, timeout: Duration? = nil
    ) async -> [Result<Balance, OKXError>] {
        var query = QueryString()
        query.add("ccy", "USDT")
        let endpoint = Endpoint.balance
        return await readBatch(
            clients, endpoint: endpoint, query: query, retrying: retrying, timeout: timeout,
            read: { response throws(OKXError) in try readEnvelope(response, endpoint: endpoint) },
            model: { data throws(OKXError) in
                let balances: [Balance] = try models(data, endpoint: endpoint) { value throws(DecodingFailure) in
                    try OKXFields(value)
                }
                guard let first = balances.first else {
                    throw OKXError(
                        endpoint: endpoint.name, method: endpoint.method, httpStatus: 200, code: "0",
                        message: "empty data in the reply", malformedReply: true)
                }
                return first
            })
    }

    /// One GET of every client's account, read in one batch: where the clients share a transport, the requests are
    /// signed and go out together in slices of `batchSlice`, each slice handed to the transport at once and read when
    /// its last reply is in (a poll reads every account every second: a wake-up per slice, not per account). A
    /// request that fails, or that its rate limit would hold back, goes on alone through the usual retries; without
    /// `retrying` it fails at once instead (its own rate limit reached, or its one attempt failed), so a poll never
    /// waits on one account's back-off: the next poll reads it again. `timeout` replaces the transport's total timeout
    /// for the batch's requests (a poll's reads: an account that hangs holds its poll that long at most).
    static func readBatch<Reply: Sendable, Model: Sendable>(
        _ clients: [OKXClient], endpoint: Endpoint, query: QueryString, retrying: Bool, timeout: Duration? = nil,
        read: @escaping @Sendable (HTTPResponse) throws(OKXError) -> Reply,
        model: @escaping @Sendable (Reply) throws(OKXError) -> Model
    ) async -> [Result<Model, OKXError>] {
        // Each client's result, or nil to be read alone (with its first attempt, if one was made in the batch).
        var results = [Result<Model, OKXError>?](repeating: nil, count: clients.count)
        var first = [Result<Reply, OKXError>?](repeating: nil, count: clients.count)
        var alone: [Int] = []
        if let transport = clients.first?.transport,
            clients.allSatisfy({ ($0.transport as AnyObject) === (transport as AnyObject) })
        {
            // In slices, each sent and read on its own: the replies of a slice are read (on any of the pool's threads)
            // while the next slices are still on the wire, and dropped once read, so a thousand accounts' replies are
            // never all held at once.
            await withTaskGroup(of: [(Int, BatchOutcome<Reply, Model>)].self) { group in
                for start in stride(from: 0, to: clients.count, by: batchSlice) {
                    let slice = Array(clients[start..<min(start + batchSlice, clients.count)].enumerated())
                    group.addTask {
                        await readSlice(
                            slice.map { (start + $0.offset, $0.element) }, transport: transport, endpoint: endpoint,
                            query: query, retrying: retrying, timeout: timeout, read: read, model: model)
                    }
                }
                for await outcomes in group {
                    for (index, outcome) in outcomes {
                        switch outcome {
                        case .done(let result): results[index] = result
                        case .alone(let attempt):
                            first[index] = attempt
                            alone.append(index)
                        }
                    }
                }
            }
        } else {
            alone = Array(clients.indices)
        }
        guard !alone.isEmpty else { return results.map { $0! } }
        let attempts = retrying ? nil : 1
        return await withTaskGroup(of: (Int, Result<Model, OKXError>).self) { group in
            for index in alone {
                let client = clients[index]
                let attempt = first[index]
                group.addTask {
                    do throws(OKXError) {
                        let reply = try await client.callRaw(
                            endpoint, query: query, body: nil, instId: nil, firstAttempt: attempt,
                            attempts: attempts, read: read)
                        return (index, .success(try model(reply)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for await (index, outcome) in group { results[index] = outcome }
            return results.map { $0! }
        }
    }

    /// Requests a batch sends and reads together (see `readBatch`).
    static let batchSlice = 128

    /// How one client's read in a batch ended: with its result, or to be read alone after this first attempt.
    enum BatchOutcome<Reply: Sendable, Model: Sendable>: Sendable {
        case done(Result<Model, OKXError>)
        case alone(Result<Reply, OKXError>?)
    }

    /// One slice of a batch: signs, sends together and reads each client's request.
    private static func readSlice<Reply: Sendable, Model: Sendable>(
        _ clients: [(index: Int, client: OKXClient)], transport: any Transport, endpoint: Endpoint,
        query: QueryString, retrying: Bool, timeout: Duration?,
        read: @escaping @Sendable (HTTPResponse) throws(OKXError) -> Reply,
        model: @escaping @Sendable (Reply) throws(OKXError) -> Model
    ) async -> [(Int, BatchOutcome<Reply, Model>)] {
        var outcomes: [(Int, BatchOutcome<Reply, Model>)] = []
        outcomes.reserveCapacity(clients.count)
        /// A first attempt's outcome: the model when it worked; else alone, unless this batch makes no retries.
        func settle(_ index: Int, _ attempt: Result<Reply, OKXError>) {
            switch attempt {
            case .success(let reply):
                outcomes.append((index, .done(Result { () throws(OKXError) in try model(reply) })))
            case .failure(let error) where !retrying && !(error.baseCode == "50102" && endpoint.isPrivate):
                outcomes.append((index, .done(.failure(error))))
            case .failure:
                outcomes.append((index, .alone(attempt)))
            }
        }
        var batch: [(index: Int, request: HTTPRequest)] = []
        batch.reserveCapacity(clients.count)
        for (index, client) in clients {
            guard await client.tryAcquireRateLimit(endpoint, instId: nil) else {
                if retrying {
                    outcomes.append((index, .alone(nil)))
                } else {
                    let held = OKXError(
                        endpoint: endpoint.name, method: endpoint.method,
                        message: "held back by this account's rate limit: read at the next poll")
                    outcomes.append((index, .done(.failure(held))))
                }
                continue
            }
            do {
                var request = try await client.makeRequest(endpoint, query: query, body: nil)
                if let timeout { request.timeout = timeout }
                batch.append((index, request))
            } catch {
                settle(index, .failure(error))
            }
        }
        let sent = batch.map(\.index)
        let replies = await transport.sendAll(batch.map(\.request))
        batch.removeAll()
        for (index, reply) in zip(sent, replies) {
            switch reply {
            case .success(let response):
                settle(index, Result { () throws(OKXError) in try read(response) })
            case .failure(let error):
                settle(index, .failure(OKXError(endpoint: endpoint.name, method: endpoint.method, transport: error)))
            }
        }
        return outcomes
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
