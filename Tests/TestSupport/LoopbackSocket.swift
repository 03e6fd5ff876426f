import Foundation

/// Plain POSIX socket calls for the loopback test servers, each waiting on the server's stop pipe as well so
/// that `stop()` can end every thread without closing a descriptor under it.
enum LoopbackSocket {
    /// Why a wait ended.
    enum WaitOutcome {
        case ready
        case elapsed
        case stopped
        case failed
    }

    /// A TCP socket bound to 127.0.0.1 on a port the kernel picks; listening when `backlog` is given.
    static func bindLoopback(listenBacklog backlog: Int32?) throws(LoopbackServerError) -> (fd: Int32, port: Int) {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LoopbackServerError("socket", errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        setCloseOnExec(fd)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let error = LoopbackServerError("bind", errno)
            close(fd)
            throw error
        }
        if let backlog, listen(fd, backlog) != 0 {
            let error = LoopbackServerError("listen", errno)
            close(fd)
            throw error
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let error = LoopbackServerError("getsockname", errno)
            close(fd)
            throw error
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func makeStopPipe() throws(LoopbackServerError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw LoopbackServerError("pipe", errno) }
        setCloseOnExec(fds[0])
        setCloseOnExec(fds[1])
        return (fds[0], fds[1])
    }

    static func setCloseOnExec(_ fd: Int32) {
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
    }

    static func setNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
            // Darwin has no MSG_NOSIGNAL; the socket itself must not raise SIGPIPE.
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Waits until `fd` has the `events`, the stop pipe is readable, or `timeoutMilliseconds` pass (-1: never).
    static func wait(_ fd: Int32?, for events: Int16, stopPipe: Int32, timeoutMilliseconds: Int32) -> WaitOutcome {
        var fds = [pollfd(fd: stopPipe, events: Int16(POLLIN), revents: 0)]
        if let fd { fds.append(pollfd(fd: fd, events: events, revents: 0)) }
        while true {
            let count = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
            if count < 0 {
                if errno == EINTR { continue }
                return .failed
            }
            if count == 0 { return .elapsed }
            if fds[0].revents != 0 { return .stopped }
            return .ready
        }
    }

    /// Reads what is there into `buffer`; false at end of stream, on error, or when stopped.
    static func readSome(_ fd: Int32, into buffer: inout [UInt8], stopPipe: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            guard wait(fd, for: Int16(POLLIN), stopPipe: stopPipe, timeoutMilliseconds: -1) == .ready else {
                return false
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return true
            }
            if count == 0 { return false }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
            return false
        }
    }

    /// Sends every byte; false when the peer is gone or the server stops.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8], stopPipe: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            guard wait(fd, for: Int16(POLLOUT), stopPipe: stopPipe, timeoutMilliseconds: -1) == .ready else {
                return false
            }
            let sent = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, raw.count - offset, noSignalFlag)
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// True when the peer has closed its side (or the socket failed); data waiting to be read is not a close.
    static func peerHasClosed(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK))
        if count == 0 { return true }
        return count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
    }

    #if os(Linux)
        /// A write to a closed peer must fail with EPIPE, not kill the test process with SIGPIPE.
        static let noSignalFlag = Int32(MSG_NOSIGNAL)
    #else
        static let noSignalFlag: Int32 = 0
    #endif
}

/// A socket call failed while setting up a loopback server.
public struct LoopbackServerError: Error, Sendable, CustomStringConvertible {
    /// The POSIX call that failed.
    public var call: String
    /// Its `errno`.
    public var code: Int32

    init(_ call: String, _ code: Int32) {
        self.call = call
        self.code = code
    }

    /// The call and the system's words for the error.
    public var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
}
