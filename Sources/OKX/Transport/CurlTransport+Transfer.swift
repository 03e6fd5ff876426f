internal import CCurl

extension CurlTransport {
    /// One request on one easy handle: sets the handle up, collects the response through libcurl's callbacks,
    /// and turns the end of the transfer into a response or a `TransportError`. Lives on the curl thread.
    final class Transfer {
        /// Response headers beyond this many bytes fail the request like an oversized body.
        private static let headerByteLimit = 256 << 10

        let id: UInt64
        let handle: UnsafeMutableRawPointer
        private let method: HTTPMethod
        private let maxBodyBytes: Int
        private var headerList: UnsafeMutablePointer<curl_slist>?
        private let errorBuffer: UnsafeMutablePointer<CChar>

        private var headers: [HTTPHeader] = []
        private var body: [UInt8] = []
        private var headerBytes = 0
        private var tooLarge = false
        /// How often the connection was ready to send the request: more than once means curl resends it.
        private var sendAttempts = 0
        private var refusedResend = false
        /// Status line, header and body bytes received, for the statistics.
        private(set) var receivedBytes = 0

        init(
            id: UInt64, handle: UnsafeMutableRawPointer, request: HTTPRequest, options: TransportOptions
        ) throws(TransportError) {
            self.id = id
            self.handle = handle
            self.method = request.method
            self.maxBodyBytes = max(0, options.maxResponseBytes)
            errorBuffer = .allocate(capacity: Int(anchor_curl_error_size))
            errorBuffer.initialize(repeating: 0, count: Int(anchor_curl_error_size))
            try configure(request, options)
        }

        deinit {
            curl_slist_free_all(headerList)
            errorBuffer.deallocate()
        }

        /// `CURLINFO_NUM_CONNECTS`: the new connections this transfer opened (0 when it reused one).
        var connectionsOpened: Int {
            var count = 0
            anchor_curl_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &count)
            return count
        }

        /// The response, or why there is none, from curl's result code.
        func outcome(_ code: CURLcode) -> Result<HTTPResponse, TransportError> {
            guard code == CURLE_OK else {
                return .failure(
                    TransportError(
                        curlCode: code, message: String(cString: errorBuffer), connectionWasReady: sendAttempts > 0,
                        responseTooLarge: tooLarge, refusedResend: refusedResend))
            }
            var status = 0
            anchor_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            return .success(HTTPResponse(status: status, headers: headers, body: body))
        }

        // MARK: - Setting up the handle

