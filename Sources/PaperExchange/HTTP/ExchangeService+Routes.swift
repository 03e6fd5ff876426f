/// Cached renderings of the hot read endpoints, valid while the account and the marks are unchanged.
struct RenderCaches: Sendable {
    struct PositionRow: Sendable {
        var instId: String
        var posId: String
        var json: String
    }

    struct Positions: Sendable {
        var revision: UInt64
        var epoch: UInt64
        var rows: [PositionRow]
    }

    struct Balance: Sendable {
        var revision: UInt64
        var epoch: UInt64
        var figures: [CurrencyFigures]
    }

    var positions: [Int: Positions] = [:]
    var balances: [Int: Balance] = [:]
}

extension ExchangeService {
    /// Every path some method serves, to tell a wrong method (405) from an unknown path (404).
    static let knownPaths: Set<String> = Set(routes.keys.map { String($0.drop { $0 != " " }.dropFirst()) })

    /// The endpoints of okx/API.md §3 with OKX's rate limits, by "METHOD path".
    static let routes: [String: Route] = {
        var routes: [String: Route] = [:]
        func add(
            _ method: String, _ path: String, _ isPrivate: Bool, _ limit: RateLimit?,
            _ handler: @escaping @Sendable (ExchangeService, Call) throws -> SimResponse
        ) {
            routes[method + " /api/v5/" + path] = Route(
                method: method, isPrivate: isPrivate, limit: limit, handler: handler)
        }
        add("GET", "public/time", false, RateLimit(count: 10, scope: .ip)) { $0.time($1) }
        add("GET", "public/instruments", false, RateLimit(count: 20, scope: .ipInstrument)) { try $0.instruments($1) }
        add("GET", "public/mark-price", false, RateLimit(count: 10, scope: .ipInstrument)) { try $0.markPrice($1) }
        add("GET", "market/ticker", false, RateLimit(count: 20, scope: .ip)) { try $0.ticker($1) }
        add("GET", "public/position-tiers", false, RateLimit(count: 10, scope: .ip)) { try $0.positionTiers($1) }
        add("GET", "asset/currencies", true, RateLimit(count: 6, windowMs: 1000, scope: .uid)) { $0.currencies($1) }
        add("GET", "account/config", true, RateLimit(count: 5, scope: .uid)) { try $0.config($1) }
        add("GET", "account/balance", true, RateLimit(count: 10, scope: .uid)) { try $0.balance($1) }
        add("GET", "account/positions", true, RateLimit(count: 10, scope: .uid)) { try $0.positions($1) }
        add("GET", "account/leverage-info", true, RateLimit(count: 20, scope: .uid)) { try $0.leverageInfo($1) }
        add("POST", "account/set-leverage", true, RateLimit(count: 20, scope: .uid)) { try $0.setLeverage($1) }
        add("POST", "account/set-position-mode", true, RateLimit(count: 5, scope: .uid)) {
            try $0.setPositionMode($1)
        }
        add("GET", "public/funding-rate", false, RateLimit(count: 10, scope: .ipInstrument)) {
            try $0.fundingRate($1)
        }
        add("POST", "account/position/margin-balance", true, RateLimit(count: 20, scope: .uid)) {
            try $0.marginBalance($1)
        }
        add("GET", "account/bills", true, RateLimit(count: 5, windowMs: 1000, scope: .uid)) { try $0.bills($1) }
        add("GET", "account/positions-history", true, RateLimit(count: 10, scope: .uid)) { try $0.positionsHistory($1) }
        add("GET", "account/subaccount/balances", true, RateLimit(count: 6, scope: .uid)) {
            try $0.subaccountBalance($1)
        }
        add("GET", "users/subaccount/list", true, RateLimit(count: 2, scope: .uid)) { try $0.subaccounts($1) }
        add("POST", "trade/order", true, RateLimit(count: 60, scope: .uidInstrument)) { try $0.placeOrder($1) }
        add("GET", "trade/order", true, RateLimit(count: 60, scope: .uidInstrument)) { try $0.getOrder($1) }
        // Counted per order inside the handler (300 orders / 2 s per UID and instrument).
        add("POST", "trade/batch-orders", true, nil) { try $0.batchOrders($1) }
        add("POST", "trade/close-position", true, RateLimit(count: 20, scope: .uidInstrument)) {
            try $0.closePosition($1)
        }
        add("POST", "trade/cancel-order", true, RateLimit(count: 60, scope: .uidInstrument)) { try $0.cancelOrder($1) }
        return routes
    }()
}
