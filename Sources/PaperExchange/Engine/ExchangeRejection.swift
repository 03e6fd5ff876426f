/// A refusal in OKX's terms: the code and message OKX would answer, and the HTTP status it comes with.
package struct ExchangeRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// OKX's code, e.g. "51008".
    package var code: String
    /// OKX's message.
    package var message: String
    /// HTTP status when the code is the top-level one (okx/API.md §2).
    package var httpStatus: Int

    /// Creates a rejection.
    package init(_ code: String, _ message: String, httpStatus: Int = 200) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    /// One line: code and message.
    package var description: String { "OKX \(code): \(message)" }
}

extension ExchangeRejection {
    /// 50000: a POST without a body.
    package static let emptyBody = ExchangeRejection("50000", "Body for POST request cannot be empty.", httpStatus: 400)
    /// 50001: service unavailable (HTTP 503).
    package static let unavailable = ExchangeRejection(
        "50001", "Service temporarily unavailable. Try again later", httpStatus: 503)
    /// 50002: malformed JSON.
    package static let jsonSyntax = ExchangeRejection("50002", "JSON syntax error", httpStatus: 400)
    /// 50004: the endpoint timed out (HTTP 400); whether the request took effect is unknown.
    package static let endpointTimeout = ExchangeRejection(
        "50004",
        "API endpoint request timeout (does not mean that the request was successful or failed, please check the "
            + "request result).", httpStatus: 400)
    /// 51149: the order timed out (HTTP 500); whether it was placed is unknown.
    package static let orderTimeout = ExchangeRejection("51149", "Order timed out. Please try again.", httpStatus: 500)
    /// 50006: a POST body that is not declared as JSON.
    package static let contentType = ExchangeRejection(
        "50006", "Invalid Content-Type, please use \"application/json\" format", httpStatus: 400)
    /// 50011: rate limit (HTTP 429).
    package static let rateLimited = ExchangeRejection(
        "50011", "Rate limit reached. Please refer to API documentation and throttle requests accordingly",
        httpStatus: 429)
    /// 50026: system error (HTTP 500).
    package static let systemError = ExchangeRejection("50026", "System error. Try again later", httpStatus: 500)
    /// 50115: wrong method for a known path (HTTP 405).
    package static let badMethod = ExchangeRejection("50115", "Invalid request method.", httpStatus: 405)
    /// 51001: unknown instrument.
    package static let unknownInstrument = ExchangeRejection(
        "51001", "Instrument ID or Spread ID doesn't exist.")
    /// 51010: the account mode cannot trade this (simple mode, acctLv 1, holds no swaps). The text is the sMsg of
    /// an OKX reply recorded in ccxt's okx.ts (`exceptions`, 51010).
    package static let accountModeUnsupported = ExchangeRejection(
        "51010", "The current account mode does not support this API interface. ")
    /// 51022: the instrument is suspended (ccxt's okx.ts maps 51022 "Contract suspended").
    package static let instrumentSuspended = ExchangeRejection("51022", "Contract suspended")
    /// 51027: the instrument is delisted or expired (ccxt's okx.ts maps 51027 "Contract expired").
    package static let instrumentExpired = ExchangeRejection("51027", "Contract expired")
    /// 59000: the position mode cannot change while positions or orders are open (ccxt's okx.ts, 59000).
    package static let settingsBlocked = ExchangeRejection(
        "59000", "Your settings failed as you have positions or open orders")
    /// 59247: raising leverage would break the tier cap of the open position (okx/API.md §4, observed).
    package static let leverageTooHighForPosition = ExchangeRejection(
        "59247", "Leverage is too high for the current position size. Lower the leverage and try again.")
    /// 50101: the key belongs to the other environment (live vs demo trading), HTTP 401.
    package static let wrongEnvironment = ExchangeRejection(
        "50101", "APIKey does not match current environment.", httpStatus: 401)
    /// 50120: the key lacks the permission (a read-only key on a trading endpoint). The code is our choice from
    /// OKX's API-key class of errors, HTTP 401 like its neighbours.
    package static let keyLacksPermission = ExchangeRejection(
        "50120", "API key doesn't have permission", httpStatus: 401)

    /// 50110: the request's address is not on the key's IP allow-list, HTTP 401.
    package static func ipNotAllowed(_ address: String) -> ExchangeRejection {
        ExchangeRejection(
            "50110", "Your IP \(address) is not included in your API key's IP whitelist.", httpStatus: 401)
    }

