import Foundation
import OKX

extension ConfigLoader {
    static let proxyExpectation =
        "a proxy URL: http://HOST:PORT, https://HOST:PORT or socks5h://HOST:PORT (\"\" for none)"

    /// `proxy`: a URL whose scheme libcurl speaks as a proxy and which names a host. `socks5://` is refused for
    /// `socks5h://`: the former resolves OKX's name on this machine, which behind such a proxy usually cannot.
    /// A password in the URL is never shown, not even in an error.
    static func readProxy(_ root: TableReader) throws(ConfigError) -> String? {
        guard root.has("proxy") else { return nil }
        guard case .string(let text)? = root.value("proxy") else {
            throw root.error("proxy", "expected \(proxyExpectation)")
        }
        if text.isEmpty { return "" }
        let shown = ProxyEnvironment.redacted(text)
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
            let host = parts.host, !host.isEmpty
        else {
            throw root.error("proxy", "expected \(proxyExpectation), found \"\(shown)\"")
        }
        switch scheme {
        case "http", "https", "socks5h":
            return text
        case "socks5":
            throw root.error(
                "proxy", "socks5:// resolves names on this machine; use socks5h:// so that the proxy resolves them")
        default:
            throw root.error("proxy", "expected \(proxyExpectation), found a \(scheme):// URL")
        }
    }

    /// `ca_file`: a readable PEM file holding at least one certificate, relative to the config's folder.
    static func readCAFile(
        _ root: TableReader, relativeTo configPath: String, paths: ConfigPaths
    ) throws(ConfigError) -> String? {
        guard let given = try root.string("ca_file", expected: "the path of a PEM file of CA certificates") else {
            return nil
        }
        let folder = URL(fileURLWithPath: paths.expandingTilde(configPath)).deletingLastPathComponent().path
        let path = paths.resolve(given, relativeTo: folder)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw root.error("ca_file", "\(path) cannot be read")
        }
        guard String(decoding: data, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw root.error("ca_file", "\(path) holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        return path
    }
}
