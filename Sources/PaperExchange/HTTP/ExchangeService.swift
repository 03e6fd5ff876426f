import Foundation
import OKX
import Synchronization

/// The exchange behind the HTTP front: routing, authentication, rate limits and faults around one locked
/// ``ExchangeState``. It knows nothing of the server library, so it can be driven directly.
final class ExchangeService: Sendable {
    /// Which requests share a rate-limit budget.
    enum LimitScope: Sendable {
        case uid, uidInstrument, ip, ipInstrument
    }

    /// OKX's limit for one endpoint: `count` requests per `windowMs`.
    struct RateLimit: Sendable {
        var count: Int
        var windowMs: Int64 = 2000
        var scope: LimitScope
    }

    /// One endpoint.
    struct Route: Sendable {
        var method: String
        var isPrivate: Bool
        var limit: RateLimit?
        var handler: @Sendable (ExchangeService, Call) throws -> SimResponse
    }

    /// A request being handled, with what authentication found.
    struct Call {
        var request: SimRequest
        var path: String
        var query: [String: String]
        var body: JSONValue?
        var book: Int?
        var account: SimAccount?
        var now: Int64

        /// A parameter from the query (GET) or the JSON body (POST); `""` and `null` count as absent, as
        /// python-okx sends them for every unset field.
        func param(_ name: String) throws(ExchangeRejection) -> String? {
            if request.method == "GET" { return query[name].flatMap { $0.isEmpty ? nil : $0 } }
            return try ExchangeService.member(name, of: body)
        }

        /// A parameter, or nil when it is absent or malformed (for a fallback after `??`).
        func param(_ name: String, orNil: Void) -> String? {
            (try? param(name)) ?? nil
        }

        /// A parameter that must be there (50014 otherwise).
        func required(_ name: String) throws(ExchangeRejection) -> String {
            guard let value = try param(name) else { throw .parameterEmpty(name) }
            return value
        }
    }

    let options: PaperExchangeOptions
    let clock: SimClock
    let faults: FaultInjector
    let limiter = RateLimiter()
    let state: Mutex<ExchangeState>
    let accounts: [SimAccount]
    let caches = Mutex(RenderCaches())
    private let requests = Atomic<Int>(0)
    private let bookByKey: [String: Int]

    /// Builds the exchange a scenario describes.
    init(scenario: Scenario, options: PaperExchangeOptions, clock: SimClock = SimClock()) throws(ScenarioError) {
        try scenario.validate()
        self.options = options
        self.clock = clock
        faults = FaultInjector(
            seed: options.seed, faultRate: options.faultRate, latencyMs: options.latencyMs, jitterMs: options.jitterMs)
        let settings = ExchangeState.Settings(
            seed: options.seed, volatility: options.volatility, tickMs: options.tickMs)
        state = Mutex(ExchangeState(scenario: scenario, settings: settings, startMs: clock.now()))
        accounts = scenario.accounts.map(\.account)
        var byKey: [String: Int] = [:]
        for (index, account) in accounts.enumerated() { byKey[account.apiKey] = index }
        bookByKey = byKey
    }

    /// Requests received so far.
    var requestCount: Int { requests.load(ordering: .relaxed) }

    /// Runs an operation on the state after bringing marks up to `now`.
    func withState<T>(
        now: Int64, _ body: (inout ExchangeState) throws(ExchangeRejection) -> T
    ) throws(ExchangeRejection) -> T {
        try state.withLock { (state: inout ExchangeState) throws(ExchangeRejection) -> T in
            state.advance(to: now)
            return try body(&state)
        }
    }

    // MARK: The pipeline

