internal import CCurl

extension TransportError {
    /// Sorts a failed transfer's `CURLcode` into a kind the OKX client can act on: above all, whether the
    /// request may have reached the server.
    ///
    /// - Parameters:
    ///   - message: the text curl left in `CURLOPT_ERRORBUFFER`, often more precise than `curl_easy_strerror`.
    ///   - connectionWasReady: curl had a connection and was about to send (its pre-request callback ran), so
    ///     a timeout is the request's, not the connect's.
    ///   - responseTooLarge: the body or header callback refused bytes past the cap.
    ///   - refusedResend: the transport refused curl's resend of a POST on a fresh connection.
    init(
        curlCode code: CURLcode, message: String, connectionWasReady: Bool, responseTooLarge: Bool,
        refusedResend: Bool
    ) {
        let reason = String(cString: curl_easy_strerror(code))
        var detail = message.isEmpty || message == reason ? reason : "\(reason): \(message)"
        let kind: Kind
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY:
            kind = .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT:
            kind = connectionWasReady ? .timedOut : .connectTimeout
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2_STREAM:
            kind = .connectionDropped
        case CURLE_ABORTED_BY_CALLBACK where refusedResend:
            kind = .connectionDropped
            detail = "the reused connection closed before any reply; the POST was not sent again"
        case CURLE_WRITE_ERROR where responseTooLarge, CURLE_FILESIZE_EXCEEDED:
            kind = .responseTooLarge
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            kind = .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            kind = .invalidRequest
        default:
            kind = .other
        }
        if code == CURLE_PEER_FAILED_VERIFICATION {
            detail += " (the server's certificate is not trusted here: TLS is always verified; for a private CA,"
            detail += " name its PEM file in the config's ca_file)"
        }
        self.init(kind, detail, curlCode: Int(code.rawValue))
    }
}
