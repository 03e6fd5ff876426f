import Foundation
import OKX
import Testing

@testable import AnchorCore

/// `proxy` and `ca_file`: what is accepted, what is refused and how, and that a proxy's password is never shown.
@Suite struct ConfigNetworkTests {
    typealias F = ConfigFixtures

    func parse(_ prefix: String) throws(ConfigError) -> AppConfig {
        try ConfigLoader.parse(
            text: prefix + F.minimal, path: "/etc/anchor/test.toml", environment: F.minimalEnvironment, fileMode: nil)
    }

    func refusal(_ prefix: String) -> String? {
        do {
            _ = try parse(prefix)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theProxySchemesLibcurlSpeaksAreTaken() throws {
        #expect(try parse("").proxy == nil)
        #expect(try parse("proxy = \"\"\n").proxy == "")
        for proxy in ["http://10.0.0.1:3128", "https://proxy.desk:8443", "socks5h://user:pw@127.0.0.1:1080"] {
            #expect(try parse("proxy = \"\(proxy)\"\n").proxy == proxy)
        }
    }

    @Test func aProxyThatCannotWorkIsRefusedWithoutShowingItsPassword() throws {
        let socks5 = try #require(refusal("proxy = \"socks5://u:hunter22@127.0.0.1:1080\"\n"))
        #expect(socks5.contains("socks5h://"), "\(socks5)")
        let ftp = try #require(refusal("proxy = \"ftp://u:hunter22@proxy:21\"\n"))
        #expect(ftp.contains("ftp://"))
        let noHost = try #require(refusal("proxy = \"http://u:hunter22@\"\n"))
        #expect(noHost.contains("proxy"))
        let number = try #require(refusal("proxy = 3128\n"))
        #expect(number.contains("proxy URL"))
        for message in [socks5, ftp, noHost] { #expect(!message.contains("hunter22"), "\(message)") }
    }

    @Test func redactionHidesOnlyTheCredentials() {
        #expect(ProxyEnvironment.redacted("http://u:pw@h:1/x") == "http://***@h:1/x")
        #expect(ProxyEnvironment.redacted("socks5h://127.0.0.1:1080") == "socks5h://127.0.0.1:1080")
        #expect(ProxyEnvironment.redacted("http://h:1/p@q") == "http://h:1/p@q")
    }

    @Test func theCAFileMustHoldACertificateAndIsFoundBesideTheConfig() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("okx-anchor-ca-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        try pem.write(toFile: folder + "/ca.pem", atomically: true, encoding: .utf8)
        try "not a certificate".write(toFile: folder + "/junk.pem", atomically: true, encoding: .utf8)

        func load(_ caFile: String) throws(ConfigError) -> AppConfig {
            try ConfigLoader.parse(
                text: "ca_file = \"\(caFile)\"\n" + F.minimal, path: folder + "/config.toml",
                environment: F.minimalEnvironment, fileMode: nil)
        }
        #expect(try load("ca.pem").caFile == folder + "/ca.pem")
        #expect(try load(folder + "/ca.pem").caFile == folder + "/ca.pem")
        #expect(throws: ConfigError.self) { try load("missing.pem") }
        do {
            _ = try load("junk.pem")
            Issue.record("a file without a certificate was taken")
        } catch {
            #expect(error.description.contains("no PEM certificate"), "\(error)")
        }
    }

    @Test func theWrittenConfigLoadsBackWithProxyAndCAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("okx-anchor-ca-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "-----BEGIN CERTIFICATE-----\n".write(toFile: folder + "/ca.pem", atomically: true, encoding: .utf8)
        var config = try parse("")
        config.proxy = "socks5h://127.0.0.1:1080"
        config.caFile = folder + "/ca.pem"
        let text = ConfigWriter.render(config)
        let again = try ConfigLoader.parse(
            text: text, path: folder + "/config.toml", environment: F.minimalEnvironment, fileMode: nil)
        #expect(again.proxy == config.proxy)
        #expect(again.caFile == config.caFile)
        let none = try ConfigLoader.parse(
            text: ConfigWriter.render(try parse("")), path: folder + "/config.toml",
            environment: F.minimalEnvironment, fileMode: nil)
        #expect(none.proxy == nil && none.caFile == nil)
    }
}