    /// 51003: neither ordId nor clOrdId.
    package static let orderIdMissing = ExchangeRejection("51003", "Either client order ID or order ID is required.")
    /// 51004: over the tier cap for the leverage.
    package static let tierCap = ExchangeRejection(
        "51004",
        "Order failed. The number of contracts of your position, open orders, and the current order has "
            + "exceeded the position limit of your current leverage. Lower the leverage or reduce the order size.")
    /// 51008: not enough available balance for margin and fee. OKX names the margin currency in the message
    /// (`Insufficient {ccy} margin`).
    package static func insufficientMargin(_ ccy: String) -> ExchangeRejection {
        ExchangeRejection("51008", "Order failed. Insufficient \(ccy) margin in account")
    }
    /// 51016: the clOrdId belongs to a pending order.
    package static let duplicateClOrdId = ExchangeRejection("51016", "Duplicated clOrdId")
    /// 51020: below minSz.
    package static let belowMinimum = ExchangeRejection(
        "51020", "Your order should meet or exceed the minimum order amount.")
    /// 51023: close-position with no position.
    package static let noPosition = ExchangeRejection("51023", "Position does not exist")
    /// 51112: a limit close larger than what is available to close.
    package static let closeTooLarge = ExchangeRejection("51112", "Close order size exceeds your available size")
    /// 51115: close-position with pending close orders and no autoCxl.
    package static let pendingCloseOrders = ExchangeRejection(
        "51115", "Cancel all pending close-orders before liquidation")
    /// 51121: not a multiple of lotSz.
    package static let notLotMultiple = ExchangeRejection(
        "51121", "Order quantity must be a multiple of the lot size.")
    /// 51169: a closing order with nothing to close on that side.
    package static let nothingToClose = ExchangeRejection(
        "51169",
        "Order failed because you don't have any positions in this direction for this contract to reduce or close.")
    /// 51202: market order above maxMktSz.
    package static let marketTooLarge = ExchangeRejection("51202", "Market order amount exceeds the maximum amount.")
    /// 51203: limit order above maxLmtSz.
    package static let limitTooLarge = ExchangeRejection("51203", "Order amount exceeds the limit.")
    /// 51400: cancel of an unknown order.
    package static let cancelUnknown = ExchangeRejection(
        "51400", "Order cancellation failed as the order has been filled, canceled or does not exist.")
    /// 51401: cancel of a cancelled order.
    package static let cancelCanceled = ExchangeRejection(
        "51401", "Cancellation failed as the order is already canceled.")
    /// 51402: cancel of a filled order.
    package static let cancelFilled = ExchangeRejection(
        "51402", "Cancellation failed as the order is already completed.")
    /// 51603: order lookup found nothing.
    package static let orderNotFound = ExchangeRejection("51603", "Order does not exist")
    /// 59101: pending isolated orders block a leverage change.
    package static let pendingOrdersBlockLeverage = ExchangeRejection(
        "59101",
        "You have pending orders with isolated positions. Please cancel all the pending orders and adjust "
            + "the leverage")
    /// 59102: leverage above the instrument's maximum.
    package static let leverageTooHigh = ExchangeRejection(
        "59102", "Leverage exceeds the maximum leverage. Please adjust the leverage")
    /// 59103: lowering leverage needs more margin than the account has.
    package static let leverageTooLowForMargin = ExchangeRejection(
        "59103", "Leverage is too low and no sufficient margin in your account. Please adjust the leverage")
    /// 59105: leverage below 1 (HTTP 400).
    package static let leverageTooLow = ExchangeRejection(
        "59105", "Leverage can not be less than 1. Please adjust the leverage", httpStatus: 400)
    /// 59200: not enough available balance to add margin (okx/API.md leaves this code undocumented).
    package static let insufficientAccountBalance = ExchangeRejection("59200", "Insufficient account balance")
    /// 59300: margin adjustment with no position.
    package static let marginNoPosition = ExchangeRejection("59300", "Margin call failed. Position does not exist.")
    /// 59301: margin reduce above the limit.
    package static let marginReduceTooLarge = ExchangeRejection(
        "59301", "Margin adjustment failed for exceeding the max limit")
    /// 59500: a sub-account key on a main-account endpoint.
    package static let mainAccountOnly = ExchangeRejection(
        "59500", "Only the APIKey of the main account has permission")

    /// 50014: a required parameter is empty (HTTP 400).
    package static func parameterEmpty(_ name: String) -> ExchangeRejection {
        ExchangeRejection("50014", "Parameter \(name) can not be empty.", httpStatus: 400)
    }

    /// 50015: one of two parameters is required (HTTP 400).
    package static func eitherParameter(_ first: String, _ second: String) -> ExchangeRejection {
        ExchangeRejection("50015", "Either parameter \(first) or \(second) is required.", httpStatus: 400)
    }

    /// 51000: a parameter is wrong (HTTP 400); OKX names it in the message.
    package static func parameterError(_ name: String) -> ExchangeRejection {
        ExchangeRejection("51000", "Parameter \(name) error", httpStatus: 400)
    }
}
