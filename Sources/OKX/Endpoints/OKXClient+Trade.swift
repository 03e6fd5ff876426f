extension OKXClient {
    /// Places an isolated market order. Returns OKX's acknowledgement (accepted, not yet filled).
    ///
    /// Never retried here: after an `unknownOutcome` error, ask for the order by its client id
    /// (`order(instId:clientOrderId:)`) and for the position before anything else.
    public func placeOrder(_ order: OrderRequest) async throws(OKXError) -> OrderAck {
        guard OrderRequest.isValidClientOrderId(order.clientOrderId) else {
            throw OKXError(
                endpoint: Endpoint.placeOrder.name, method: .post, code: "51000",
                message: "clOrdId must be 1-32 letters and digits")
        }
        var body = JSONBody()
        body.add("instId", order.instId)
        body.add("tdMode", "isolated")
        body.add("side", order.side.rawValue)
        if order.posSide != .net { body.add("posSide", order.posSide.rawValue) }
        body.add("ordType", "market")
        body.add("sz", OKXDecimal.string(order.size))
        body.add("clOrdId", order.clientOrderId)
        if let reduceOnly = order.reduceOnly { body.add("reduceOnly", reduceOnly) }
        return try first(await call(.placeOrder, body: body, instId: order.instId), endpoint: .placeOrder)
    }

    /// One order by its exchange id.
    public func order(instId: String, orderId: String) async throws(OKXError) -> Order {
        var query = QueryString()
        query.add("instId", instId)
        query.add("ordId", orderId)
        return try first(await call(.getOrder, query: query, instId: instId), endpoint: .getOrder)
    }

    /// The latest order with this client id, or nil when OKX never saw one (51603).
    public func order(instId: String, clientOrderId: String) async throws(OKXError) -> Order? {
        var query = QueryString()
        query.add("instId", instId)
        query.add("clOrdId", clientOrderId)
        do {
            let orders: [Order] = try await call(.getOrder, query: query, instId: instId)
            return orders.first
        } catch {
            if error.baseCode == "51603" { return nil }
            throw error
        }
    }

    /// Closes one whole side of an isolated position at market, cancelling pending close orders first.
    public func closePosition(
        instId: String, posSide: PositionSide, clientOrderId: String
    ) async throws(OKXError)
        -> ClosePositionAck
    {
        var body = JSONBody()
        body.add("instId", instId)
        body.add("mgnMode", "isolated")
        if posSide != .net { body.add("posSide", posSide.rawValue) }
        body.add("autoCxl", true)
        body.add("clOrdId", clientOrderId)
        return try first(await call(.closePosition, body: body, instId: instId), endpoint: .closePosition)
    }
}
