import AnchorBench
import AnchorCore
import AnchorDemo
import Foundation
import OKX
import PaperExchange
import Testing

/// The ways a trading box reaches OKX: through a real HTTP proxy (tinyproxy) and a real SOCKS5 proxy (microsocks),
/// from the config or from the environment as libcurl reads it, over TLS with a private CA made here by openssl,
/// and over IPv6. The paper exchange listens on 127.0.0.2, which is loopback but not in the no-proxy list, so a
/// request that skipped the proxy would still succeed and only the proxy's own log tells the two apart.
///
/// The proxies and openssl come from Debian's packages (`./dev test` installs them). Without them these tests are
/// skipped, except under CI, where a missing one fails them.
@Suite(.serialized, .enabled(if: NetworkTools.usable, NetworkTools.reason)) struct NetworkPathTests {
    @Test func anHTTPProxyFromTheConfigCarriesEveryRequest() async throws {
        let exchange = try await PaperExchangeServer.start(
            scenario: BuiltInScenarios.demo, options: .onHost("127.0.0.2"))
        let proxy = try ToolProcess.tinyproxy()
        defer { proxy.stop() }

        // Four accounts, each client syncing its clock first: the public rate limit is 10 requests per 2 s per IP.
        let through = try await readEveryAccount(
            exchange, TransportOptions(proxy: "http://127.0.0.1:\(proxy.port)"), accounts: 4)
        #expect(through == 4)
        let log = try proxy.log()
        #expect(log.contains("127.0.0.2"), "tinyproxy saw the exchange's address:\n\(log)")
        let connections = log.components(separatedBy: "Established connection").count - 1
        #expect(connections >= 1)

        // proxy = "" is no proxy, whatever the environment says: the log does not grow.
        _ = try await readEveryAccount(exchange, TransportOptions(proxy: ""), accounts: 1)
        #expect(try proxy.log().components(separatedBy: "Established connection").count - 1 == connections)

        // With the proxy gone, the request fails as a connection failure: nothing was sent.
        proxy.stop()
        await #expect(throws: OKXError.self) {
            _ = try await readEveryAccount(
                exchange, TransportOptions(proxy: "http://127.0.0.1:\(proxy.port)"), accounts: 1)
        }
        await exchange.stop()
    }

    @Test func aSOCKS5ProxyResolvesAndConnectsForUs() async throws {
        let exchange = try await PaperExchangeServer.start(
            scenario: BuiltInScenarios.demo, options: .onHost("127.0.0.2"))
        let proxy = try ToolProcess.microsocks()
        defer { proxy.stop() }
        let read = try await readEveryAccount(exchange, TransportOptions(proxy: "socks5h://127.0.0.1:\(proxy.port)"))
        #expect(read == exchange.accounts.count)
        proxy.stop()
        let log = try proxy.log()
        #expect(log.contains("connected to 127.0.0.2:\(exchange.port)"), "microsocks' log:\n\(log)")
        await exchange.stop()
    }

    /// The binary, with no `proxy` key: `http_proxy` from the environment is honoured, and `no_proxy` exempts a
    /// host, as libcurl does; a `proxy` key in the config wins over the environment.
    @Test func theEnvironmentsProxyVariablesAreHonouredAsLibcurlDoes() async throws {
        let exchange = try await PaperExchangeServer.start(
            scenario: BuiltInScenarios.demo, options: .onHost("127.0.0.2"))
        let proxy = try ToolProcess.tinyproxy()
        defer { proxy.stop() }
        let folder = try NetworkTools.temporaryFolder()
        let config = try writeConfig(exchange, folder: folder)
        func connections() throws -> Int { try proxy.log().components(separatedBy: "Established connection").count - 1 }
        let clean = ["http_proxy": "", "https_proxy": "", "all_proxy": "", "no_proxy": ""]

        var env = clean
        env["http_proxy"] = "http://127.0.0.1:\(proxy.port)"
        let viaEnvironment = try runCommand(["status", "--json", "--config", config], environment: env)
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.errors)")
        let afterEnvironment = try connections()
        #expect(afterEnvironment >= exchange.accounts.count, "each account's reads went through the proxy")

        env["no_proxy"] = "127.0.0.2"
        let exempt = try runCommand(["status", "--json", "--config", config], environment: env)
        #expect(exempt.status == 0, "\(exempt.errors)")
        #expect(try connections() == afterEnvironment, "no_proxy=127.0.0.2 went direct")

        // The config's proxy = "" overrides http_proxy.
        let direct = try writeConfig(exchange, folder: folder, extra: "proxy = \"\"\n", name: "direct.toml")
        env["no_proxy"] = ""
        let overridden = try runCommand(["status", "--json", "--config", direct], environment: env)
        #expect(overridden.status == 0, "\(overridden.errors)")
        #expect(try connections() == afterEnvironment)
        await exchange.stop()
    }

    /// doctor and daemon --check say which proxy is in use, with its password hidden, and work through it.
    @Test func doctorAndDaemonCheckShowTheProxyWithoutItsPassword() async throws {
        let exchange = try await PaperExchangeServer.start(
            scenario: BuiltInScenarios.demo, options: .onHost("127.0.0.2"))
        let proxy = try ToolProcess.tinyproxy()
        defer { proxy.stop() }
        let folder = try NetworkTools.temporaryFolder()
        let config = try writeConfig(
            exchange, folder: folder, extra: "proxy = \"http://trader:hunter2pw@127.0.0.1:\(proxy.port)\"\n")
        let doctor = try runCommand(["doctor", "--config", config])
        #expect(doctor.status == 0, "\(doctor.output)\(doctor.errors)")
        #expect(
            doctor.output.contains("network: proxy http://***@127.0.0.1:\(proxy.port) (config)"), "\(doctor.output)")
        let check = try runCommand(["daemon", "--check", "--config", config])
        #expect(check.status == 0, "\(check.output)\(check.errors)")
        #expect(check.output.contains("proxy http://***@127.0.0.1:\(proxy.port)"), "\(check.output)")
        for text in [doctor.output, doctor.errors, check.output, check.errors] {
            #expect(!text.contains("hunter2pw"))
        }
        #expect(try proxy.log().contains("127.0.0.2"), "the reads went through the proxy")
        await exchange.stop()
    }

    @Test func tlsWithAPrivateCAIsVerifiedAndAWrongCAIsRefused() async throws {
        let exchange = try await PaperExchangeServer.start(
            scenario: BuiltInScenarios.demo, options: .onHost("127.0.0.2"))
        let pki = try TestPKI.make()
        let front = try ToolProcess.tlsFront(pki: pki, to: "127.0.0.2:\(exchange.port)")
        defer { front.stop() }
        let baseURL = "https://127.0.0.2:\(front.port)"

        let read = try await readEveryAccount(exchange, TransportOptions(caFile: pki.caFile), baseURL: baseURL)
        #expect(read == exchange.accounts.count)

        for wrong in [TransportOptions(caFile: pki.otherCAFile), TransportOptions()] {
            do {
                _ = try await readEveryAccount(exchange, wrong, baseURL: baseURL, accounts: 1)
                Issue.record("a certificate from an unknown CA was accepted")
            } catch let error as OKXError {
                #expect(error.transport?.kind == .tls, "\(error)")
                #expect("\(error)".contains("ca_file"), "the message says what to do: \(error)")
            }
        }

        // The binary: a config naming the wrong CA gets a clear message, and the right one works.
        let folder = try NetworkTools.temporaryFolder()
        let wrong = try writeConfig(
            exchange, folder: folder, baseURL: baseURL, extra: "ca_file = \"\(pki.otherCAFile)\"\n", name: "w.toml")
        let refused = try runCommand(["status", "--json", "--config", wrong])
        #expect("\(refused.output)\(refused.errors)".contains("certificate"), "\(refused.output)\(refused.errors)")
        let right = try writeConfig(
            exchange, folder: folder, baseURL: baseURL, extra: "ca_file = \"\(pki.caFile)\"\n", name: "r.toml")
        let accepted = try runCommand(["status", "--json", "--config", right])
        #expect(accepted.status == 0, "\(accepted.errors)")
        #expect(!accepted.output.contains("certificate"))
        await exchange.stop()
    }

    /// An `https://` proxy (tinyproxy behind a TLS front with the test CA's certificate): verified with `ca_file`
    /// like the server, refused with a CA that did not sign it.
    @Test func anHTTPSProxyIsVerifiedWithTheCAFile() async throws {
        let exchange = try await PaperExchangeServer.start(
            scenario: BuiltInScenarios.demo, options: .onHost("127.0.0.2"))
        let proxy = try ToolProcess.tinyproxy()
        defer { proxy.stop() }
        let pki = try TestPKI.make()
        let front = try ToolProcess.tlsFront(pki: pki, to: "127.0.0.1:\(proxy.port)")
        defer { front.stop() }
        let url = "https://127.0.0.2:\(front.port)"
        func connections() throws -> Int { try proxy.log().components(separatedBy: "Established connection").count - 1 }

        let read = try await readEveryAccount(exchange, TransportOptions(proxy: url, caFile: pki.caFile), accounts: 3)
        #expect(read == 3)
        let through = try connections()
        let log = try proxy.log()
        #expect(through >= 3, "the reads went through the proxy:\n\(log)")

        await #expect(throws: OKXError.self) {
            _ = try await readEveryAccount(
                exchange, TransportOptions(proxy: url, caFile: pki.otherCAFile), accounts: 1)
        }
        #expect(try connections() == through, "nothing went through a proxy whose certificate did not verify")
        await exchange.stop()
    }

    @Test(.enabled(if: NetworkTools.ipv6Loopback, "this machine has no ::1"))
    func theExchangeIsReachedOverIPv6() async throws {
        let exchange = try await PaperExchangeServer.start(
            scenario: BuiltInScenarios.demo, options: .onHost("::1"))
        #expect(exchange.baseURL.hasPrefix("http://[::1]:"))
        let read = try await readEveryAccount(exchange, TransportOptions())
        #expect(read == exchange.accounts.count)
        await exchange.stop()
    }

    // MARK: - Helpers

    /// Reads every account's balance and positions (or only the first `accounts`) through a transport with these
    /// options; returns how many accounts answered (all of them, or it throws the first failure). A fresh client
    /// each time, so a few reads per account only: the paper exchange enforces OKX's rate limits.
    private func readEveryAccount(
        _ exchange: PaperExchangeServer, _ options: TransportOptions, baseURL: String? = nil, accounts: Int = .max
    ) async throws -> Int {
        var options = options
        options.totalTimeout = .seconds(5)
        let transport = CurlTransport(options: options)
        defer { transport.shutdown() }
        var answered = 0
        for account in AccountConfig.paper(exchange).prefix(accounts) {
            let client = OKXClient(
                baseURL: baseURL ?? exchange.baseURL, credentials: account.credentials, transport: transport,
                retry: RetryPolicy(readAttempts: 1))
            _ = try await client.balance()
            _ = try await client.positions()
            answered += 1
        }
        return answered
    }

    private func writeConfig(
        _ exchange: PaperExchangeServer, folder: String, baseURL: String? = nil, extra: String = "",
        name: String = "config.toml"
    ) throws -> String {
        let config = AppConfig(
            baseURL: baseURL ?? exchange.baseURL, databasePath: folder + "/" + name + ".sqlite",
            accounts: AccountConfig.paper(exchange))
        let path = folder + "/" + name
        let text = extra + ConfigWriter.render(config)
        FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        return path
    }
}

