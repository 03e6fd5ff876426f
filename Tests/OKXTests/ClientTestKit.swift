import Foundation
import OKX
import TestSupport

/// A client over an in-memory transport that answers each path from a table.
func makeClient(
    simulatedTrading: Bool = false, retry: RetryPolicy = RetryPolicy(baseDelay: .milliseconds(1)),
    clock: ServerClock = ServerClock(),
    _ route: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse
) -> (OKXClient, InMemoryTransport) {
    let transport = InMemoryTransport(handler: route)
    let client = OKXClient(
        baseURL: "http://127.0.0.1:9/", credentials: testCredentials, simulatedTrading: simulatedTrading,
        transport: transport, serverClock: clock, retry: retry)
    return (client, transport)
}

let testCredentials = Credentials(
    apiKey: "ak-1234567890", secretKey: "TEST-SECRET-0123456789abcdef", passphrase: "Passphrase-Zebra-42")

/// The path of a request URL without scheme, host and query.
func path(of request: HTTPRequest) -> String {
    var rest = request.url.drop { $0 != "/" }.dropFirst(2)
    rest = rest.drop { $0 != "/" }
    return String(rest.split(separator: "?", maxSplits: 1).first ?? "")
}

/// The request target (path and query) of a request URL.
func target(of request: HTTPRequest) -> String {
    var rest = request.url.drop { $0 != "/" }.dropFirst(2)
    rest = rest.drop { $0 != "/" }
    return String(rest)
}

func header(_ request: HTTPRequest, _ name: String) -> String? {
    request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
}
