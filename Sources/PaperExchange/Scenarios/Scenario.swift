package import Foundation

/// The starting state of a paper exchange: instruments, marks and accounts with cash and positions.
///
/// Positions are given with their margin directly (as if margin had been added or removed), not replayed from
/// orders, so a scenario can hold exactly the figures a test or the demo needs.
package struct Scenario: Sendable {
    /// A name for logs and `--scenario`.
    package var name: String
    /// The instruments listed.
    package var instruments: [Instrument]
    /// Starting mark per instId; every instrument needs one.
    package var marks: [String: Decimal]
    /// The accounts, the main account first.
    package var accounts: [ScenarioAccount]

    /// Creates a scenario.
    package init(name: String, instruments: [Instrument], marks: [String: Decimal], accounts: [ScenarioAccount]) {
        self.name = name
        self.instruments = instruments
        self.marks = marks
        self.accounts = accounts
    }
}

/// One account of a scenario.
package struct ScenarioAccount: Sendable {
    /// Identity and keys (with the key's acctLv, perm, IP allow-list and environment).
    package var account: SimAccount
    /// USDT cash (excluding isolated margin).
    package var cashBal: Decimal
    /// Cash in other currencies (BTC for inverse swaps, USDC, …); a `USDT` entry here is ignored for `cashBal`.
    package var cash: [String: Decimal]
    /// Long/short or one-way (net) mode.
    package var posMode: PositionMode
    /// Open positions.
    package var positions: [ScenarioPosition]

    /// Creates an account; the key settings given here override the ones on `account`.
    package init(
        account: SimAccount, cashBal: Decimal, positions: [ScenarioPosition] = [],
        posMode: PositionMode = .longShort, cash: [String: Decimal] = [:], acctLv: String = "2",
        perm: String = "read_only,trade", ipAllowList: [String] = [], keyEnvironment: KeyEnvironment = .any
    ) {
        var account = account
        account.acctLv = acctLv
        account.perm = perm
        account.ipAllowList = ipAllowList
        account.keyEnvironment = keyEnvironment
        self.account = account
        self.cashBal = cashBal
        self.cash = cash.filter { $0.key != "USDT" }
        self.posMode = posMode
        self.positions = positions
    }
}

/// One position of a scenario account.
package struct ScenarioPosition: Sendable {
    /// The instrument.
    package var instId: String
    /// Long or short (long/short mode), or net (net mode).
    package var posSide: PositionSide
    /// Contracts: positive for long/short, signed for net (negative = short).
    package var pos: Decimal
    /// Average entry price.
    package var avgPx: Decimal
    /// Isolated margin held, in the settlement currency (ignored for cross).
    package var margin: Decimal
    /// Isolated or cross.
    package var mgnMode: MarginMode
    /// Leverage.
    package var lever: Decimal
    /// How long ago it was opened, in minutes (orders the positions list, newest first).
    package var ageMinutes: Int

    /// Creates a position.
    package init(
        instId: String, posSide: PositionSide, pos: Decimal, avgPx: Decimal, margin: Decimal, lever: Decimal,
        ageMinutes: Int = 60, mgnMode: MarginMode = .isolated
    ) {
        self.instId = instId
        self.mgnMode = mgnMode
        self.posSide = posSide
        self.pos = pos
        self.avgPx = avgPx
        self.margin = margin
        self.lever = lever
        self.ageMinutes = ageMinutes
    }
}

/// A scenario that cannot be used, with the reason.
package struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    package var message: String

    /// Creates an error.
    package init(_ message: String) {
        self.message = message
    }

    /// One line.
    package var description: String { "scenario: \(message)" }
}

extension Scenario {
    /// Checks what the exchange relies on: unique names and keys, one main account at most, known instruments,
    /// a mark for each, positive sizes on the lot, margins and leverage within the instrument's limits.
    package func validate() throws(ScenarioError) {
        var names = Set<String>()
        var keys = Set<String>()
        let ids = Set(instruments.map(\.instId))
        guard ids.count == instruments.count else { throw ScenarioError("duplicate instrument") }
        for instrument in instruments {
            guard let mark = marks[instrument.instId], mark > 0 else {
                throw ScenarioError("no positive mark for \(instrument.instId)")
            }
            guard instrument.tickSz > 0, instrument.lotSz > 0, instrument.ctVal > 0, instrument.maxLever >= 1 else {
                throw ScenarioError("\(instrument.instId) needs positive tickSz, lotSz, ctVal and lever ≥ 1")
            }
        }
        guard accounts.filter({ $0.account.role == .main }).count <= 1 else {
            throw ScenarioError("more than one main account")
        }
        for entry in accounts {
            let account = entry.account
            guard names.insert(account.name).inserted else { throw ScenarioError("duplicate account \(account.name)") }
            guard keys.insert(account.apiKey).inserted else {
                throw ScenarioError("duplicate API key for \(account.name)")
            }
            guard !account.apiKey.isEmpty, !account.secretKey.isEmpty, !account.passphrase.isEmpty else {
                throw ScenarioError("\(account.name) needs an API key, a secret and a passphrase")
            }
            guard entry.cashBal >= 0, entry.cash.values.allSatisfy({ $0 >= 0 }) else {
                throw ScenarioError("\(account.name) has negative cash")
            }
            guard ["1", "2", "3", "4"].contains(account.acctLv) else {
                throw ScenarioError("\(account.name): acctLv is 1, 2, 3 or 4")
            }
            var sides = Set<PositionKey>()
            for position in entry.positions {
                guard let instrument = instruments.first(where: { $0.instId == position.instId }) else {
                    throw ScenarioError("\(account.name): unknown instrument \(position.instId)")
                }
                let name =
                    "\(account.name): \(position.mgnMode.rawValue) \(position.posSide.rawValue) \(position.instId)"
                let key = PositionKey(instId: position.instId, mgnMode: position.mgnMode, posSide: position.posSide)
                guard sides.insert(key).inserted else { throw ScenarioError("\(name): two such positions") }
                guard (position.posSide == .net) == (entry.posMode == .net) else {
                    throw ScenarioError("\(name): posSide must be net in net mode, long or short otherwise")
                }
                let size = position.pos < 0 ? -position.pos : position.pos
                guard size > 0, position.posSide == .net || position.pos > 0, size.isMultiple(of: instrument.lotSz),
                    position.avgPx > 0, position.mgnMode == .cross || position.margin > 0, position.lever >= 1,
                    position.lever <= instrument.maxLever
                else {
                    throw ScenarioError("\(name): bad position")
                }
            }
        }
    }
}
