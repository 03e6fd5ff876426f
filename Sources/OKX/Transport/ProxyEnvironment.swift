internal import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The proxy settings libcurl reads from the environment, as it reads them, so that they can be shown and so
/// that the loopback exemption can be added to the environment's own no-proxy list.
public enum ProxyEnvironment {
    /// Hosts that never go through a proxy: the loopback names, then `no_proxy` (or `NO_PROXY`) as given.
    static func noProxyList() -> String {
        let loopback = "127.0.0.1,localhost,::1"
        guard let extra = variable("no_proxy") ?? variable("NO_PROXY"), !extra.isEmpty else { return loopback }
        return loopback + "," + extra
    }

    /// The proxy libcurl would pick from the environment for a URL with this scheme: for `http`, only the
    /// lower-case `http_proxy` (libcurl ignores `HTTP_PROXY`, which a CGI request can set); for `https`,
    /// `https_proxy` then `HTTPS_PROXY`; then `all_proxy` and `ALL_PROXY` for both.
    public static func proxy(forScheme scheme: String) -> String? {
        let names =
            scheme == "https"
            ? ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] : ["http_proxy", "all_proxy", "ALL_PROXY"]
        return names.lazy.compactMap(variable).first { !$0.isEmpty }
    }

    /// The proxy URL with any user name and password replaced by `***`, fit for a screen or a log.
    public static func redacted(_ proxy: String) -> String {
        guard let schemeEnd = proxy.range(of: "://") else { return proxy }
        let rest = proxy[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@") else { return proxy }
        return String(proxy[..<schemeEnd.upperBound]) + "***@" + String(rest[rest.index(after: at)...])
    }

    private static func variable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
