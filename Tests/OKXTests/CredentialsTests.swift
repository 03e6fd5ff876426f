import Foundation
import Logging
import OKX
import Synchronization
import TestSupport
import Testing

@Suite struct CredentialsTests {
    let credentials = Credentials(
        apiKey: "4f1b2c3d-aaaa-bbbb-cccc-0123456789ab", secretKey: "SECRET-9f8e7d6c5b4a", passphrase: "Pass-Word-77")

    func assertNoSecret(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.contains("SECRET-9f8e7d6c5b4a"), sourceLocation: sourceLocation)
        #expect(!text.contains("Pass-Word-77"), sourceLocation: sourceLocation)
        #expect(!text.contains("4f1b2c3d-aaaa"), "the full key is not shown either", sourceLocation: sourceLocation)
    }

    @Test func noPrintedFormShowsTheSecretOrPassphrase() {
        assertNoSecret(credentials.description)
        assertNoSecret(credentials.debugDescription)
        assertNoSecret("\(credentials)")
        assertNoSecret(String(describing: credentials))
        assertNoSecret(String(reflecting: credentials))
        var dumped = ""
        dump(credentials, to: &dumped)
        assertNoSecret(dumped)
        var dumpedInArray = ""
        dump([credentials], to: &dumpedInArray)
        assertNoSecret(dumpedInArray)
        #expect(credentials.description.contains("4f1b…"))
    }

    @Test func errorsAndLogsOfSignedRequestsNeverCarryTheSecret() async throws {
        let sink = LogSink()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(sink: sink) }
        let transport = InMemoryTransport { request in
            if request.url.contains("/public/time") {
                return HTTPResponse(
                    status: 200,
                    body: Array(
                        #"{"code":"0","msg":"","data":[{"ts":"\#(Int64(Date().timeIntervalSince1970 * 1000))"}]}"#.utf8)
                )
            }
            return HTTPResponse(status: 401, body: Array(#"{"code":"50113","msg":"Invalid Sign","data":[]}"#.utf8))
        }
        let client = OKXClient(
            baseURL: "http://127.0.0.1:9", credentials: credentials, transport: transport, logger: logger)
        do {
            _ = try await client.balance()
            Issue.record("expected a 50113")
        } catch {
            assertNoSecret("\(error)")
            assertNoSecret(String(reflecting: error))
            #expect(error.description == "50113 invalid signature: check the secret key")
        }
        #expect(!sink.all.isEmpty)
        for line in sink.all { assertNoSecret(line) }
    }
}

/// Every log line written through a `CapturingLogHandler`.
final class LogSink: Sendable {
    let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// Collects every log line at every level.
struct CapturingLogHandler: LogHandler {
    let sink: LogSink
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        sink.append("\(event.level) \(event.message) \(event.metadata ?? [:])")
    }
}
