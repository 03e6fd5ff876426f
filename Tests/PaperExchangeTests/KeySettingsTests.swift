import Foundation
import LoopbackClient
import PaperExchange
import Testing

/// What a first-day "doctor" check meets: account mode, key permissions, IP allow-list and environment.
@Suite struct KeySettingsTests {
    private func scenario(_ accounts: [ScenarioAccount]) -> Scenario {
        Scenario(
            name: "keys", instruments: InstrumentCatalog.all, marks: InstrumentCatalog.marks,
            accounts: [holder()] + accounts)
    }

    private func account(
        _ name: String, acctLv: String = "2", perm: String = "read_only,trade", ip: [String] = [],
        environment: KeyEnvironment = .any
    ) -> ScenarioAccount {
        ScenarioAccount(
            account: AccountKeys.account(name: name, role: .sub), cashBal: 1000, acctLv: acctLv, perm: perm,
            ipAllowList: ip, keyEnvironment: environment)
    }

    /// The code of a balance read by `name` with the demo header set to `flag` (nil: left out).
    private func balanceCode(_ client: TestClient, _ name: String, _ flag: String?) async throws -> String {
        let target = "/api/v5/account/balance"
        let headers = SignedRequest.headers(
            account: client.account(name), method: "GET", target: target, timestamp: client.timestamp(),
            simulated: flag)
        return try await client.raw("GET", target, headers: headers).code
    }

    private let order = orderBody("SOL-USDT-SWAP", side: "buy", posSide: "long", sz: "1")

    @Test func configReportsEachAccountsModeAndKey() async throws {
        let accounts = [account("simple", acctLv: "1", perm: "read_only", ip: ["127.0.0.1", "10.0.0.1"])]
        try await withExchange(scenario(accounts)) { _, client in
            let config = try await client.get("/api/v5/account/config", as: "simple")
            #expect(config.first("acctLv") == "1")
            #expect(config.first("perm") == "read_only")
            #expect(config.first("ip") == "127.0.0.1,10.0.0.1")
            #expect(config.first("posMode") == "long_short_mode")
            #expect(config.first("label") == "simple")
            let main = try await client.get("/api/v5/account/config")
            #expect(main.first("acctLv") == "2")
            #expect(main.first("perm") == "read_only,trade")
            #expect(main.first("ip") == "")
        }
    }

    @Test func simpleModeCannotTradeSwapsAndAReadOnlyKeyCannotPost() async throws {
        try await withExchange(scenario([account("simple", acctLv: "1"), account("reader", perm: "read_only")])) {
            _, client in
            let simple = try await client.post("/api/v5/trade/order", order, as: "simple")
            #expect(simple.first("sCode") == "51010")
            let reader = try await client.post("/api/v5/trade/order", order, as: "reader")
            #expect(reader.status == 401)
            #expect(reader.code == "50120")
            let leverage = try await client.post(
                "/api/v5/account/set-leverage",
                "{\"instId\":\"SOL-USDT-SWAP\",\"lever\":\"5\",\"mgnMode\":\"isolated\",\"posSide\":\"long\"}",
                as: "reader")
            #expect(leverage.code == "50120")
            #expect(try await client.get("/api/v5/account/balance", as: "reader").code == "0")
        }
    }

    @Test func anIPAllowListRefusesOtherAddressesOnEveryPrivateCall() async throws {
        try await withExchange(scenario([account("far", ip: ["10.9.8.7"]), account("near", ip: ["127.0.0.1"])])) {
            _, client in
            let far = try await client.get("/api/v5/account/balance", as: "far")
            #expect(far.status == 401)
            #expect(far.code == "50110")
            #expect(far.msg.contains("127.0.0.1"))
            #expect(try await client.get("/api/v5/account/balance", as: "near").code == "0")
            #expect(try await client.raw("GET", "/api/v5/public/time").code == "0")
        }
    }

    @Test func liveAndDemoKeysRefuseTheOtherEnvironmentAndAnyTakesBoth() async throws {
        let accounts = [account("live", environment: .live), account("demo", environment: .demo)]
        try await withExchange(scenario(accounts)) { _, client in
            let cases: [(String, String?, String)] = [
                ("live", "1", "50101"), ("live", "0", "0"), ("live", nil, "0"), ("demo", nil, "50101"),
                ("demo", "0", "50101"), ("demo", "1", "0"), ("main", "0", "0"), ("main", "1", "0"),
            ]
            for (name, flag, expected) in cases {
                let code = try await balanceCode(client, name, flag)
                #expect(code == expected, "\(name) with x-simulated-trading \(flag ?? "absent")")
            }
        }
    }
}
