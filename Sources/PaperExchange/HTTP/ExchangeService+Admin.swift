import Foundation

extension ExchangeService {
    /// The unsigned admin API under `/__sim/` (only with `admin: true`):
    /// - `GET /__sim/state`: marks, accounts, balances, positions with their figures, armed faults;
    /// - `GET /__sim/accounts`: every account with its keys (loopback tests and scripts need them);
    /// - `GET /__sim/orders?account=NAME`: an account's order history;
    /// - `POST /__sim/mark {"instId","markPx"}`; `POST /__sim/time {"advanceMs"}`;
    /// - `POST /__sim/funding-rate {"instId","fundingRate"}`;
    /// - `POST /__sim/liquidate` and `POST /__sim/adl {"account","instId","mgnMode","posSide"}`: a forced close now;
    /// - `POST /__sim/faults {"kind","account","path","count","durationMs","stallMs"}`; `DELETE /__sim/faults`.
    func admin(_ request: SimRequest, path: String, now: Int64) -> SimResponse {
        do throws(ExchangeRejection) {
            let body = request.body.isEmpty ? nil : JSONValue.parse(request.body)
            if request.method == "POST", !request.body.isEmpty, body == nil { throw .jsonSyntax }
            switch (request.method, path) {
            case ("GET", "/__sim/state"):
                return .json(
                    Envelope.ok([
                        AdminFormat.state(
                            snapshot(now: now), faults: faults.armed(now: SimClock.realMilliseconds()),
                            requestCount: requestCount)
                    ]))
            case ("GET", "/__sim/accounts"):
                return .json(Envelope.ok(accounts.map(AdminFormat.account)))
            case ("GET", "/__sim/orders"):
                guard let name = request.query["account"], let book = accounts.firstIndex(where: { $0.name == name })
                else {
                    throw .parameterError("account")
                }
                let orders = try withState(now: now) { $0.books[book].orders }
                return .json(Envelope.ok(orders.map(WireFormat.order)))
            case ("POST", "/__sim/mark"):
                let instId = try ExchangeService.member("instId", of: body) ?? ""
                let price = try ExchangeService.positiveDecimal(
                    ExchangeService.member("markPx", of: body) ?? "", name: "markPx")
                try setMark(instId, price)
                return .json(Envelope.ok([]))
            case ("POST", "/__sim/time"):
                guard let text = try ExchangeService.member("advanceMs", of: body), let ms = Int64(text) else {
                    throw .parameterError("advanceMs")
                }
                clock.advance(byMilliseconds: ms)
                return .json(Envelope.ok([]))
            case ("POST", "/__sim/funding-rate"):
                let instId = try ExchangeService.member("instId", of: body) ?? ""
                guard let text = try ExchangeService.member("fundingRate", of: body), let rate = Decimal.strict(text)
                else { throw .parameterError("fundingRate") }
                try withState(now: now) { (state: inout ExchangeState) throws(ExchangeRejection) in
                    try state.setFundingRate(instId, rate)
                }
                return .json(Envelope.ok([]))
            case ("POST", "/__sim/liquidate"), ("POST", "/__sim/adl"):
                guard let name = try ExchangeService.member("account", of: body),
                    let book = accounts.firstIndex(where: { $0.name == name })
                else { throw .parameterError("account") }
                let instId = try ExchangeService.member("instId", of: body) ?? ""
                let mgnMode = try ExchangeService.marginMode(
                    ExchangeService.member("mgnMode", of: body) ?? "isolated", name: "mgnMode")
                guard let side = PositionSide(rawValue: try ExchangeService.member("posSide", of: body) ?? "") else {
                    throw .parameterError("posSide")
                }
                try forceClose(
                    book: book, key: PositionKey(instId: instId, mgnMode: mgnMode, posSide: side),
                    category: path == "/__sim/adl" ? .adl : .fullLiquidation)
                return .json(Envelope.ok([]))
            case ("POST", "/__sim/faults"):
                let stallMs = try ExchangeService.member("stallMs", of: body).flatMap { Int($0) }
                guard let kindName = try ExchangeService.member("kind", of: body),
                    let kind = SimFault.kind(named: kindName, stallMs: stallMs)
                else { throw .parameterError("kind") }
                let count = try ExchangeService.member("count", of: body).flatMap { Int($0) }
                let duration = try ExchangeService.member("durationMs", of: body).flatMap { Int64($0) }
                let fault = SimFault(
                    kind, account: try ExchangeService.member("account", of: body),
                    path: try ExchangeService.member("path", of: body),
                    count: count ?? (duration == nil ? 1 : nil), durationMs: duration)
                faults.arm(fault, now: SimClock.realMilliseconds())
                return .json(Envelope.ok([]))
            case ("DELETE", "/__sim/faults"):
                faults.clear()
                return .json(Envelope.ok([]))
            default:
                return ExchangeService.notFound
            }
        } catch {
            return .rejection(error)
        }
    }

    /// Puts a mark at a price now (rounded to the tick), reacting at once.
    func setMark(_ instId: String, _ price: Decimal) throws(ExchangeRejection) {
        let now = clock.now()
        try withState(now: now) { (state: inout ExchangeState) throws(ExchangeRejection) in
            try state.setMark(instId, price, now: now)
        }
    }

    /// Closes a position by force now: liquidation or ADL (51023 when there is no such position).
    func forceClose(book: Int, key: PositionKey, category: ForcedClose) throws(ExchangeRejection) {
        let now = clock.now()
        try withState(now: now) { (state: inout ExchangeState) throws(ExchangeRejection) in
            try state.forceClose(book: book, key: key, category: category, now: now)
        }
    }

    /// The whole state at `now`, with every position's figures.
    func snapshot(now: Int64) -> ExchangeSnapshot {
        (try? withState(now: now) { ExchangeSnapshot(state: $0, now: now) })
            ?? ExchangeSnapshot(
                nowMs: now, marks: [:], accounts: [])
    }
}
