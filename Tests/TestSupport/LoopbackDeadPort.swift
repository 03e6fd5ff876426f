import Foundation
import Synchronization

/// A loopback port where no HTTP server answers, held for the test's lifetime so no other process takes it.
public final class LoopbackDeadPort: Sendable {
    /// The port.
    public let port: Int
    private let descriptors: Mutex<[Int32]>

    private init(port: Int, descriptors: [Int32]) {
        self.port = port
        self.descriptors = Mutex(descriptors)
    }

    deinit {
        close()
    }

    /// A port bound but not listening: a connection attempt is refused at once.
    public static func refusing() throws -> LoopbackDeadPort {
        let (fd, port) = try LoopbackSocket.bindLoopback(listenBacklog: nil)
        return LoopbackDeadPort(port: port, descriptors: [fd])
    }

    /// A port whose listen queue is full: Linux drops further connection attempts silently, so a connect
    /// neither succeeds nor fails until the client's connect timeout.
    public static func unresponsive() throws -> LoopbackDeadPort {
        let (listener, port) = try LoopbackSocket.bindLoopback(listenBacklog: 0)
        // A backlog of 0 holds one connection that is never accepted; this one fills it.
        #if canImport(Glibc)
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let filler = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard filler >= 0, connected == 0 else {
            let error = LoopbackServerError("connect", errno)
            if filler >= 0 { closeDescriptor(filler) }
            closeDescriptor(listener)
            throw error
        }
        return LoopbackDeadPort(port: port, descriptors: [listener, filler])
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Releases the port. Idempotent.
    public func close() {
        let fds = descriptors.withLock { fds in
            defer { fds.removeAll() }
            return fds
        }
        for fd in fds { closeDescriptor(fd) }
    }
}

/// `close(2)`, which the method named `close` hides inside the class.
private func closeDescriptor(_ fd: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(fd)
    #else
        _ = Darwin.close(fd)
    #endif
}
