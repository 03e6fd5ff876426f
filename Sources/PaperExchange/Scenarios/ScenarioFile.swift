import Foundation

/// Scenarios as JSON files, for anything the built-in ones do not cover. Numbers may be strings or JSON numbers.
///
/// ```json
/// {
///   "name": "two-accounts",
///   "instruments": ["BTC-USDT-SWAP", "SOL-USDT-SWAP"],
///   "marks": {"SOL-USDT-SWAP": "102.43"},
///   "accounts": [
///     {"name": "main", "role": "main", "cashBal": "1000",
///      "positions": [{"instId": "SOL-USDT-SWAP", "posSide": "long", "pos": "10", "avgPx": "102.43",
///                     "margin": "102.43", "lever": "10", "ageMinutes": 30}]},
///     {"name": "sub1", "role": "sub", "cashBal": "500"}
///   ]
/// }
/// ```
/// `instruments` lists catalog ids (``InstrumentCatalog/all`` and ``InstrumentCatalog/extras``: BTC-USD-SWAP,
/// BTC-USDC-SWAP, …), or objects with `instId, ctVal, lotSz, minSz, tickSz, lever, maxMktSz, mmr, tier1MaxSz` and
/// optionally `ctType` (`linear`|`inverse`), `settleCcy`, `ctValCcy` (defaults from the id: quote/base for linear,
/// base/quote for inverse), `state` (`live`, `suspend`, or `expired` for a delisted swap) and `fundingRate`
/// (default 0.0001 per 8 hours). Default: the whole USDT catalog. `marks` overrides the catalog's.
///
/// An account may also give `posMode` (`long_short_mode`, the default, or `net_mode`), `cash` (other currencies:
/// `{"BTC": "0.05", "USDC": "500"}`; `cashBal` stays USDT), and its key's `acctLv` ("2"; "1" is simple mode, no
/// swaps), `perm` ("read_only,trade"; "read_only" refuses every POST), `ip` (allow-list: a list or a comma string;
/// empty allows any) and `keyEnvironment` (`any`, `live` or `demo`). A position may give `mgnMode` (`isolated`,
/// the default, or `cross`, whose `margin` may be left out); in net mode its `posSide` is `net` (or left out) and
/// `pos` is signed, negative for a short:
///
/// ```json
/// {"name": "oneway", "role": "sub", "cashBal": "500", "posMode": "net_mode", "cash": {"BTC": "0.05"},
///  "perm": "read_only,trade", "ip": ["127.0.0.1"], "keyEnvironment": "live",
///  "positions": [{"instId": "ETH-USDT-SWAP", "pos": "-1", "avgPx": "3169", "margin": "31.7", "lever": "10"},
///                {"instId": "BTC-USD-SWAP", "pos": "10", "avgPx": "95000", "mgnMode": "cross", "lever": "10"}]}
/// ```
/// Keys, secret, passphrase and uid default to ones derived from the account name (``AccountKeys``).
package enum ScenarioFile {
    /// Reads and validates a scenario file.
    package static func load(path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else { throw ScenarioError("cannot read \(path)") }
        return try parse(Array(data), name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
    }

    /// Parses and validates scenario JSON.
    package static func parse(_ bytes: [UInt8], name fallbackName: String = "file") throws(ScenarioError) -> Scenario {
        guard let root = JSONValue.parse(bytes), case .object = root else { throw ScenarioError("not a JSON object") }
        let instruments = try self.instruments(root["instruments"])
        var marks: [String: Decimal] = [:]
        for instrument in instruments { marks[instrument.instId] = InstrumentCatalog.mark(instrument.instId) }
        if case .object(let given) = root["marks"] {
            for (instId, value) in given { marks[instId] = try decimal(value, "marks.\(instId)") }
        }
        guard case .array(let entries) = root["accounts"] ?? .null, !entries.isEmpty else {
            throw ScenarioError("accounts: a non-empty list is required")
        }
        let accounts = try entries.map { entry throws(ScenarioError) in try account(entry) }
        let scenario = Scenario(
            name: root["name"]?.scalarText ?? fallbackName, instruments: instruments, marks: marks, accounts: accounts)
        try scenario.validate()
        return scenario
    }

    private static func instruments(_ value: JSONValue?) throws(ScenarioError) -> [Instrument] {
        guard let value else { return InstrumentCatalog.all }
        guard case .array(let items) = value else { throw ScenarioError("instruments: a list is required") }
        return try items.map { item throws(ScenarioError) -> Instrument in
            if case .string(let instId) = item {
                guard let instrument = InstrumentCatalog.instrument(instId) else {
                    throw ScenarioError("instruments: \(instId) is not in the catalog; describe it as an object")
                }
                return instrument
            }
            guard let instId = item["instId"]?.scalarText else { throw ScenarioError("instruments: instId missing") }
            let lot = try decimal(item["lotSz"], "\(instId).lotSz")
            guard let ctType = ContractType(rawValue: item["ctType"]?.scalarText ?? "linear") else {
                throw ScenarioError("\(instId).ctType: linear or inverse")
            }
            var instrument = Instrument(
                instId: instId, ctVal: try decimal(item["ctVal"], "\(instId).ctVal"), lotSz: lot,
                minSz: try item["minSz"].map { v throws(ScenarioError) in try decimal(v, "\(instId).minSz") } ?? lot,
                tickSz: try decimal(item["tickSz"], "\(instId).tickSz"),
                maxLever: try decimal(item["lever"], "\(instId).lever"),
                maxMktSz: try item["maxMktSz"].map { v throws(ScenarioError) in try decimal(v, "\(instId).maxMktSz") }
                    ?? 10_000,
                mmr: try item["mmr"].map { v throws(ScenarioError) in try decimal(v, "\(instId).mmr") }
                    ?? .literal("0.01"),
                tier1MaxSz: try item["tier1MaxSz"].map { v throws(ScenarioError) in
                    try decimal(v, "\(instId).tier1MaxSz")
                }
                    ?? 10_000,
                state: item["state"]?.scalarText ?? "live", ctType: ctType, settleCcy: item["settleCcy"]?.scalarText,
                ctValCcy: item["ctValCcy"]?.scalarText)
            if let rate = item["fundingRate"] { instrument.fundingRate = try decimal(rate, "\(instId).fundingRate") }
            return instrument
        }
    }

    private static func account(_ entry: JSONValue) throws(ScenarioError) -> ScenarioAccount {
        guard let name = entry["name"]?.scalarText, !name.isEmpty else { throw ScenarioError("account without a name") }
        guard let role = SimAccount.Role(rawValue: entry["role"]?.scalarText ?? "sub") else {
            throw ScenarioError("\(name).role: main or sub")
        }
        var account = AccountKeys.account(name: name, role: role)
        if let key = entry["apiKey"]?.scalarText { account.apiKey = key }
        if let secret = entry["secretKey"]?.scalarText { account.secretKey = secret }
        if let passphrase = entry["passphrase"]?.scalarText { account.passphrase = passphrase }
        if let uid = entry["uid"]?.scalarText { account.uid = uid }
        guard let posMode = PositionMode(rawValue: entry["posMode"]?.scalarText ?? "long_short_mode") else {
            throw ScenarioError("\(name).posMode: long_short_mode or net_mode")
        }
        var positions: [ScenarioPosition] = []
        if case .array(let items) = entry["positions"] ?? .array([]) {
            for item in items {
                let instId = item["instId"]?.scalarText ?? ""
                let sideText = item["posSide"]?.scalarText ?? (posMode == .net ? "net" : "")
                guard let side = PositionSide(rawValue: sideText) else {
                    throw ScenarioError("\(name).\(instId).posSide: long, short or net")
                }
                guard let mgnMode = MarginMode(rawValue: item["mgnMode"]?.scalarText ?? "isolated") else {
                    throw ScenarioError("\(name).\(instId).mgnMode: isolated or cross")
                }
                let margin = item["margin"] ?? (mgnMode == .cross ? .string("0") : nil)
                positions.append(
                    ScenarioPosition(
                        instId: instId, posSide: side, pos: try decimal(item["pos"], "\(name).\(instId).pos"),
                        avgPx: try decimal(item["avgPx"], "\(name).\(instId).avgPx"),
                        margin: try decimal(margin, "\(name).\(instId).margin"),
                        lever: try decimal(item["lever"], "\(name).\(instId).lever"),
                        ageMinutes: Int(item["ageMinutes"]?.scalarText ?? "") ?? 60, mgnMode: mgnMode))
            }
        }
        var cash: [String: Decimal] = [:]
        if case .object(let members) = entry["cash"] ?? .null {
            for (ccy, value) in members { cash[ccy] = try decimal(value, "\(name).cash.\(ccy)") }
        }
        let ip: [String]
        switch entry["ip"] ?? .null {
        case .array(let items): ip = items.compactMap(\.scalarText)
        case let value: ip = (value.scalarText ?? "").split(separator: ",").map(String.init)
        }
        guard let environment = KeyEnvironment(rawValue: entry["keyEnvironment"]?.scalarText ?? "any") else {
            throw ScenarioError("\(name).keyEnvironment: any, live or demo")
        }
        return ScenarioAccount(
            account: account, cashBal: try decimal(entry["cashBal"] ?? .string("0"), "\(name).cashBal"),
            positions: positions, posMode: posMode, cash: cash, acctLv: entry["acctLv"]?.scalarText ?? "2",
            perm: entry["perm"]?.scalarText ?? "read_only,trade", ipAllowList: ip, keyEnvironment: environment)
    }

    private static func decimal(_ value: JSONValue?, _ field: String) throws(ScenarioError) -> Decimal {
        guard let text = value?.scalarText, let number = Decimal.strict(text) else {
            throw ScenarioError("\(field): a decimal number is required")
        }
        return number
    }
}
