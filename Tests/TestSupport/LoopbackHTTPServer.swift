import Foundation
import OKX
import Synchronization

/// A scriptable HTTP/1.1 server on 127.0.0.1 for tests, on a port the kernel picks.
///
/// Written with plain POSIX sockets and one thread per connection, so that it can misbehave exactly as told:
/// every request goes to a handler whose `LoopbackReply` says to answer, wait, stall, truncate or drop. The
/// server records each request as it arrived (raw target, headers, raw body, connection) and counts connections
/// and the peak number of requests in flight. Keep-alive is on: a connection serves requests until the client
/// closes it or a reply says to close.
public final class LoopbackHTTPServer: Sendable {
    /// Answers one request; called on the connection's thread.
    public typealias Handler = @Sendable (LoopbackRequest) -> LoopbackReply

    /// The port it listens on.
    public let port: Int
    private let core: Core
    private let acceptThread: JoinableThread
    private let stopped = Mutex(false)

    /// Starts listening at once (backlog 1024).
    public init(handler: @escaping Handler = { _ in .text("ok") }) throws {
        let (fd, port) = try LoopbackSocket.bindLoopback(listenBacklog: 1024)
        LoopbackSocket.setNonBlocking(fd)
        let stopPipe: (read: Int32, write: Int32)
        do {
            stopPipe = try LoopbackSocket.makeStopPipe()
        } catch {
            close(fd)
            throw error
        }
        let core = Core(listenFD: fd, stopPipe: stopPipe, handler: handler)
        do {
            acceptThread = try JoinableThread(name: "loopback-accept") { core.acceptLoop() }
        } catch {
            core.closeDescriptors()
            throw error
        }
        self.port = port
        self.core = core
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The absolute URL of a target such as `/api/v5/account/balance?ccy=USDT`.
    public func url(_ target: String) -> String { baseURL + target }

    /// Replaces the handler for requests read from now on.
    public func setHandler(_ handler: @escaping Handler) {
        core.state.withLock { $0.handler = handler }
    }

    /// Every request read so far, in order of arrival.
    public var requests: [LoopbackRequest] { core.state.withLock { $0.requests } }

    /// Connections accepted since the start.
    public var connectionsAccepted: Int { core.state.withLock { $0.connectionsAccepted } }

    /// Connections open now (closed by either side are not counted).
    public var openConnections: Int { core.state.withLock { $0.openConnections } }

    /// Requests read whose reply has not been finished yet.
    public var requestsInFlight: Int { core.state.withLock { $0.requestsInFlight } }

    /// The most requests that were in flight at one moment.
    public var peakRequestsInFlight: Int { core.state.withLock { $0.peakRequestsInFlight } }

    /// Waits until `condition` holds, checking every few milliseconds; false if `timeout` passes first.
    ///
    /// The timeout is a safety net for a broken test, not a measurement: give it plenty.
    public func waitUntil(
        timeout: Duration = .seconds(20), _ condition: @Sendable (LoopbackHTTPServer) -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while !condition(self) {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// Closes every connection, ends every thread (waiting for them), and stops listening. Idempotent.
    public func stop() {
        let first = stopped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        core.signalStop()
        acceptThread.join()
        for thread in core.takeConnectionThreads() { thread.join() }
        core.closeDescriptors()
    }
}

extension LoopbackHTTPServer {
    /// What the server's threads share.
    final class Core: Sendable {
        let listenFD: Int32
        let stopPipe: (read: Int32, write: Int32)
        let state: Mutex<State>

        struct State {
            var handler: Handler
            var requests: [LoopbackRequest] = []
            var connectionsAccepted = 0
            var openConnections = 0
            var requestsInFlight = 0
            var peakRequestsInFlight = 0
            var stopping = false
            var connectionThreads: [Int: JoinableThread] = [:]
            /// Connections whose thread has ended and can be joined.
            var endedConnections: [Int] = []
        }

        init(listenFD: Int32, stopPipe: (read: Int32, write: Int32), handler: @escaping Handler) {
            self.listenFD = listenFD
            self.stopPipe = stopPipe
            self.state = Mutex(State(handler: handler))
        }

        func acceptLoop() {
            while LoopbackSocket.wait(listenFD, for: Int16(POLLIN), stopPipe: stopPipe.read, timeoutMilliseconds: -1)
                == .ready
            {
                let fd = accept(listenFD, nil, nil)
                if fd < 0 { continue }  // the client left before we got to it, or EINTR: poll again
                LoopbackSocket.setCloseOnExec(fd)
                LoopbackSocket.setNonBlocking(fd)
                LoopbackSocket.setNoDelay(fd)
                joinEndedConnections()
                let id = state.withLock { state in
                    state.connectionsAccepted += 1
                    state.openConnections += 1
                    return state.connectionsAccepted
                }
                let connection = Connection(core: self, fd: fd, id: id)
                do {
                    let thread = try JoinableThread(name: "loopback-conn", stackSize: 256 << 10) { connection.run() }
                    state.withLock { $0.connectionThreads[id] = thread }
                } catch {
                    close(fd)
                    state.withLock { $0.openConnections -= 1 }
                }
            }
        }

        /// Joins the threads of connections that have ended, so that a long test does not pile them up.
        private func joinEndedConnections() {
            let ended: [JoinableThread] = state.withLock { state in
                var ready: [JoinableThread] = []
                state.endedConnections.removeAll { id in
                    guard let thread = state.connectionThreads.removeValue(forKey: id) else { return false }
                    ready.append(thread)
                    return true
                }
                return ready
            }
            for thread in ended { thread.join() }
        }

        /// Records a complete request and gives it its sequence number; it is in flight from now.
        func received(_ request: inout LoopbackRequest) -> Handler? {
            state.withLock { state in
                guard !state.stopping else { return nil }
                request.sequence = state.requests.count + 1
                state.requests.append(request)
                state.requestsInFlight += 1
                state.peakRequestsInFlight = max(state.peakRequestsInFlight, state.requestsInFlight)
                return state.handler
            }
        }

        func replied() {
            state.withLock { $0.requestsInFlight -= 1 }
        }

        func connectionEnded(_ id: Int) {
            state.withLock { state in
                state.openConnections -= 1
                state.endedConnections.append(id)
            }
        }

        func signalStop() {
            state.withLock { $0.stopping = true }
            var byte: UInt8 = 1
            // The pipe is never drained: it stays readable, so every thread's next poll sees the stop.
            _ = write(stopPipe.write, &byte, 1)
        }

        func takeConnectionThreads() -> [JoinableThread] {
            state.withLock { state in
                defer { state.connectionThreads.removeAll() }
                return Array(state.connectionThreads.values)
            }
        }

        func closeDescriptors() {
            close(listenFD)
            close(stopPipe.read)
            close(stopPipe.write)
        }
    }
}
