import Foundation
import LoopbackClient
package import PaperExchange
import Synchronization

/// Hammers a paper exchange with signed keep-alive GETs and measures requests per second and resident memory.
///
/// The clients are plain threads over raw sockets, so the figure is the exchange's, not a client library's.
/// Each request is signed; the signed bytes are rebuilt every second (OKX accepts a timestamp for 30 s).
package enum PaperExchangeBenchmark {
    /// What a run measured.
    package struct Result: Sendable, CustomStringConvertible {
        /// Requests answered.
        package var requests: Int
        /// Requests that failed or did not answer code "0".
        package var failures: Int
        /// Wall time.
        package var seconds: Double
        /// Resident memory before and after, in KiB.
        package var residentBeforeKiB: Int
        /// Resident memory after, in KiB.
        package var residentAfterKiB: Int

        /// Requests per second.
        package var requestsPerSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }

        /// One line of figures.
        package var description: String {
            String(
                format: "%d requests in %.2f s = %.0f req/s, %d failed; resident memory %d KiB before, %d KiB after",
                requests, seconds, requestsPerSecond, failures, residentBeforeKiB, residentAfterKiB)
        }
    }

    /// Sends `requests` signed GETs of `target` for `account` over `connections` keep-alive connections to
    /// `127.0.0.1:port`, whose exchange clock reads `clock` (pass the server's, so signatures are fresh).
    package static func run(
        port: Int, account: SimAccount, target: String = "/api/v5/account/positions", connections: Int = 4,
        requests: Int, clock: @escaping @Sendable () -> Int64
    ) -> Result {
        let before = residentKiB()
        let failures = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let finished = DispatchGroup()
        let start = DispatchTime.now()
        let perConnection = requests / max(1, connections)
        for index in 0..<max(1, connections) {
            finished.enter()
            let count = index == 0 ? requests - perConnection * (max(1, connections) - 1) : perConnection
            let thread = Thread {
                let client = LoopbackHTTPClient(port: port, timeoutMs: 30_000)
                var signedAt: Int64 = 0
                var bytes: [UInt8] = []
                for _ in 0..<count {
                    let now = clock()
                    if now - signedAt >= 1000 {
                        signedAt = now
                        bytes = requestBytes(account: account, target: target, port: port, now: now)
                    }
                    do {
                        let response = try client.exchange(bytes)
                        // The envelope starts {"code":"0" on success; a full parse would measure the client.
                        if response.status != 200 || !response.body.starts(with: Array("{\"code\":\"0\"".utf8)) {
                            failures.add(1, ordering: .relaxed)
                        }
                    } catch {
                        failures.add(1, ordering: .relaxed)
                    }
                    done.add(1, ordering: .relaxed)
                }
                client.close()
                finished.leave()
            }
            thread.start()
        }
        finished.wait()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return Result(
            requests: done.load(ordering: .relaxed), failures: failures.load(ordering: .relaxed), seconds: seconds,
            residentBeforeKiB: before, residentAfterKiB: residentKiB())
    }

    /// Resident set size of this process in KiB (from /proc/self/statm; 0 where there is none).
    package static func residentKiB() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
    }

    private static func requestBytes(account: SimAccount, target: String, port: Int, now: Int64) -> [UInt8] {
        let headers = SignedRequest.headers(
            account: account, method: "GET", target: target, timestamp: SignedRequest.timestamp(epochMilliseconds: now))
        var text = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }
}
