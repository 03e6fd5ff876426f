import Foundation

extension ExchangeService {
    /// `POST /trade/order`: one order; the reply carries the item's sCode/sMsg and inTime/outTime.
    func placeOrder(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        guard case .object = call.body else { throw .parameterError("data") }
        let inTime = SimClock.realMicroseconds()
        return orderReply([placeItem(call.body, call: call)], inTime: inTime)
    }

    /// `POST /trade/batch-orders`: up to 20 orders, each judged alone (ccxt's default path for one order).
    func batchOrders(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        guard case .array(let items) = call.body, !items.isEmpty else { throw .parameterError("data") }
        guard items.count <= 20 else { throw ExchangeRejection("51111", "Maximum 20 orders can be placed in bulk.") }
        let inTime = SimClock.realMicroseconds()
        var results: [(String, Bool)] = []
        for item in items {
            let instId = (try? ExchangeService.member("instId", of: item)) ?? ""
            if options.rateLimits, !allow(call, limit: RateLimit(count: 300, scope: .uidInstrument), instId: instId) {
                let ack = WireFormat.orderAck(
                    ordId: "", clOrdId: (try? ExchangeService.member("clOrdId", of: item)) ?? "",
                    tag: (try? ExchangeService.member("tag", of: item)) ?? "", ts: call.now, rejection: .rateLimited)
                results.append((ack, false))
                continue
            }
            results.append(placeItem(item, call: call))
        }
        return orderReply(results, inTime: inTime)
    }

    /// Places one order item and returns its acknowledgement and whether it was accepted.
    private func placeItem(_ item: JSONValue?, call: Call) -> (String, Bool) {
        let clOrdId = (try? ExchangeService.member("clOrdId", of: item)) ?? ""
        let tag = (try? ExchangeService.member("tag", of: item)) ?? ""
        do throws(ExchangeRejection) {
            let request = try ExchangeService.orderRequest(item)
            let opening =
                request.posSide == .net ? !request.reduceOnly : (request.side == .buy) == (request.posSide == .long)
            if opening,
                faults.take(
                    { $0 == .refuseOpen }, account: call.account?.name, path: call.path, method: "POST",
                    now: SimClock.realMilliseconds()) != nil
            {
                // Refused as OKX refuses an open it cannot fund: 51008, naming the instrument's margin currency.
                let ccy = try withState(now: call.now) { state in state.instrument(request.instId)?.settleCcy }
                throw .insufficientMargin(ccy ?? "USDT")
            }
            let book = call.book ?? 0
            let order = try withState(now: call.now) {
                (state: inout ExchangeState) throws(ExchangeRejection) -> Order in
                try state.placeOrder(book: book, request, now: call.now)
            }
            return (
                WireFormat.orderAck(ordId: order.ordId, clOrdId: clOrdId, tag: tag, ts: call.now, rejection: nil), true
            )
        } catch {
            return (WireFormat.orderAck(ordId: "", clOrdId: clOrdId, tag: tag, ts: call.now, rejection: error), false)
        }
    }

    /// The place-order envelope: code "0" all accepted, "1" all failed, "2" some failed; HTTP 200 either way.
    private func orderReply(_ results: [(String, Bool)], inTime: Int64) -> SimResponse {
        let accepted = results.filter(\.1).count
        let (code, msg) =
            accepted == results.count
            ? ("0", "") : accepted == 0 ? ("1", "All operations failed") : ("2", "Bulk operation partially succeeded")
        let outTime = SimClock.realMicroseconds()
        return .json(
            Envelope.make(
                code: code, msg: msg, rows: results.map(\.0),
                extra: [("inTime", String(inTime)), ("outTime", String(outTime))]))
    }

    /// Checks an order item's parameters the way OKX does (50014 missing, 51000 wrong) and builds the request.
    static func orderRequest(_ item: JSONValue?) throws(ExchangeRejection) -> OrderRequest {
        guard case .object = item else { throw .parameterError("data") }
        func value(_ name: String) throws(ExchangeRejection) -> String? { try member(name, of: item) }
        func required(_ name: String) throws(ExchangeRejection) -> String {
            guard let text = try value(name) else { throw .parameterEmpty(name) }
            return text
        }
        let instId = try required("instId")
        let tdMode = try required("tdMode")
        guard let side = OrderSide(rawValue: try required("side")) else { throw .parameterError("side") }
        guard let ordType = OrderType(rawValue: try required("ordType")) else { throw .parameterError("ordType") }
        let sz = try positiveDecimal(required("sz"), name: "sz")
        let mgnMode = try marginMode(tdMode, name: "tdMode")
        // No posSide (or `net`) is a net-mode order; whether the account's mode allows it is the state's to judge.
        let posSideText = try value("posSide")
        guard let posSide = posSideText.map(PositionSide.init(rawValue:)) ?? .net else {
            throw .parameterError("posSide")
        }
        // `reduceOnly` comes as a JSON bool (ccxt) or a string (python-okx sends "" when unset).
        let reduceOnly: Bool
        switch try value("reduceOnly") {
        case nil, "false": reduceOnly = false
        case "true": reduceOnly = true
        default: throw .parameterError("reduceOnly")
        }
        let clOrdId = try value("clOrdId") ?? ""
        guard clOrdId.isEmpty || isValidClientId(clOrdId) else { throw .parameterError("clOrdId") }
        let tag = try value("tag") ?? ""
        guard tag.isEmpty || isValidClientId(tag, maxLength: 16) else { throw .parameterError("tag") }
        var px: Decimal?
        if ordType != .market {
            px = try positiveDecimal(required("px"), name: "px")
        }
        return OrderRequest(
            instId: instId, side: side, posSide: posSide, ordType: ordType, sz: sz, px: px, clOrdId: clOrdId, tag: tag,
            mgnMode: mgnMode, reduceOnly: reduceOnly)
    }