    /// Handles one request: admin or API route, random and armed faults, authentication, body, rate limit, the
    /// endpoint itself, then reply faults and latency.
    func handle(_ request: SimRequest) -> SimResponse {
        requests.add(1, ordering: .relaxed)
        let now = clock.now()
        let path = String(request.path)
        if path.hasPrefix("/__sim/") {
            return options.admin ? admin(request, path: path, now: now) : ExchangeService.notFound
        }
        guard let route = ExchangeService.routes[request.method + " " + path] else {
            return ExchangeService.knownPaths.contains(path) ? .rejection(.badMethod) : ExchangeService.notFound
        }
        if let random = faults.randomFault() {
            switch random {
            case .serverError: return .rejection(.systemError)
            case .unavailable: return .rejection(.unavailable)
            case .drop: return .dropped
            }
        }
        var call = Call(
            request: request, path: path, query: request.query, body: nil, book: nil, account: nil, now: now)
        if route.isPrivate {
            switch authenticate(request, now: now) {
            case .failure(let rejection): return .rejection(rejection)
            case .success(let book):
                call.book = book
                call.account = accounts[book]
            }
            // A key without `trade` reads but may not change anything.
            if request.method == "POST", !accounts[call.book ?? 0].canTrade {
                return .rejection(.keyLacksPermission)
            }
        }
        let realNow = SimClock.realMilliseconds()
        if let fault = faults.take(
            { [.rateLimit, .unavailable, .serverError, .dropBeforeApply].contains($0) }, account: call.account?.name,
            path: path, method: request.method, now: realNow)
        {
            switch fault.kind {
            case .rateLimit: return .rejection(.rateLimited)
            case .unavailable: return .rejection(.unavailable)
            case .serverError: return .rejection(.systemError)
            default: return .dropped
            }
        }
        var response: SimResponse
        do throws(ExchangeRejection) {
            if request.method == "POST" {
                guard (request.headers["content-type"] ?? "").lowercased().contains("application/json") else {
                    throw .contentType
                }
                guard !request.body.isEmpty else { throw .emptyBody }
                guard let body = JSONValue.parse(request.body) else { throw .jsonSyntax }
                call.body = body
            }
            if options.rateLimits, let limit = route.limit, !allow(call, limit: limit) { throw .rateLimited }
            response = try ExchangeService.run(route, self, call)
        } catch {
            response = .rejection(error)
        }
        if let fault = faults.take(
            { kind in
                if case .stall = kind { return true }
                return [.dropReplyAfterApply, .endpointTimeoutAfterApply, .orderTimeoutAfterApply].contains(kind)
            }, account: call.account?.name, path: path, method: request.method, now: realNow)
        {
            switch fault.kind {
            case .stall(let milliseconds): response.delayMs += milliseconds
            case .endpointTimeoutAfterApply: response = .rejection(.endpointTimeout)
            case .orderTimeoutAfterApply: response = .rejection(.orderTimeout)
            default: response.drop = true
            }
        }
        response.delayMs += faults.latency()
        return response
    }

    /// Whether the call is within its endpoint's rate limit (and counts it).
    func allow(_ call: Call, limit: RateLimit, instId: String? = nil) -> Bool {
        let key: String
        switch limit.scope {
        case .uid: key = (call.account?.uid ?? "") + "|" + call.path
        case .uidInstrument:
            key = (call.account?.uid ?? "") + "|" + call.path + "|" + (instId ?? (try? call.param("instId")) ?? "")
        case .ip: key = call.request.remoteAddress + "|" + call.path
        case .ipInstrument:
            let scope = (try? call.param("instId")) ?? (try? call.param("instType")) ?? ""
            key = call.request.remoteAddress + "|" + call.path + "|" + scope
        }
        return limiter.allow(key: key, limit: limit.count, windowMs: limit.windowMs, now: call.now)
    }

    /// Runs a handler, turning anything but an OKX rejection into OKX's system error.
    private static func run(
        _ route: Route, _ service: ExchangeService, _ call: Call
    ) throws(ExchangeRejection) -> SimResponse {
        do {
            return try route.handler(service, call)
        } catch let rejection as ExchangeRejection {
            throw rejection
        } catch {
            throw .systemError
        }
    }

    // MARK: Authentication

