import AnchorCore
import AnchorStore
import Foundation
import Logging
import OKX
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The alerts' figure: from an event reaching the notifier to its delivery at a webhook on loopback.
enum NotifyBenchmark {
    /// Each sample: the notifier records an alert (written to a SQLite file with its outbox row), its channel's
    /// task claims it, formats it and POSTs it; the time ends when the receiver has read the whole request.
    static func eventToDelivery(repetitions: Int) async throws -> Figure {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("okx-anchor-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("anchor.sqlite").path)
        var config = AppConfig(databasePath: store.path ?? "")
        config.notify = [NotifyChannel(kind: .webhook, url: "http://127.0.0.1:\(receiver.port)/alerts")]
        let transport = CurlTransport()
        defer { transport.shutdown() }
        let notifier = Notifier(
            config: config, environment: "SIMULATED TRADING", language: .en, store: store, transport: transport,
            clock: SystemClock(), logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        let clock = ContinuousClock()
        var samples: [Double] = []
        for index in 0..<(repetitions + 1) {
            let alert = Alert(
                kind: .accountDown, environment: "SIMULATED TRADING", account: "sub\(index)",
                facts: [.init("polls", "4")], detail: "could not connect", time: Date(), dedupKey: "bench|\(index)")
            let start = clock.now
            await notifier.record(alert)
            guard await receiver.waitForRequests(index + 1, timeout: .seconds(10)) else {
                throw BenchFailure("the webhook received \(receiver.count) of \(index + 1) alerts")
            }
            // The first opens the connection: not counted.
            if index > 0 { samples.append((clock.now - start).milliseconds) }
        }
        await notifier.stop()
        return Figure(
            name: "alert event → webhook", unit: "ms", samples: samples,
            note: "store write, claim, POST over loopback, \(repetitions) alerts")
    }
}

/// Why a benchmark could not measure.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A minimal HTTP/1.1 receiver on 127.0.0.1: reads each request (headers and `Content-Length` body), answers 200
/// `{}` and counts it. One thread per connection; keep-alive.
final class WebhookReceiver: Sendable {
    let port: Int
    private let listener: Int32
    private let received = Mutex(0)

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchFailure("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw BenchFailure("bind/listen: \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var count: Int { received.withLock { $0 } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    func waitForRequests(_ wanted: Int, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while count < wanted {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .microseconds(100))
        }
        return true
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            // One whole request: the headers, then Content-Length bytes of body.
            while true {
                if let end = Self.headerEnd(buffer) {
                    let head = String(decoding: buffer[..<end], as: UTF8.self).lowercased()
                    let length =
                        head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                    if buffer.count >= end + 4 + length {
                        buffer.removeFirst(end + 4 + length)
                        break
                    }
                }
                let count = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
                guard count > 0 else { return }
                buffer += chunk[..<count]
            }
            received.withLock { $0 += 1 }
            let reply = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".utf8)
            let sent = reply.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            guard sent == reply.count else { return }
        }
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}
