import Foundation
import Logging

extension OKXClient {
    /// Signs, sends and reads one request, with no retry of any kind.
    func sendOnce(
        _ endpoint: Endpoint, query: QueryString, body: JSONBody?, fields: JSONKeyFilter? = nil
    ) async throws(OKXError) -> [JSONValue] {
        let queryText = query.text
        let requestPath = queryText.isEmpty ? endpoint.path : endpoint.path + "?" + queryText
        let bodyText = body?.text ?? ""
        var headers: [HTTPHeader] = [HTTPHeader("Accept", "application/json")]
        if endpoint.method == .post { headers.append(HTTPHeader("Content-Type", "application/json")) }
        if simulatedTrading { headers.append(HTTPHeader("x-simulated-trading", "1")) }
        if endpoint.isPrivate {
            guard let credentials else {
                throw OKXError(
                    endpoint: endpoint.name, method: endpoint.method, code: "50103",
                    message: "no API key configured for a private endpoint")
            }
            try await synchronizeClock()
            let timestamp = OKXTimestamp.string(epochMilliseconds: await serverClock.now())
            let signature = RequestSigner.signature(
                timestamp: timestamp, method: endpoint.method.rawValue, requestPath: requestPath, body: bodyText,
                secret: credentials.secretKey)
            headers.append(HTTPHeader("OK-ACCESS-KEY", credentials.apiKey))
            headers.append(HTTPHeader("OK-ACCESS-SIGN", signature))
            headers.append(HTTPHeader("OK-ACCESS-TIMESTAMP", timestamp))
            headers.append(HTTPHeader("OK-ACCESS-PASSPHRASE", credentials.passphrase))
        }
        let request = HTTPRequest(
            method: endpoint.method, url: baseURL + requestPath, headers: headers, body: Array(bodyText.utf8))
        let started = ContinuousClock.now
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as TransportError {
            logger.debug("\(endpoint.name) failed: \(error)")
            throw OKXError(endpoint: endpoint.name, method: endpoint.method, transport: error)
        } catch {
            throw OKXError(
                endpoint: endpoint.name, method: endpoint.method, transport: TransportError(.other, "\(error)"))
        }
        let elapsed = ContinuousClock.now - started
        logger.trace("\(endpoint.name) → HTTP \(response.status) in \(elapsed)")
        return try Self.readEnvelope(response, endpoint: endpoint, fields: fields)
    }

    /// Reads OKX's `{"code":"0","msg":"","data":[...]}` envelope; anything else is an error. With `fields`, the
    /// objects of `data` keep only those members.
    static func readEnvelope(
        _ response: HTTPResponse, endpoint: Endpoint, fields: JSONKeyFilter? = nil
    ) throws(OKXError) -> [JSONValue] {
        func malformed(_ why: String) -> OKXError {
            OKXError(
                endpoint: endpoint.name, method: endpoint.method, httpStatus: response.status, message: why,
                malformedReply: true)
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(response.body, keeping: fields)
        } catch {
            if response.body.isEmpty { throw malformed("empty body") }
            throw malformed("not JSON: \"\(snippet(response.body))\"")
        }
        guard let envelope = document.objectValue else { throw malformed("not a JSON object") }
        let code: String
        switch envelope["code"] {
        case .string(let text): code = text
        case .number(let text): code = text
        default: throw malformed("no code in the reply")
        }
        var message = ""
        if case .string(let text) = envelope["msg"] { message = text }
        let data: [JSONValue]
        switch envelope["data"] {
        case .array(let items): data = items
        case nil, .null: data = []
        default: throw malformed("data is not an array")
        }
        // Order endpoints put the real outcome in each item's sCode.
        let failedItem = data.compactMap { $0.objectValue }.first { item in
            if case .string(let sCode) = item["sCode"], !sCode.isEmpty, sCode != "0" { return true }
            return false
        }
        if code == "0", failedItem == nil {
            guard (200..<300).contains(response.status) else {
                throw malformed("code 0 with HTTP \(response.status)")
            }
            return data
        }
        var error = OKXError(
            endpoint: endpoint.name, method: endpoint.method, httpStatus: response.status, code: code,
            message: message)
        if let failedItem {
            if case .string(let sCode) = failedItem["sCode"] { error.itemCode = sCode }
            if case .string(let sMsg) = failedItem["sMsg"] { error.itemMessage = sMsg }
        }
        throw error
    }

    /// The first bytes of a body, printable, for an error message (an HTML page, a truncated reply).
    static func snippet(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(60), as: UTF8.self)
        let printable = text.unicodeScalars.map { $0.value < 0x20 ? " " : String($0) }.joined()
        return body.count > 60 ? printable + "…" : printable
    }
}