    /// OKX's signature check over the raw request target and raw body (okx/API.md §1); every failure is a 401.
    func authenticate(_ request: SimRequest, now: Int64) -> Result<Int, ExchangeRejection> {
        func header(_ name: String) -> String? {
            request.headers[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let key = header("ok-access-key") else {
            return .failure(
                ExchangeRejection("50103", "Request header \"OK-ACCESS-KEY\" cannot be empty.", httpStatus: 401))
        }
        guard let sign = header("ok-access-sign") else {
            return .failure(
                ExchangeRejection("50106", "Request header \"OK-ACCESS-SIGN\" cannot be empty.", httpStatus: 401))
        }
        guard let timestamp = header("ok-access-timestamp") else {
            return .failure(
                ExchangeRejection("50107", "Request header \"OK-ACCESS-TIMESTAMP\" cannot be empty.", httpStatus: 401))
        }
        guard let passphrase = header("ok-access-passphrase") else {
            return .failure(
                ExchangeRejection("50104", "Request header \"OK-ACCESS-PASSPHRASE\" cannot be empty.", httpStatus: 401))
        }
        guard let sent = OKXTimestamp.epochMilliseconds(from: timestamp) else {
            return .failure(ExchangeRejection("50112", "Invalid OK-ACCESS-TIMESTAMP", httpStatus: 401))
        }
        guard let book = bookByKey[key] else {
            return .failure(ExchangeRejection("50111", "Invalid OK-ACCESS-KEY", httpStatus: 401))
        }
        // `x-simulated-trading: 1` is a demo-trading request; no header, or "0" (python-okx sends it for live), a
        // live one. A key of the other environment is refused (50101); the default `any` key takes both.
        let account = accounts[book]
        let demoRequest = request.headers["x-simulated-trading"] == "1"
        switch account.keyEnvironment {
        case .any: break
        case .live: if demoRequest { return .failure(.wrongEnvironment) }
        case .demo: if !demoRequest { return .failure(.wrongEnvironment) }
        }
        guard RequestSigner.constantTimeEquals(passphrase, account.passphrase) else {
            return .failure(
                ExchangeRejection("50105", "Request header \"OK-ACCESS-PASSPHRASE\" incorrect.", httpStatus: 401))
        }
        guard abs(sent - now) <= options.timestampWindowMs else {
            return .failure(ExchangeRejection("50102", "Timestamp request expired", httpStatus: 401))
        }
        var prehash = Array(timestamp.utf8)
        prehash.append(contentsOf: request.method.utf8)
        prehash.append(contentsOf: request.target.utf8)
        prehash.append(contentsOf: request.body)
        let expected = Data(RequestSigner.hmacSHA256(key: Array(account.secretKey.utf8), message: prehash))
            .base64EncodedString()
        guard RequestSigner.constantTimeEquals(sign, expected) else {
            return .failure(ExchangeRejection("50113", "Invalid Sign", httpStatus: 401))
        }
        if !account.ipAllowList.isEmpty, !account.ipAllowList.contains(request.remoteAddress) {
            return .failure(.ipNotAllowed(request.remoteAddress))
        }
        return .success(book)
    }

    // MARK: Helpers

    /// OKX's answer to an unknown path.
    static let notFound = SimResponse.json(
        Envelope.make(code: "404", msg: "Not Found", rows: []), status: 404)

    /// A scalar member of a JSON object as text; `""`/`null` are absent; arrays and objects are a 51000.
    static func member(_ name: String, of value: JSONValue?) throws(ExchangeRejection) -> String? {
        guard let member = value?[name] else { return nil }
        switch member {
        case .null: return nil
        case .array, .object: throw .parameterError(name)
        default:
            let text = member.scalarText ?? ""
            return text.isEmpty ? nil : text
        }
    }

    /// A positive decimal parameter (51000 when it is not one).
    static func positiveDecimal(_ text: String, name: String) throws(ExchangeRejection) -> Decimal {
        guard let value = Decimal.strict(text), value > 0 else { throw .parameterError(name) }
        return value
    }

    /// `long`/`short`; anything else (including `net`) is a 51000 in long/short mode.
    static func positionSide(_ text: String?) throws(ExchangeRejection) -> PositionSide {
        guard let text, let side = PositionSide(rawValue: text), side != .net else { throw .parameterError("posSide") }
        return side
    }

    /// The side a call names for an account's position mode: `long`/`short` in long/short mode; `net` or nothing
    /// in net mode. Anything else is OKX's 51000 "Parameter posSide error".
    static func positionSide(_ text: String?, mode: PositionMode) throws(ExchangeRejection) -> PositionSide {
        switch mode {
        case .longShort: return try positionSide(text)
        case .net:
            guard text == nil || text == "net" else { throw .parameterError("posSide") }
            return .net
        }
    }

    /// `tdMode`/`mgnMode`: isolated or cross (51000 otherwise).
    static func marginMode(_ text: String, name: String) throws(ExchangeRejection) -> MarginMode {
        guard let mode = MarginMode(rawValue: text) else { throw .parameterError(name) }
        return mode
    }

    /// OKX's client id rule: 1–32 letters and digits.
    static func isValidClientId(_ text: String, maxLength: Int = 32) -> Bool {
        !text.isEmpty && text.utf8.count <= maxLength
            && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
    }

    /// A comma list parameter, limited to `max` items (51000 beyond).
    static func list(_ text: String?, name: String, max: Int) throws(ExchangeRejection) -> [String]? {
        guard let text else { return nil }
        let items = text.split(separator: ",").map(String.init)
        guard items.count <= max else { throw .parameterError(name) }
        return items
    }
}