    /// `GET /trade/order?instId=&ordId=|clOrdId=`: ordId wins; the latest clOrdId match; unknown → 51603.
    func getOrder(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instId = try call.required("instId")
        let ordId = try call.param("ordId")
        let clOrdId = try call.param("clOrdId")
        guard ordId != nil || clOrdId != nil else { throw .orderIdMissing }
        let book = call.book ?? 0
        let row = try withState(now: call.now) { (state: inout ExchangeState) throws(ExchangeRejection) -> String in
            guard state.instrument(instId) != nil else { throw .unknownInstrument }
            guard let order = state.findOrder(book: book, instId: instId, ordId: ordId, clOrdId: clOrdId) else {
                throw .orderNotFound
            }
            return WireFormat.order(order)
        }
        return .json(Envelope.ok([row]))
    }

    /// `POST /trade/close-position {instId, mgnMode, posSide, autoCxl, clOrdId, tag}`: the whole position at market
    /// (`posSide` `long`/`short` in long/short mode, `net` or nothing in net mode). Success carries no ordId; a
    /// failure comes back item-level with code "1", as OKX's does.
    func closePosition(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let clOrdId = try call.param("clOrdId") ?? ""
        let tag = try call.param("tag") ?? ""
        let posSideText = try call.param("posSide") ?? ""
        let instIdText = try call.param("instId") ?? ""
        do throws(ExchangeRejection) {
            let instId = try call.required("instId")
            let mgnMode = try ExchangeService.marginMode(call.required("mgnMode"), name: "mgnMode")
            guard clOrdId.isEmpty || ExchangeService.isValidClientId(clOrdId) else { throw .parameterError("clOrdId") }
            let autoCxl = try call.param("autoCxl") == "true"
            let book = call.book ?? 0
            let posSide = try withState(now: call.now) {
                (state: inout ExchangeState) throws(ExchangeRejection) -> PositionSide in
                let posSide = try ExchangeService.positionSide(
                    posSideText.isEmpty ? nil : posSideText, mode: state.books[book].posMode)
                _ = try state.closePosition(
                    book: book, instId: instId, mgnMode: mgnMode, posSide: posSide, autoCxl: autoCxl,
                    clOrdId: clOrdId, tag: tag, now: call.now)
                return posSide
            }
            var row = JSONObjectWriter(capacity: 120)
            row.field("clOrdId", clOrdId)
            row.field("instId", instId)
            row.field("posSide", posSide.rawValue)
            row.field("tag", tag)
            return .json(Envelope.ok([row.finish()]))
        } catch {
            var row = JSONObjectWriter(capacity: 200)
            row.field("clOrdId", clOrdId)
            row.field("instId", instIdText)
            row.field("ordId", "")
            row.field("posSide", posSideText)
            row.field("sCode", error.code)
            row.field("sMsg", error.message)
            row.field("tag", tag)
            return .json(Envelope.make(code: "1", msg: "All operations failed", rows: [row.finish()]))
        }
    }

    /// `POST /trade/cancel-order {instId, ordId|clOrdId}`.
    func cancelOrder(_ call: Call) throws(ExchangeRejection) -> SimResponse {
        let instId = try call.required("instId")
        let ordId = try call.param("ordId")
        let clOrdId = try call.param("clOrdId")
        let book = call.book ?? 0
        let inTime = SimClock.realMicroseconds()
        do throws(ExchangeRejection) {
            let order = try withState(now: call.now) {
                (state: inout ExchangeState) throws(ExchangeRejection) -> Order in
                try state.cancelOrder(book: book, instId: instId, ordId: ordId, clOrdId: clOrdId, now: call.now)
            }
            var row = JSONObjectWriter(capacity: 150)
            row.field("clOrdId", order.clOrdId)
            row.field("ordId", order.ordId)
            row.field("sCode", "0")
            row.field("sMsg", "")
            row.field("ts", call.now)
            return orderReply([(row.finish(), true)], inTime: inTime)
        } catch {
            var row = JSONObjectWriter(capacity: 200)
            row.field("clOrdId", clOrdId ?? "")
            row.field("ordId", ordId ?? "")
            row.field("sCode", error.code)
            row.field("sMsg", error.message)
            row.field("ts", call.now)
            return orderReply([(row.finish(), false)], inTime: inTime)
        }
    }
}