/// Which of the programs these tests start are installed.
enum NetworkTools {
    static let needed = ["tinyproxy", "microsocks", "openssl", "socat"]
    static let missing = needed.filter { Spawn.which($0) == nil }
    static let underCI = ProcessInfo.processInfo.environment["CI"] != nil
    /// Runs when every tool is there, and under CI always (where a missing tool is a failure, not a skip).
    static let usable = missing.isEmpty || underCI
    static let reason = Comment(
        rawValue: "not installed: \(missing.joined(separator: ", ")) (./dev test installs them)")

    static let ipv6Loopback: Bool = {
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
            }
        }
    }()

    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("okx-anchor-net-\(UUID())").path
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return folder
    }

    /// A free port on 127.0.0.1 (bound and released; the program started next takes it).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw ProcessFailure("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until something accepts connections on the port.
    static func waitForListener(host: String, port: Int) throws {
        for _ in 0..<200 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr(host)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(fd)
            if connected { return }
            usleep(20_000)
        }
        throw ProcessFailure("nothing listens on \(host):\(port)")
    }
}

/// A program started for a test, killed at the end; what it wrote goes to a file.
final class ToolProcess {
    let process = Process()
    let port: Int
    let logPath: String

    init(_ tool: String, _ arguments: [String], port: Int, logPath: String, listenHost: String = "127.0.0.1") throws {
        guard let path = Spawn.which(tool) else { throw ProcessFailure("\(tool) is not installed") }
        self.port = port
        self.logPath = logPath
        if !FileManager.default.fileExists(atPath: logPath) {
            FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        output.seekToEndOfFile()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try NetworkTools.waitForListener(host: listenHost, port: port)
    }

    func log() throws -> String { try String(contentsOfFile: logPath, encoding: .utf8) }

    /// SIGTERM, then SIGKILL if it is still there after a second (tinyproxy finishes its wait loop first).
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<50 where process.isRunning { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// tinyproxy in the foreground with a config of its own, logging each connection it opens.
    static func tinyproxy() throws -> ToolProcess {
        let folder = try NetworkTools.temporaryFolder()
        let port = try NetworkTools.freePort()
        let config = """
            Port \(port)
            Listen 127.0.0.1
            Timeout 30
            LogFile "\(folder)/tinyproxy.log"
            LogLevel Info
            MaxClients 50
            Allow 127.0.0.1

            """
        try config.write(toFile: folder + "/tinyproxy.conf", atomically: true, encoding: .utf8)
        return try ToolProcess(
            "tinyproxy", ["-d", "-c", folder + "/tinyproxy.conf"], port: port, logPath: folder + "/tinyproxy.log")
    }

    /// microsocks on loopback; it writes a line per connection it makes.
    static func microsocks() throws -> ToolProcess {
        let folder = try NetworkTools.temporaryFolder()
        let port = try NetworkTools.freePort()
        return try ToolProcess(
            "microsocks", ["-i", "127.0.0.1", "-p", "\(port)"], port: port, logPath: folder + "/microsocks.log")
    }

    /// A TLS front (socat) on 127.0.0.2 with the test CA's server certificate, passing bytes to `target`.
    static func tlsFront(pki: TestPKI, to target: String) throws -> ToolProcess {
        let port = try NetworkTools.freePort()
        return try ToolProcess(
            "socat",
            [
                "OPENSSL-LISTEN:\(port),bind=127.0.0.2,reuseaddr,fork,cert=\(pki.serverCert),key=\(pki.serverKey),"
                    + "verify=0",
                "TCP:\(target)",
            ], port: port, logPath: pki.folder + "/socat.log", listenHost: "127.0.0.2")
    }
}

/// A CA made for one test with openssl, a server certificate it signs for 127.0.0.2 and localhost, and a second
/// CA that signs nothing of ours.
struct TestPKI {
    let folder: String
    var caFile: String { folder + "/ca.pem" }
    var otherCAFile: String { folder + "/other-ca.pem" }
    var serverCert: String { folder + "/server.pem" }
    var serverKey: String { folder + "/server.key" }

    static func make() throws -> TestPKI {
        let pki = TestPKI(folder: try NetworkTools.temporaryFolder())
        let f = pki.folder
        try "subjectAltName = IP:127.0.0.2, DNS:localhost\n".write(
            toFile: f + "/san.ext", atomically: true, encoding: .utf8)
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=okx-anchor test CA", "-keyout", f + "/ca.key", "-out", f + "/ca.pem",
            ],
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=another CA", "-keyout", f + "/other-ca.key", "-out", f + "/other-ca.pem",
            ],
            [
                "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                "/CN=127.0.0.2", "-keyout", f + "/server.key", "-out", f + "/server.csr",
            ],
            [
                "x509", "-req", "-in", f + "/server.csr", "-CA", f + "/ca.pem", "-CAkey", f + "/ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", f + "/san.ext", "-out", f + "/server.pem",
            ],
        ]
        guard let openssl = Spawn.which("openssl") else { throw ProcessFailure("openssl is not installed") }
        for arguments in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ProcessFailure("openssl \(arguments.prefix(2).joined(separator: " ")) failed")
            }
        }
        return pki
    }
}

extension PaperExchangeOptions {
    fileprivate static func onHost(_ host: String) -> PaperExchangeOptions {
        var options = PaperExchangeOptions()
        options.host = host
        return options
    }
}
