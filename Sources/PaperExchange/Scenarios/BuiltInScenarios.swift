import Foundation

/// The scenarios built into the exchange: `demo`, `empty`, `sol-check`, `shapes`, and generated fleets for
/// benchmarks.
package enum BuiltInScenarios {
    /// Names `--scenario` accepts besides a file path.
    package static let names = ["demo", "empty", "sol-check", "shapes"]

    /// A built-in scenario by name; `accounts` and `positionsPerAccount` size the generated fleet where one applies.
    package static func named(_ name: String, accounts: Int? = nil, positionsPerAccount: Int = 3) -> Scenario? {
        switch name {
        case "demo":
            return accounts.map { generated(subAccounts: $0, positionsPerAccount: positionsPerAccount) } ?? demo
        case "empty": return empty
        case "sol-check": return solCheck
        case "shapes": return shapes
        default: return nil
        }
    }

    /// One main account with cash and no positions.
    package static var empty: Scenario {
        Scenario(
            name: "empty", instruments: InstrumentCatalog.all, marks: InstrumentCatalog.marks,
            accounts: [ScenarioAccount(account: AccountKeys.account(name: "main", role: .main), cashBal: 10_000)])
    }

    /// okx/API.md §5's worked check: a SOL-USDT-SWAP long, 10 contracts at 102.43, lever 10, margin 102.43,
    /// with the mark at the entry price.
    package static var solCheck: Scenario {
        var marks = InstrumentCatalog.marks
        marks["SOL-USDT-SWAP"] = .literal("102.43")
        let position = ScenarioPosition(
            instId: "SOL-USDT-SWAP", posSide: .long, pos: 10, avgPx: .literal("102.43"), margin: .literal("102.43"),
            lever: 10)
        return Scenario(
            name: "sol-check", instruments: InstrumentCatalog.all, marks: marks,
            accounts: [
                ScenarioAccount(
                    account: AccountKeys.account(name: "main", role: .main), cashBal: 1_000, positions: [position])
            ])
    }

    /// A main account and `subAccounts` sub-accounts with `positionsPerAccount` positions each (distinct
    /// instruments, so at most one per instrument), for benchmarks and soak runs.
    package static func generated(subAccounts: Int, positionsPerAccount: Int = 3) -> Scenario {
        let instruments = InstrumentCatalog.all
        var accounts = [ScenarioAccount(account: AccountKeys.account(name: "main", role: .main), cashBal: 10_000)]
        for number in 0..<max(0, subAccounts) {
            var positions: [ScenarioPosition] = []
            for slot in 0..<min(max(0, positionsPerAccount), instruments.count) {
                let instrument = instruments[(number * positionsPerAccount + slot) % instruments.count]
                let mark = InstrumentCatalog.marks[instrument.instId] ?? 1
                // About 100 USDT of notional at 10x, entered a little away from the mark.
                let contracts = max(
                    instrument.minSz, (100 / (instrument.ctVal * mark)).floored(toMultipleOf: instrument.lotSz))
                let side: PositionSide = (number + slot) % 2 == 0 ? .long : .short
                let offset = Decimal((number * 7 + slot * 3) % 21 - 10) / 1000
                let avgPx = max(instrument.tickSz, (mark * (1 + offset)).rounded(toMultipleOf: instrument.tickSz))
                let margin = (instrument.baseUnits(contracts) * avgPx / 10).rounded(scale: 2, .up)
                positions.append(
                    ScenarioPosition(
                        instId: instrument.instId, posSide: side, pos: contracts, avgPx: avgPx, margin: margin,
                        lever: 10, ageMinutes: 10 + slot))
            }
            let name = "sub" + String(number + 1)
            accounts.append(
                ScenarioAccount(
                    account: AccountKeys.account(name: name, role: .sub), cashBal: 1_000, positions: positions))
        }
        return Scenario(
            name: "generated-\(subAccounts)", instruments: instruments, marks: InstrumentCatalog.marks,
            accounts: accounts)
    }
}
