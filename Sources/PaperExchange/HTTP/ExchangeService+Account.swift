import Foundation
import Synchronization

extension ExchangeService {
    /// `GET /account/config`.
    func config(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let book = call.book ?? 0
        let row = try withState(now: call.now) { WireFormat.config($0.books[book]) }
        return .json(Envelope.ok([row]))
    }

    /// `GET /account/balance[?ccy=USDT,BTC]`.
    func balance(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let currencies = try ExchangeService.list(call.param("ccy"), name: "ccy", max: 20)
        let includeUSDT = currencies?.contains("USDT") ?? true
        let figures = try withState(now: call.now) { balanceFigures(book: call.book ?? 0, state: $0) }
        return .json(Envelope.ok([WireFormat.balance(figures, includeUSDT: includeUSDT, uTime: call.now)]))
    }

    /// Cash, freeze, isolated equity and upl of an account, cached while it and the marks are unchanged.
    func balanceFigures(book: Int, state: ExchangeState) -> WireFormat.BalanceFigures {
        let revision = state.books[book].revision
        let epoch = state.markEpoch
        if let cached = caches.withLock({ $0.balances[book] }), cached.revision == revision, cached.epoch == epoch {
            return cached.figures
        }
        var isoEq: Decimal = 0
        var upl: Decimal = 0
        for position in state.books[book].positions.values {
            guard let metrics = state.metrics(of: position) else { continue }
            isoEq += position.margin + metrics.upl
            upl += metrics.upl
        }
        let figures = WireFormat.BalanceFigures(
            cashBal: state.books[book].cashBal, ordFrozen: state.books[book].ordFrozen, isoEq: isoEq, upl: upl)
        caches.withLock { $0.balances[book] = RenderCaches.Balance(revision: revision, epoch: epoch, figures: figures) }
        return figures
    }

    /// `GET /account/positions[?instType=SWAP][&instId=a,b][&posId=x,y]`, newest-created first.
    ///
    /// With `instId`, a side closed since the start still shows with `pos` "0" and its posId, as OKX's does.
    func positions(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        if let instType = try call.param("instType"), instType != "SWAP" {
            guard ["MARGIN", "FUTURES", "OPTION"].contains(instType) else { throw .parameterError("instType") }
            return .json(Envelope.ok([]))
        }
        let instIds = try ExchangeService.list(call.param("instId"), name: "instId", max: 10).map(Set.init)
        let posIds = try ExchangeService.list(call.param("posId"), name: "posId", max: 20).map(Set.init)
        let book = call.book ?? 0
        let rows = try withState(now: call.now) { state in
            var rows = positionRows(book: book, state: state).filter { row in
                (instIds?.contains(row.instId) ?? true) && (posIds?.contains(row.posId) ?? true)
            }.map(\.json)
            if let instIds {
                for (key, closed) in state.books[book].lastClosed.sorted(by: { $0.value.uTime > $1.value.uTime })
                where instIds.contains(key.instId) && state.books[book].positions[key] == nil
                    && (posIds?.contains(closed.posId) ?? true)
                {
                    rows.append(WireFormat.closedPosition(closed, markPx: state.markPx(key.instId) ?? 0))
                }
            }
            return rows
        }
        return .json(Envelope.ok(rows))
    }

    /// Rendered rows of every open position of an account, cached while it and the marks are unchanged.
    func positionRows(book: Int, state: ExchangeState) -> [RenderCaches.PositionRow] {
        let revision = state.books[book].revision
        let epoch = state.markEpoch
        if let cached = caches.withLock({ $0.positions[book] }), cached.revision == revision, cached.epoch == epoch {
            return cached.rows
        }
        let rows = state.positions(book: book).compactMap { position -> RenderCaches.PositionRow? in
            guard let instrument = state.instrument(position.instId), let metrics = state.metrics(of: position) else {
                return nil
            }
            let availPos = position.pos - state.books[book].pendingCloseSize(position.key)
            return RenderCaches.PositionRow(
                instId: position.instId, posId: position.posId,
                json: WireFormat.position(position, metrics: metrics, availPos: availPos, instrument: instrument))
        }
        caches.withLock { $0.positions[book] = RenderCaches.Positions(revision: revision, epoch: epoch, rows: rows) }
        return rows
    }

