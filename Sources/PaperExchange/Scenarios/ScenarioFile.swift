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
/// `instruments` lists catalog ids, or objects with `instId, ctVal, lotSz, minSz, tickSz, lever, maxMktSz, mmr,
/// tier1MaxSz` (default: the whole catalog). `marks` overrides the catalog's. Keys, secret, passphrase and uid
/// default to ones derived from the account name (``AccountKeys``).
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
        var marks = InstrumentCatalog.marks.filter { id, _ in instruments.contains { $0.instId == id } }
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
            return Instrument(
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
                    ?? 10_000)
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
        var positions: [ScenarioPosition] = []
        if case .array(let items) = entry["positions"] ?? .array([]) {
            for item in items {
                let instId = item["instId"]?.scalarText ?? ""
                guard let side = PositionSide(rawValue: item["posSide"]?.scalarText ?? "") else {
                    throw ScenarioError("\(name).\(instId).posSide: long or short")
                }
                positions.append(
                    ScenarioPosition(
                        instId: instId, posSide: side, pos: try decimal(item["pos"], "\(name).\(instId).pos"),
                        avgPx: try decimal(item["avgPx"], "\(name).\(instId).avgPx"),
                        margin: try decimal(item["margin"], "\(name).\(instId).margin"),
                        lever: try decimal(item["lever"], "\(name).\(instId).lever"),
                        ageMinutes: Int(item["ageMinutes"]?.scalarText ?? "") ?? 60))
            }
        }
        return ScenarioAccount(
            account: account, cashBal: try decimal(entry["cashBal"] ?? .string("0"), "\(name).cashBal"),
            positions: positions)
    }

    private static func decimal(_ value: JSONValue?, _ field: String) throws(ScenarioError) -> Decimal {
        guard let text = value?.scalarText, let number = Decimal.strict(text) else {
            throw ScenarioError("\(field): a decimal number is required")
        }
        return number
    }
}