        private func configure(_ request: HTTPRequest, _ options: TransportOptions) throws(TransportError) {
            try Self.validate(request)
            let timeout = request.timeout ?? options.totalTimeout
            let userdata = Unmanaged.passUnretained(self).toOpaque()

            try set(CURLOPT_NOSIGNAL, 1)
            try set(CURLOPT_URL, request.url)
            // Only the web: a URL must never make this process read a file or speak another protocol.
            try set(CURLOPT_PROTOCOLS_STR, "http,https")
            // The signature covers the raw target, so "/a/../b" must not be tidied into "/b".
            try set(CURLOPT_PATH_AS_IS, 1)
            // A configured proxy replaces the environment's; without one, libcurl reads the usual variables itself.
            if let proxy = options.proxy { try set(CURLOPT_PROXY, proxy) }
            // Loopback (the paper exchange, test servers) never goes through a proxy; the environment's no_proxy
            // list still counts, since setting this option makes libcurl stop reading it.
            try set(CURLOPT_NOPROXY, ProxyEnvironment.noProxyList())
            try set(CURLOPT_FOLLOWLOCATION, 0)
            try set(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.curlMilliseconds)
            try set(CURLOPT_TIMEOUT_MS, timeout.curlMilliseconds)
            // Always verified: the peer's chain against the CA store (or `caFile`) and its name against the URL's.
            try set(CURLOPT_SSL_VERIFYPEER, 1)
            try set(CURLOPT_SSL_VERIFYHOST, 2)
            try set(CURLOPT_PROXY_SSL_VERIFYPEER, 1)
            try set(CURLOPT_PROXY_SSL_VERIFYHOST, 2)
            if let caFile = options.caFile {
                try set(CURLOPT_CAINFO, caFile)
                try set(CURLOPT_PROXY_CAINFO, caFile)
            }
            try check(anchor_curl_easy_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxBodyBytes)))
            try check(anchor_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
            try check(anchor_curl_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, Self.onBody))
            try check(anchor_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, userdata))
            try check(anchor_curl_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, Self.onHeader))
            try check(anchor_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, userdata))
            try check(anchor_curl_easy_setopt_prereq_callback(handle, Self.onReadyToSend))
            try check(anchor_curl_easy_setopt_pointer(handle, CURLOPT_PREREQDATA, userdata))
            if request.url.utf8.starts(with: "https:".utf8) {
                // Over TLS, let concurrent requests wait to share one HTTP/2 connection instead of each opening
                // its own. Not for plain http, which never multiplexes: waiting there would only serialise.
                try set(CURLOPT_PIPEWAIT, 1)
                // HTTP/2 when the server offers it in the TLS handshake, else HTTP/1.1.
                try set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
            }

            try setHeaders(request)
            switch request.method {
            case .get:
                try set(CURLOPT_HTTPGET, 1)
            case .post:
                try set(CURLOPT_POST, 1)
                try check(
                    anchor_curl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
                // COPYPOSTFIELDS copies, so the body needs no keeping alive; an empty body still needs a pointer.
                let code = request.body.withUnsafeBytes { bytes in
                    withUnsafeBytes(of: UInt8(0)) { empty in
                        anchor_curl_easy_setopt_pointer(
                            handle, CURLOPT_COPYPOSTFIELDS,
                            UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? empty.baseAddress!))
                    }
                }
                try check(code)
            }
        }

        /// The caller's headers in order and as spelled, plus what keeps curl from adding its own: an empty
        /// `Expect:` (no 100-continue round trip) and, for a POST without one, an empty `Content-Type:`.
        private func setHeaders(_ request: HTTPRequest) throws(TransportError) {
            var lines = request.headers.map { header in
                // "Name:" would tell curl to drop the header; "Name;" sends it with an empty value.
                header.value.isEmpty ? header.name + ";" : header.name + ": " + header.value
            }
            func given(_ name: String) -> Bool {
                request.headers.contains { $0.name.lowercased() == name.lowercased() }
            }
            if !given("Expect") { lines.append("Expect:") }
            if request.method == .post && !given("Content-Type") { lines.append("Content-Type:") }
            for line in lines {
                guard let list = curl_slist_append(headerList, line) else {
                    throw TransportError(.other, "curl_slist_append failed")
                }
                headerList = list
            }
            try check(anchor_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
        }

        /// Refuses what would let one request smuggle another onto the wire.
        private static func validate(_ request: HTTPRequest) throws(TransportError) {
            func isBad(_ byte: UInt8) -> Bool { byte == 0x0D || byte == 0x0A || byte == 0 }
            if request.url.isEmpty || request.url.utf8.contains(where: { isBad($0) || $0 == 0x20 }) {
                throw TransportError(.invalidRequest, "the URL is empty or holds a space or control character")
            }
            for header in request.headers {
                let name = header.name.utf8
                if name.isEmpty || name.contains(where: { isBad($0) || $0 == 0x3A || $0 == 0x20 || $0 == 0x09 })
                    || header.value.utf8.contains(where: isBad)
                {
                    throw TransportError(.invalidRequest, "header \"\(header.name)\" has a forbidden character")
                }
            }
        }

        private func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
            try check(anchor_curl_easy_setopt_long(handle, option, value))
        }

        private func set(_ option: CURLoption, _ value: String) throws(TransportError) {
            // Curl copies string options, so the temporary C string may go away after the call.
            try check(anchor_curl_easy_setopt_string(handle, option, value))
        }

        private func check(_ code: CURLcode) throws(TransportError) {
            guard code == CURLE_OK else {
                let kind: TransportError.Kind = code == CURLE_OUT_OF_MEMORY ? .other : .invalidRequest
                throw TransportError(
                    kind, "curl_easy_setopt: " + String(cString: curl_easy_strerror(code)),
                    curlCode: Int(code.rawValue))
            }
        }

        // MARK: - Callbacks from libcurl

        private static let onBody: anchor_curl_data_callback = { buffer, size, count, userdata in
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
            return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: size * count))
        }

        private static let onHeader: anchor_curl_data_callback = { buffer, size, count, userdata in
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
            return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: size * count))
        }

        private static let onReadyToSend: anchor_curl_prereq_callback = { userdata, _, _, _, _ in
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
            return transfer.connectionReady() ? Int32(anchor_curl_prereq_ok) : Int32(anchor_curl_prereq_abort)
        }

        /// Returning fewer bytes than given makes curl stop with `CURLE_WRITE_ERROR`.
        private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
            receivedBytes += bytes.count
            let needed = body.count + bytes.count
            guard needed <= maxBodyBytes else {
                tooLarge = true
                return 0
            }
            if needed > body.capacity {
                // Grow geometrically as Array would, but never past the cap.
                body.reserveCapacity(min(max(needed, body.capacity * 2), maxBodyBytes))
            }
            body.append(contentsOf: bytes)
            return bytes.count
        }

        private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Int {
            receivedBytes += bytes.count
            headerBytes += bytes.count
            guard headerBytes <= Self.headerByteLimit else {
                tooLarge = true
                return 0
            }
            var line = bytes[...]
            while let last = line.last, last == 0x0A || last == 0x0D { line = line.dropLast() }
            if line.starts(with: "HTTP/".utf8) {
                // A new status line: a 100-continue or a redirect came first. Keep the last response's only.
                headers.removeAll()
            } else if let first = line.first, first == 0x20 || first == 0x09, !headers.isEmpty {
                // An obsolete folded line continues the previous header's value.
                let more = String(decoding: line, as: UTF8.self).trimmingSpaces
                headers[headers.count - 1].value += " " + more
            } else if let colon = line.firstIndex(of: 0x3A) {
                let name = String(decoding: line[..<colon], as: UTF8.self)
                let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces
                headers.append(HTTPHeader(name, value))
            }
            return bytes.count
        }

        /// False refuses curl's silent resend of a POST whose reused connection died before any reply: the
        /// server may have acted on the first copy, and an order must never be placed twice.
        private func connectionReady() -> Bool {
            sendAttempts += 1
            if sendAttempts > 1 && method == .post {
                refusedResend = true
                return false
            }
            return true
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs, as HTTP trims header values.
    fileprivate var trimmingSpaces: String {
        let bytes = utf8
        guard let start = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
            let end = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })
        else { return "" }
        return String(self[start...end])
    }
}

extension Duration {
    /// Whole milliseconds for curl, rounded up and at least 1, because curl reads 0 as "no limit at all".
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 1 }
        guard seconds < Int64(Int.max / 1000) - 1 else { return Int.max }
        let perMillisecond: Int64 = 1_000_000_000_000_000
        var milliseconds = seconds * 1000 + attoseconds / perMillisecond
        if attoseconds % perMillisecond > 0 { milliseconds += 1 }
        return max(1, Int(milliseconds))
    }
}
