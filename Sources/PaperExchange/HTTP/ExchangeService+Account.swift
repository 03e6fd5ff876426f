import Foundation
import Synchronization

extension ExchangeService {
    /// `GET /account/config`.
    func config(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let book = call.book ?? 0
        let row = try withState(now: call.now) { WireFormat.config($0.books[book]) }
        return .json(Envelope.ok([row]))
    }

    /// `GET /account/balance[?ccy=USDT,BTC]`: one `details` row per currency held, filtered by `ccy`.
    func balance(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let currencies = try ExchangeService.list(call.param("ccy"), name: "ccy", max: 20).map(Set.init)
        let figures = try withState(now: call.now) { balanceFigures(book: call.book ?? 0, state: $0) }
        let shown = currencies.map { wanted in figures.filter { wanted.contains($0.ccy) } } ?? figures
        return .json(Envelope.ok([WireFormat.balance(shown, uTime: call.now)]))
    }

    /// Every currency's figures of an account, cached while it and the marks are unchanged.
    func balanceFigures(book: Int, state: ExchangeState) -> [CurrencyFigures] {
        let revision = state.books[book].revision
        let epoch = state.markEpoch
        if let cached = caches.withLock({ $0.balances[book] }), cached.revision == revision, cached.epoch == epoch {
            return cached.figures
        }
        let figures = state.balanceFigures(book: book)
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
                    rows.append(
                        WireFormat.closedPosition(
                            closed, markPx: state.markPx(key.instId) ?? 0,
                            ccy: state.instrument(key.instId)?.settleCcy ?? "USDT"))
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
            guard let instrument = state.instrument(position.instId),
                let metrics = state.metrics(of: position, book: book)
            else {
                return nil
            }
            let availPos = position.size - state.books[book].pendingCloseSize(position.key)
            return RenderCaches.PositionRow(
                instId: position.instId, posId: position.posId,
                json: WireFormat.position(position, metrics: metrics, availPos: availPos, instrument: instrument))
        }
        caches.withLock { $0.positions[book] = RenderCaches.Positions(revision: revision, epoch: epoch, rows: rows) }
        return rows
    }

    /// `GET /account/leverage-info?instId=a,b&mgnMode=isolated|cross`: isolated in long/short mode gives a `long`
    /// and a `short` row per instrument; net mode, and cross in either mode, one `net` row.
    func leverageInfo(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        guard let mgnModeText = try call.param("mgnMode"), let mgnMode = MarginMode(rawValue: mgnModeText) else {
            throw .parameterError("mgnMode")
        }
        guard let instIds = try ExchangeService.list(call.param("instId"), name: "instId", max: 20) else {
            throw .parameterEmpty("instId")
        }
        let book = call.book ?? 0
        let rows = try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) -> [String] in
            var rows: [String] = []
            let sides: [PositionSide] =
                mgnMode == .cross || state.books[book].posMode == .net ? [.net] : [.long, .short]
            for instId in instIds {
                guard state.instrument(instId) != nil else { throw .unknownInstrument }
                for side in sides {
                    let lever = state.leverage(book: book, PositionKey(instId: instId, mgnMode: mgnMode, posSide: side))
                    var row = JSONObjectWriter(capacity: 120)
                    row.field("instId", instId)
                    row.field("lever", lever)
                    row.field("mgnMode", mgnMode.rawValue)
                    row.field("posSide", side.rawValue)
                    rows.append(row.finish())
                }
            }
            return rows
        }
        return .json(Envelope.ok(rows))
    }

    /// `POST /account/set-leverage {instId, lever, mgnMode, posSide}`: isolated needs `long`/`short` in long/short
    /// mode and `net` or nothing in net mode; cross is per instrument whatever the side says.
    func setLeverage(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let leverText = try call.required("lever")
        let mgnMode = try ExchangeService.marginMode(call.required("mgnMode"), name: "mgnMode")
        let instId = try call.required("instId")
        guard let lever = Decimal.strict(leverText) else { throw .parameterError("lever") }
        let posSideText = try call.param("posSide")
        let book = call.book ?? 0
        try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) in
            let posSide =
                mgnMode == .cross
                ? PositionSide.net : try ExchangeService.positionSide(posSideText, mode: state.books[book].posMode)
            try state.setLeverage(
                book: book, instId: instId, mgnMode: mgnMode, posSide: posSide, lever: lever, now: call.now)
        }
        var row = JSONObjectWriter(capacity: 120)
        row.field("instId", instId)
        row.field("lever", lever)
        row.field("mgnMode", mgnMode.rawValue)
        row.field("posSide", posSideText ?? "")
        return .json(Envelope.ok([row.finish()]))
    }

    /// `POST /account/position/margin-balance {instId, posSide, type, amt}` (isolated positions; `posSide` `net`
    /// or nothing in net mode).
    func marginBalance(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instId = try call.required("instId")
        let posSideText = try call.param("posSide")
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
        let (posSide, leverage, ccy) = try withState(now: call.now) {
            (state: inout ExchangeState) throws(ExchangeRejection) -> (PositionSide, Decimal, String) in
            let posSide = try ExchangeService.positionSide(posSideText, mode: state.books[book].posMode)
            let position = try state.adjustMargin(
                book: book, instId: instId, posSide: posSide, type: type, amount: amount, now: call.now)
            let ccy = state.instrument(instId)?.settleCcy ?? "USDT"
            guard let metrics = state.metrics(of: position), position.margin > 0 else {
                return (posSide, position.lever, ccy)
            }
            return (posSide, (metrics.notional / position.margin).rounded(scale: 2), ccy)
        }
        var row = JSONObjectWriter(capacity: 150)
        row.field("amt", amount)
        row.field("ccy", ccy)
        row.field("instId", instId)
        row.field("leverage", leverage)
        row.field("posSide", posSide.rawValue)
        row.field("type", type.rawValue)
        return .json(Envelope.ok([row.finish()]))
    }

    /// `POST /account/set-position-mode {posMode}`: refused with 59000 while the account holds positions or
    /// pending orders.
    func setPositionMode(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        guard let mode = PositionMode(rawValue: try call.required("posMode")) else {
            throw .parameterError("posMode")
        }
        let book = call.book ?? 0
        try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) in
            try state.setPositionMode(book: book, mode)
        }
        var row = JSONObjectWriter(capacity: 40)
        row.field("posMode", mode.rawValue)
        return .json(Envelope.ok([row.finish()]))
    }

    /// `GET /account/bills`: newest first, filtered by instType, instId, mgnMode, type, subType, begin/end (ms) and
    /// after/before (billId), at most `limit` (100).
    func bills(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        if let instType = try call.param("instType"), instType != "SWAP" { return .json(Envelope.ok([])) }
        let mgnMode = try call.param("mgnMode")
        let ccy = try call.param("ccy")
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
                    && (mgnMode == nil || bill.mgnMode.rawValue == mgnMode) && (ccy == nil || bill.ccy == ccy)
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
        let mgnMode = try call.param("mgnMode")
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
                    && (posId == nil || row.posId == posId) && (mgnMode == nil || row.mgnMode.rawValue == mgnMode)
                    && (after.map { row.uTime < $0 } ?? true)
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
        return .json(Envelope.ok([WireFormat.balance(figures, uTime: call.now)]))
    }

    /// A `limit` parameter: 1…100, default 100.
    static func limit(_ text: String?) throws(ExchangeRejection) -> Int {
        guard let text else { return 100 }
        guard let value = Int(text), value > 0 else { throw .parameterError("limit") }
        return min(value, 100)
    }
}
