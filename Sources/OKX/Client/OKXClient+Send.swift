import Foundation
import Logging

extension OKXClient {
    /// Signs, sends and reads one request, with no retry of any kind.
    func sendOnce(_ endpoint: Endpoint, query: QueryString, body: JSONBody?) async throws(OKXError) -> [JSONValue] {
        try await sendOnce(endpoint, query: query, body: body) { response throws(OKXError) in
            try Self.readEnvelope(response, endpoint: endpoint)
        }
    }

    /// The request as it goes on the wire: its target, headers and body, signed now for a private endpoint (the
    /// server clock synchronised first if it never was).
    func makeRequest(_ endpoint: Endpoint, query: QueryString, body: JSONBody?) async throws(OKXError) -> HTTPRequest {
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
        return HTTPRequest(
            method: endpoint.method, url: baseURL + requestPath, headers: headers, body: Array(bodyText.utf8))
    }

    /// Signs and sends one request, with no retry of any kind, and reads its reply with `read`.
    func sendOnce<Reply>(
        _ endpoint: Endpoint, query: QueryString, body: JSONBody?,
        read: (HTTPResponse) throws(OKXError) -> Reply
    ) async throws(OKXError) -> Reply {
        let request = try await makeRequest(endpoint, query: query, body: body)
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
        return try read(response)
    }

    /// Reads OKX's `{"code":"0","msg":"","data":[...]}` envelope; anything else is an error. With `fields`, the
    /// objects of `data` keep only those members.
    static func readEnvelope(
        _ response: HTTPResponse, endpoint: Endpoint, fields: JSONKeyFilter? = nil
    ) throws(OKXError) -> [JSONValue] {
        let document: JSONValue
        do {
            document = try JSONValue.parse(response.body, keeping: fields)
        } catch {
            throw notJSON(response, endpoint: endpoint)
        }
        let envelope = try readEnvelope(document, response: response, endpoint: endpoint)
        let items = envelope.data.compactMap { $0.objectValue.map(OKXFields.init(members:)) }
        try judge(envelope, items: items, response: response, endpoint: endpoint)
        return envelope.data
    }

    /// Reads the envelope as `readEnvelope` does, the objects of `data` read into records of the fields `filter`
    /// keeps (see `FieldRecord`): the fields of each item, in order.
    static func readRecords(
        _ response: HTTPResponse, endpoint: Endpoint, filter: JSONKeyFilter
    ) throws(OKXError) -> [OKXFields] {
        let parsed: (document: JSONValue, records: [FieldRecord])
        do {
            parsed = try JSONParser.parseRecords(response.body, filter: filter)
        } catch {
            throw notJSON(response, endpoint: endpoint)
        }
        let envelope = try readEnvelope(parsed.document, response: response, endpoint: endpoint)
        // Each object of `data` became the next record, and stands in the document as an empty object.
        var records = parsed.records.makeIterator()
        var items: [OKXFields] = []
        var others: [JSONValue] = []
        items.reserveCapacity(envelope.data.count)
        for value in envelope.data {
            if case .object = value, let record = records.next() {
                items.append(OKXFields(record: record))
            } else {
                others.append(value)
            }
        }
        try judge(envelope, items: items, response: response, endpoint: endpoint)
        // What is not an object is refused as the model's reading of it would be.
        if let other = others.first {
            do {
                _ = try OKXFields(other)
            } catch {
                throw malformedItem(error, endpoint: endpoint)
            }
        }
        return items
    }

    /// An object of `data` a model could not read.
    static func malformedItem(_ error: any Error, endpoint: Endpoint) -> OKXError {
        OKXError(
            endpoint: endpoint.name, method: endpoint.method, httpStatus: 200, code: "0", message: "\(error)",
            malformedReply: true)
    }

    /// An envelope's parts: OKX's code and message, and its `data` array.
    private struct Envelope {
        var code: String
        var message: String
        var data: [JSONValue]
    }

    private static func malformed(_ response: HTTPResponse, endpoint: Endpoint, _ why: String) -> OKXError {
        OKXError(
            endpoint: endpoint.name, method: endpoint.method, httpStatus: response.status, message: why,
            malformedReply: true)
    }

    private static func notJSON(_ response: HTTPResponse, endpoint: Endpoint) -> OKXError {
        if response.body.isEmpty { return malformed(response, endpoint: endpoint, "empty body") }
        return malformed(response, endpoint: endpoint, "not JSON: \"\(snippet(response.body))\"")
    }

    private static func readEnvelope(
        _ document: JSONValue, response: HTTPResponse, endpoint: Endpoint
    ) throws(OKXError) -> Envelope {
        guard let envelope = document.objectValue else {
            throw malformed(response, endpoint: endpoint, "not a JSON object")
        }
        let code: String
        switch envelope["code"] {
        case .string(let text): code = text
        case .number(let text): code = text
        default: throw malformed(response, endpoint: endpoint, "no code in the reply")
        }
        var message = ""
        if case .string(let text) = envelope["msg"] { message = text }
        switch envelope["data"] {
        case .array(let items): return Envelope(code: code, message: message, data: items)
        case nil, .null: return Envelope(code: code, message: message, data: [])
        default: throw malformed(response, endpoint: endpoint, "data is not an array")
        }
    }

    /// Success needs code 0, no failed item and a 2xx status; anything else is OKX's error, with the first failed
    /// item's code and message (order endpoints put the real outcome in each item's `sCode`).
    private static func judge(
        _ envelope: Envelope, items: [OKXFields], response: HTTPResponse, endpoint: Endpoint
    ) throws(OKXError) {
        let failed = items.first { item in
            if case .string(let sCode) = item.member("sCode"), !sCode.isEmpty, sCode != "0" { return true }
            return false
        }
        if envelope.code == "0", failed == nil {
            guard (200..<300).contains(response.status) else {
                throw malformed(response, endpoint: endpoint, "code 0 with HTTP \(response.status)")
            }
            return
        }
        var error = OKXError(
            endpoint: endpoint.name, method: endpoint.method, httpStatus: response.status, code: envelope.code,
            message: envelope.message)
        if let failed {
            if case .string(let sCode) = failed.member("sCode") { error.itemCode = sCode }
            if case .string(let sMsg) = failed.member("sMsg") { error.itemMessage = sMsg }
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
