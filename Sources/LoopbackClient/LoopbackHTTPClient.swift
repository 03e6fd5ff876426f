import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 keep-alive client over a raw loopback socket, for the paper exchange's tests and benchmark.
///
/// It sends exactly the bytes it is given (so a test controls the raw request target the signature covers) and
/// reconnects after the server closes a connection. Blocking I/O runs on the client's own queue, never on the
/// cooperative pool that the server's handlers need.
package final class LoopbackHTTPClient: Sendable {
    /// A reply.
    package struct Response: Sendable {
        /// HTTP status.
        package var status: Int
        /// Headers by lower-cased name.
        package var headers: [String: String]
        /// Body bytes.
        package var body: [UInt8]

        /// The body as text.
        package var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Why a request got no reply.
    package struct Failure: Error, CustomStringConvertible {
        /// What happened.
        package var message: String

        /// One line.
        package var description: String { "loopback client: \(message)" }

        /// Whether the server closed the connection without answering.
        package var isClosedWithoutReply: Bool { message == "connection closed without a reply" }
    }

    private let port: UInt16
    private let timeoutMs: Int
    private let socket = Mutex<Int32>(-1)
    private let queue: DispatchQueue

    /// A client for `127.0.0.1:port`; a reply slower than `timeoutMs` is a failure.
    package init(port: Int, timeoutMs: Int = 10_000) {
        self.port = UInt16(port)
        self.timeoutMs = timeoutMs
        queue = DispatchQueue(label: "okx-anchor.loopback-client")
    }

    deinit {
        close()
    }

    /// Sends one request on the client's queue and waits for the reply.
    package func send(
        method: String, target: String, headers: [(String, String)] = [], body: [UInt8] = []
    )
        async throws -> Response
    {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(
                    with: Result { try self.sendBlocking(method: method, target: target, headers: headers, body: body) }
                )
            }
        }
    }

    /// Sends one request and blocks until the reply (for benchmark threads).
    package func sendBlocking(
        method: String, target: String, headers: [(String, String)] = [], body: [UInt8] = []
    )
        throws -> Response
    {
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "Content-Length: \(body.count)\r\n\r\n"
        var bytes = Array(request.utf8)
        bytes.append(contentsOf: body)
        return try exchange(bytes)
    }

    /// Sends pre-built request bytes and reads one reply (the benchmark's hot loop).
    package func exchange(_ bytes: [UInt8]) throws -> Response {
        let fd = try connection()
        do {
            try writeAll(fd, bytes)
            let response = try readResponse(fd)
            if response.headers["connection"]?.lowercased() == "close" { close() }
            return response
        } catch {
            close()
            throw error
        }
    }

    /// Closes the connection (the next request opens a new one).
    package func close() {
        socket.withLock { fd in
            if fd >= 0 { _ = systemClose(fd) }
            fd = -1
        }
    }

    private func connection() throws -> Int32 {
        try socket.withLock { (fd: inout Int32) throws -> Int32 in
            if fd >= 0 { return fd }
            #if canImport(Glibc)
                let created = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
                let created = Darwin.socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard created >= 0 else { throw Failure(message: "socket() failed: errno \(errno)") }
            var one: Int32 = 1
            setsockopt(created, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            var timeout = timeval(tv_sec: timeoutMs / 1000, tv_usec: (timeoutMs % 1000) * 1000)
            setsockopt(created, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            let result = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(created, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else {
                let code = errno
                _ = systemClose(created)
                throw Failure(message: "connect() failed: errno \(code)")
            }
            fd = created
            return created
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                systemSend(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw Failure(message: "send() failed: errno \(errno)") }
            offset += written
        }
    }

    private func readResponse(_ fd: Int32) throws -> Response {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32_768)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        func fill() throws {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if count == 0 { throw Failure(message: "connection closed without a reply") }
            if count < 0 {
                throw errno == EAGAIN || errno == EWOULDBLOCK
                    ? Failure(message: "timed out") : Failure(message: "connection closed without a reply")
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
        // Parsed as bytes: this loop is the benchmark's client, and String slicing would cost more than the server.
        var headerEnd: Int?
        var scanned = 0
        while headerEnd == nil {
            try fill()
            headerEnd = LoopbackHTTPClient.headerEnd(in: buffer, from: max(0, scanned - 3))
            scanned = buffer.count
        }
        guard let end = headerEnd, buffer.count > 12, buffer[8] == 0x20,
            let status = Int(String(decoding: buffer[9..<12], as: UTF8.self))
        else { throw Failure(message: "malformed reply") }
        var headers: [String: String] = [:]
        var lineStart = (buffer.firstIndex(of: 10) ?? end) + 1
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd < end, buffer[lineEnd] != 13 { lineEnd += 1 }
            if let colon = buffer[lineStart..<lineEnd].firstIndex(of: 58) {
                var valueStart = colon + 1
                while valueStart < lineEnd, buffer[valueStart] == 32 { valueStart += 1 }
                let name = String(decoding: buffer[lineStart..<colon].map { $0 | 0x20 }, as: UTF8.self)
                headers[name] = String(decoding: buffer[valueStart..<lineEnd], as: UTF8.self)
            }
            lineStart = lineEnd + 2
        }
        let bodyStart = end + 4
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < bodyStart + length { try fill() }
        return Response(status: status, headers: headers, body: Array(buffer[bodyStart..<bodyStart + length]))
    }

    /// The index of the blank line ending the head, searching from `start`.
    private static func headerEnd(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = start
        while index + 3 < bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }
}

private func systemSend(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    #if canImport(Glibc)
        return Glibc.send(fd, pointer, count, flags)
    #else
        return Darwin.send(fd, pointer, count, flags)
    #endif
}

private func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
        return Glibc.close(fd)
    #else
        return Darwin.close(fd)
    #endif
}
