import Foundation
import OKX

extension LoopbackHTTPServer {
    /// One accepted connection on its own thread: reads requests one after another and carries out the replies.
    final class Connection: Sendable {
        /// Beyond these the server gives up on the request, to keep a broken client from eating memory.
        private static let headLimit = 64 << 10
        private static let bodyLimit = 64 << 20

        private let core: Core
        private let fd: Int32
        private let id: Int

        init(core: Core, fd: Int32, id: Int) {
            self.core = core
            self.fd = fd
            self.id = id
        }

        func run() {
            var buffer: [UInt8] = []
            while var request = readRequest(&buffer), let handler = core.received(&request) {
                let keepOpen = carryOut(handler(request), for: request)
                core.replied()
                if !keepOpen { break }
            }
            // Half-close first so the client reads everything sent before it sees the end.
            shutdown(fd, Int32(SHUT_WR))
            close(fd)
            core.connectionEnded(id)
        }

        // MARK: - Reading

        private func readRequest(_ buffer: inout [UInt8]) -> LoopbackRequest? {
            var headEnd: Int?
            while true {
                headEnd = Self.endOfHead(in: buffer)
                if headEnd != nil || buffer.count > Self.headLimit { break }
                guard LoopbackSocket.readSome(fd, into: &buffer, stopPipe: core.stopPipe.read) else { return nil }
            }
            guard let headEnd else { return nil }
            let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
            buffer.removeFirst(headEnd + 4)

            var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
            let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
            guard requestLine.count == 3 else { return nil }
            var headers: [HTTPHeader] = []
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { return nil }
                let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
                headers.append(HTTPHeader(String(line[..<colon]), value))
            }
            func header(_ name: String) -> String? {
                headers.first { $0.name.lowercased() == name }?.value
            }
            // Chunked request bodies are not needed by any client under test; refuse rather than misread.
            if header("transfer-encoding") != nil { return nil }
            let length = header("content-length").map { Int($0) } ?? 0
            guard let length, length >= 0, length <= Self.bodyLimit else { return nil }
            if length > 0, header("expect")?.lowercased() == "100-continue" {
                let interim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
                guard LoopbackSocket.sendAll(fd, interim, stopPipe: core.stopPipe.read) else { return nil }
            }
            while buffer.count < length {
                guard LoopbackSocket.readSome(fd, into: &buffer, stopPipe: core.stopPipe.read) else { return nil }
            }
            let body = Array(buffer[..<length])
            buffer.removeFirst(length)
            return LoopbackRequest(
                method: String(requestLine[0]), target: String(requestLine[1]), version: String(requestLine[2]),
                headers: headers, body: body, connectionID: id, sequence: 0)
        }

        private static func endOfHead(in buffer: [UInt8]) -> Int? {
            guard buffer.count >= 4 else { return nil }
            for index in 0...(buffer.count - 4)
            where buffer[index] == 0x0D && buffer[index + 1] == 0x0A && buffer[index + 2] == 0x0D
                && buffer[index + 3] == 0x0A
            {
                return index
            }
            return nil
        }

        // MARK: - Replying

        /// Carries out the reply; true when the connection stays open for another request.
        private func carryOut(_ reply: LoopbackReply, for request: LoopbackRequest) -> Bool {
            if reply.delay > .zero {
                guard waitWhileClientStays(until: ContinuousClock.now.advanced(by: reply.delay)) else { return false }
            }
            let clientCloses = request.header("Connection")?.lowercased() == "close"
            switch reply.behaviour {
            case .respond:
                let sent = send(head(reply, contentLength: reply.body.count, close: clientCloses) + reply.body)
                return sent && !clientCloses
            case .respondThenClose:
                _ = send(head(reply, contentLength: reply.body.count, close: true) + reply.body)
                return false
            case .respondWithoutLengthThenClose:
                _ = send(head(reply, contentLength: nil, close: true) + reply.body)
                return false
            case .truncate(let declaredLength):
                _ = send(head(reply, contentLength: declaredLength, close: false) + reply.body)
                return false
            case .stall:
                _ = waitWhileClientStays(until: nil)
                return false
            case .drop:
                return false
            case .raw(let bytes, let thenClose):
                return send(bytes) && !thenClose
            }
        }

        private func head(_ reply: LoopbackReply, contentLength: Int?, close: Bool) -> [UInt8] {
            var text = "HTTP/1.1 \(reply.status) \(Self.reason(for: reply.status))\r\n"
            for header in reply.headers where header.name.lowercased() != "content-length" {
                text += "\(header.name): \(header.value)\r\n"
            }
            if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
            if close { text += "Connection: close\r\n" }
            return Array((text + "\r\n").utf8)
        }

        private func send(_ bytes: [UInt8]) -> Bool {
            LoopbackSocket.sendAll(fd, bytes, stopPipe: core.stopPipe.read)
        }

        /// Waits until the deadline (nil: for ever); false if the client closed first or the server stopped.
        private func waitWhileClientStays(until deadline: ContinuousClock.Instant?) -> Bool {
            var watchClient = true
            while true {
                var timeout: Int32 = -1
                if let deadline {
                    let left = ContinuousClock.now.duration(to: deadline)
                    if left <= .zero { return true }
                    timeout = Int32(clamping: Int((left / .milliseconds(1)).rounded(.up)))
                }
                let outcome = LoopbackSocket.wait(
                    watchClient ? fd : nil, for: Int16(POLLIN), stopPipe: core.stopPipe.read,
                    timeoutMilliseconds: timeout)
                switch outcome {
                case .elapsed: continue
                case .stopped, .failed: return false
                case .ready:
                    if LoopbackSocket.peerHasClosed(fd) { return false }
                    // The client sent more (a pipelined request): stop watching it, or this would spin.
                    watchClient = false
                }
            }
        }

        private static func reason(for status: Int) -> String {
            switch status {
            case 100: "Continue"
            case 200: "OK"
            case 204: "No Content"
            case 301: "Moved Permanently"
            case 302: "Found"
            case 400: "Bad Request"
            case 401: "Unauthorized"
            case 403: "Forbidden"
            case 404: "Not Found"
            case 429: "Too Many Requests"
            case 500: "Internal Server Error"
            case 502: "Bad Gateway"
            case 503: "Service Unavailable"
            case 504: "Gateway Timeout"
            default: "Status"
            }
        }
    }
}

extension Substring {
    /// Without leading and trailing characters from `set`.
    fileprivate func trimmingCharacters(in set: String) -> String {
        let trimmed = drop { set.contains($0) }
        return String(trimmed.reversed().drop { set.contains($0) }.reversed())
    }
}
