import OKX
package import PaperExchange

/// Builds the headers of a signed OKX private request, for the paper exchange's own tests and benchmark.
package enum SignedRequest {
    /// `OK-ACCESS-*` headers (and the demo header) for exactly this method, raw target and body.
    package static func headers(
        account: SimAccount, method: String, target: String, body: String = "", timestamp: String,
        simulated: String? = "1"
    ) -> [(String, String)] {
        let sign = RequestSigner.signature(
            timestamp: timestamp, method: method, requestPath: target, body: body, secret: account.secretKey)
        var headers = [
            ("OK-ACCESS-KEY", account.apiKey), ("OK-ACCESS-SIGN", sign), ("OK-ACCESS-TIMESTAMP", timestamp),
            ("OK-ACCESS-PASSPHRASE", account.passphrase),
        ]
        if let simulated { headers.append(("x-simulated-trading", simulated)) }
        if method == "POST" { headers.append(("Content-Type", "application/json")) }
        return headers
    }

    /// OKX's timestamp for ms since the epoch.
    package static func timestamp(epochMilliseconds: Int64) -> String {
        OKXTimestamp.string(epochMilliseconds: epochMilliseconds)
    }
}