    /// `GET /account/leverage-info?instId=a,b&mgnMode=isolated`: a long and a short row per instrument.
    func leverageInfo(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        guard let mgnMode = try call.param("mgnMode"), mgnMode == "isolated" || mgnMode == "cross" else {
            throw .parameterError("mgnMode")
        }
        guard let instIds = try ExchangeService.list(call.param("instId"), name: "instId", max: 20) else {
            throw .parameterEmpty("instId")
        }
        let book = call.book ?? 0
        let rows = try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) -> [String] in
            var rows: [String] = []
            for instId in instIds {
                guard state.instrument(instId) != nil else { throw .unknownInstrument }
                let sides: [(String, Decimal)] =
                    mgnMode == "cross"
                    ? [("net", state.leverage(book: book, PositionKey(instId: instId, posSide: .long)))]
                    : PositionSide.allCases.map {
                        ($0.rawValue, state.leverage(book: book, PositionKey(instId: instId, posSide: $0)))
                    }
                for (side, lever) in sides {
                    var row = JSONObjectWriter(capacity: 120)
                    row.field("instId", instId)
                    row.field("lever", lever)
                    row.field("mgnMode", mgnMode)
                    row.field("posSide", side)
                    rows.append(row.finish())
                }
            }
            return rows
        }
        return .json(Envelope.ok(rows))
    }

    /// `POST /account/set-leverage {instId, lever, mgnMode, posSide}`.
    func setLeverage(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let leverText = try call.required("lever")
        let mgnMode = try call.required("mgnMode")
        guard mgnMode == "isolated" || mgnMode == "cross" else { throw .parameterError("mgnMode") }
        let instId = try call.required("instId")
        guard let lever = Decimal.strict(leverText) else { throw .parameterError("lever") }
        let posSideText = try call.param("posSide")
        let book = call.book ?? 0
        if mgnMode == "isolated" {
            let posSide = try ExchangeService.positionSide(posSideText)
            try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) in
                try state.setLeverage(book: book, instId: instId, posSide: posSide, lever: lever, now: call.now)
            }
        } else {
            // Cross margin holds no positions here; the setting is only checked.
            let maxLever = try withState(now: call.now) {
                (state: inout ExchangeState) throws(ExchangeRejection) -> Decimal in
                guard let instrument = state.instrument(instId) else { throw .unknownInstrument }
                return instrument.maxLever
            }
            guard lever >= 1 else { throw .leverageTooLow }
            guard lever <= maxLever else { throw .leverageTooHigh }
        }
        var row = JSONObjectWriter(capacity: 120)
        row.field("instId", instId)
        row.field("lever", lever)
        row.field("mgnMode", mgnMode)
        row.field("posSide", posSideText ?? "")
        return .json(Envelope.ok([row.finish()]))
    }

    /// `POST /account/position/margin-balance {instId, posSide, type, amt}`.
    func marginBalance(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instId = try call.required("instId")
        let posSide = try ExchangeService.positionSide(call.param("posSide"))
        guard let type = MarginAdjustment(rawValue: try call.required("type")) else { throw .parameterError("type") }
        let amount = try ExchangeService.positiveDecimal(call.required("amt"), name: "amt")
        if type == .reduce,
            faults.take(
                { $0 == .refuseReduce }, account: call.account?.name, path: call.path, method: "POST",
                now: SimClock.realMilliseconds()) != nil
        {
            throw .marginReduceTooLarge
        }
        let book = call.book ?? 0
        let leverage = try withState(now: call.now) {
            (state: inout ExchangeState) throws(ExchangeRejection) -> Decimal in
            let position = try state.adjustMargin(
                book: book, instId: instId, posSide: posSide, type: type, amount: amount, now: call.now)
            guard let metrics = state.metrics(of: position), position.margin > 0 else { return position.lever }
            return (metrics.notional / position.margin).rounded(scale: 2)
        }
        var row = JSONObjectWriter(capacity: 150)
        row.field("amt", amount)
        row.field("ccy", "USDT")
        row.field("instId", instId)
        row.field("leverage", leverage)
        row.field("posSide", posSide.rawValue)
        row.field("type", type.rawValue)
        return .json(Envelope.ok([row.finish()]))
    }

    /// `GET /account/bills`: newest first, filtered by instType, instId, mgnMode, type, subType, begin/end (ms) and
    /// after/before (billId), at most `limit` (100).
    func bills(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        if let instType = try call.param("instType"), instType != "SWAP" { return .json(Envelope.ok([])) }
        if let mgnMode = try call.param("mgnMode"), mgnMode != "isolated" { return .json(Envelope.ok([])) }
        let instId = try call.param("instId")
        let type = try call.param("type")
        let subType = try call.param("subType")
        let begin = try call.param("begin").flatMap { Int64($0) }
        let end = try call.param("end").flatMap { Int64($0) }
        let after = try call.param("after").flatMap { UInt64($0) }
        let before = try call.param("before").flatMap { UInt64($0) }
        let limit = try ExchangeService.limit(call.param("limit"))
        let book = call.book ?? 0
        let rows = try withState(now: call.now) { state in
            state.books[book].bills.reversed().filter { bill in
                let id = UInt64(bill.billId) ?? 0
                return (instId == nil || bill.instId == instId) && (type == nil || String(bill.type.rawValue) == type)
                    && (subType == nil || String(bill.subType) == subType) && (begin.map { bill.ts >= $0 } ?? true)
                    && (end.map { bill.ts <= $0 } ?? true) && (after.map { id < $0 } ?? true)
                    && (before.map { id > $0 } ?? true)
            }.prefix(limit).map(WireFormat.bill)
        }
        return .json(Envelope.ok(Array(rows)))
    }

    /// `GET /account/positions-history`: newest first, filtered by instId, type, posId and after/before (uTime).
    func positionsHistory(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        if let instType = try call.param("instType"), instType != "SWAP" { return .json(Envelope.ok([])) }
        if let mgnMode = try call.param("mgnMode"), mgnMode != "isolated" { return .json(Envelope.ok([])) }
        let instId = try call.param("instId")
        let type = try call.param("type")
        let posId = try call.param("posId")
        let after = try call.param("after").flatMap { Int64($0) }
        let before = try call.param("before").flatMap { Int64($0) }
        let limit = try ExchangeService.limit(call.param("limit"))
        let book = call.book ?? 0
        let rows = try withState(now: call.now) { state in
            state.books[book].history.reversed().filter { row in
                (instId == nil || row.instId == instId) && (type == nil || String(row.type) == type)
                    && (posId == nil || row.posId == posId) && (after.map { row.uTime < $0 } ?? true)
                    && (before.map { row.uTime > $0 } ?? true)
            }.prefix(limit).map { WireFormat.history($0, instrument: state.instrument($0.instId)) }
        }
        return .json(Envelope.ok(Array(rows)))
    }

    /// `GET /users/subaccount/list` (main account key only).
    func subaccounts(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        guard call.account?.role == .main else { throw .mainAccountOnly }
        let name = try call.param("subAcct")
        let limit = try ExchangeService.limit(call.param("limit"))
        let rows = accounts.filter { $0.role == .sub && (name == nil || $0.name == name) }.prefix(limit).map {
            WireFormat.subaccount($0, ts: call.now)
        }
        return .json(Envelope.ok(Array(rows)))
    }

    /// `GET /account/subaccount/balances?subAcct=` (main account key only): a sub-account's trading balance.
    func subaccountBalance(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        guard call.account?.role == .main else { throw .mainAccountOnly }
        let name = try call.required("subAcct")
        guard let book = accounts.firstIndex(where: { $0.name == name && $0.role == .sub }) else {
            throw ExchangeRejection("58115", "Sub-account does not exist.")
        }
        let figures = try withState(now: call.now) { balanceFigures(book: book, state: $0) }
        return .json(Envelope.ok([WireFormat.balance(figures, includeUSDT: true, uTime: call.now)]))
    }

    /// A `limit` parameter: 1…100, default 100.
    static func limit(_ text: String?) throws(ExchangeRejection) -> Int {
        guard let text else { return 100 }
        guard let value = Int(text), value > 0 else { throw .parameterError("limit") }
        return min(value, 100)
    }
}
