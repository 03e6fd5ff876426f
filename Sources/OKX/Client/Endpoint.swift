/// An OKX v5 REST endpoint the client calls, with its documented rate limit.
public struct Endpoint: Sendable, Hashable {
    public var method: HTTPMethod
    /// Starts at `/api/v5/`.
    public var path: String
    /// Private endpoints are signed.
    public var isPrivate: Bool
    public var limit: RateLimit

    public init(_ method: HTTPMethod, _ path: String, isPrivate: Bool, limit: RateLimit) {
        self.method = method
        self.path = path
        self.isPrivate = isPrivate
        self.limit = limit
    }

    /// `METHOD path`, the name errors and logs use.
    public var name: String { "\(method.rawValue) \(path)" }

    private static let twoSeconds = Duration.seconds(2)

    public static let time = Endpoint(
        .get, "/api/v5/public/time", isPrivate: false, limit: .init(10, per: twoSeconds, .ip))
    public static let instruments = Endpoint(
        .get, "/api/v5/public/instruments", isPrivate: false, limit: .init(20, per: twoSeconds, .ip))
    public static let markPrice = Endpoint(
        .get, "/api/v5/public/mark-price", isPrivate: false, limit: .init(10, per: twoSeconds, .ipInstrument))
    public static let ticker = Endpoint(
        .get, "/api/v5/market/ticker", isPrivate: false, limit: .init(20, per: twoSeconds, .ip))
    public static let positionTiers = Endpoint(
        .get, "/api/v5/public/position-tiers", isPrivate: false, limit: .init(10, per: twoSeconds, .ip))
    public static let accountConfig = Endpoint(
        .get, "/api/v5/account/config", isPrivate: true, limit: .init(5, per: twoSeconds, .uid))
    public static let balance = Endpoint(
        .get, "/api/v5/account/balance", isPrivate: true, limit: .init(10, per: twoSeconds, .uid))
    public static let positions = Endpoint(
        .get, "/api/v5/account/positions", isPrivate: true, limit: .init(10, per: twoSeconds, .uid))
    public static let leverageInfo = Endpoint(
        .get, "/api/v5/account/leverage-info", isPrivate: true, limit: .init(20, per: twoSeconds, .uid))
    public static let setLeverage = Endpoint(
        .post, "/api/v5/account/set-leverage", isPrivate: true, limit: .init(20, per: twoSeconds, .uid))
    public static let marginBalance = Endpoint(
        .post, "/api/v5/account/position/margin-balance", isPrivate: true, limit: .init(20, per: twoSeconds, .uid))
    public static let placeOrder = Endpoint(
        .post, "/api/v5/trade/order", isPrivate: true, limit: .init(60, per: twoSeconds, .uidInstrument))
    public static let getOrder = Endpoint(
        .get, "/api/v5/trade/order", isPrivate: true, limit: .init(60, per: twoSeconds, .uidInstrument))
    public static let closePosition = Endpoint(
        .post, "/api/v5/trade/close-position", isPrivate: true, limit: .init(20, per: twoSeconds, .uidInstrument))
    public static let bills = Endpoint(
        .get, "/api/v5/account/bills", isPrivate: true, limit: .init(5, per: .seconds(1), .uid))
    public static let positionsHistory = Endpoint(
        .get, "/api/v5/account/positions-history", isPrivate: true, limit: .init(10, per: twoSeconds, .uid))
}
