internal import CCrypto
internal import Foundation

/// Signs OKX v5 private requests: Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body)).
///
/// `requestPath` starts at `/api/v5/` and includes the `?query` exactly as sent; `body` is the exact JSON text
/// sent (empty for GET). The server verifies over the raw bytes, so the caller must sign what it sends.
package enum RequestSigner {
    /// The prehash string OKX signs.
    package static func prehash(timestamp: String, method: String, requestPath: String, body: String) -> String {
        timestamp + method.uppercased() + requestPath + body
    }

    /// The `OK-ACCESS-SIGN` value.
    package static func signature(
        timestamp: String, method: String, requestPath: String, body: String, secret: String
    ) -> String {
        let message = prehash(timestamp: timestamp, method: method, requestPath: requestPath, body: body)
        return Data(hmacSHA256(key: Array(secret.utf8), message: Array(message.utf8))).base64EncodedString()
    }

    /// HMAC-SHA256 through libcrypto's one-shot `HMAC(EVP_sha256(), …)`.
    package static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let ok = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                out.withUnsafeMutableBufferPointer { outBytes in
                    anchor_hmac_sha256(
                        keyBytes.baseAddress, Int32(key.count), messageBytes.baseAddress, messageBytes.count,
                        outBytes.baseAddress)
                }
            }
        }
        // HMAC with SHA-256 cannot fail for valid buffers; a failure means libcrypto itself is broken.
        precondition(ok == 1, "libcrypto HMAC-SHA256 failed")
        return out
    }

    /// Constant-time comparison, for the paper exchange's signature check.
    package static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
