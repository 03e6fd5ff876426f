package import Foundation

/// A read-only copy of the whole exchange at one moment, for tests, audits and the admin API.
package struct ExchangeSnapshot: Sendable {
    /// One open position and its figures at the snapshot's marks.
    package struct PositionEntry: Sendable {
        /// The position.
        package var position: Position
        /// Its figures at the mark.
        package var metrics: PositionMetrics
    }

    /// One account.
    package struct AccountEntry: Sendable {
        /// Identity and keys.
        package var account: SimAccount
        /// USDT cash (excluding isolated margin).
        package var cashBal: Decimal
        /// USDT cash less open-order freeze and cross initial margin.
        package var availBal: Decimal
        /// USDT held by pending orders.
        package var ordFrozen: Decimal
        /// USDT Σ(margin + upl) of isolated positions.
        package var isoEq: Decimal
        /// USDT Σ upl (isolated and cross).
        package var upl: Decimal
        /// Open positions, newest-created first.
        package var positions: [PositionEntry]
        /// Every order placed (and liquidation), oldest first.
        package var orders: [Order]
        /// Bills, oldest first.
        package var bills: [Bill]
        /// Closed positions, oldest first.
        package var history: [PositionHistoryRow]
        /// Cash per currency (USDT included).
        package var cash: [String: Decimal] = [:]
        /// Long/short or net mode.
        package var posMode: PositionMode = .longShort
        /// Every currency's balance figures (the `details` of `GET /account/balance`).
        package var currencies: [CurrencyFigures] = []

        /// USDT `cashBal + isoEq + crossUpl`.
        package var eq: Decimal { cashBal + isoEq + currency("USDT").crossUpl }

        /// A position by instrument and side (isolated unless `mgnMode` says otherwise).
        package func position(
            _ instId: String, _ side: PositionSide, mgnMode: MarginMode = .isolated
        ) -> PositionEntry? {
            positions.first {
                $0.position.instId == instId && $0.position.posSide == side && $0.position.mgnMode == mgnMode
            }
        }

        /// One currency's figures (cash only, zero, when the account holds none).
        package func currency(_ ccy: String) -> CurrencyFigures {
            currencies.first { $0.ccy == ccy } ?? CurrencyFigures(ccy: ccy, cashBal: cash[ccy] ?? 0)
        }
    }

    /// Exchange time of the snapshot.
    package var nowMs: Int64
    /// Mark per instrument.
    package var marks: [String: Decimal]
    /// Accounts in scenario order.
    package var accounts: [AccountEntry]

    /// Creates a snapshot from parts.
    package init(nowMs: Int64, marks: [String: Decimal], accounts: [AccountEntry]) {
        self.nowMs = nowMs
        self.marks = marks
        self.accounts = accounts
    }

    /// Copies a state.
    package init(state: ExchangeState, now: Int64) {
        nowMs = now
        var marks: [String: Decimal] = [:]
        for (instrument, walk) in zip(state.instruments, state.walks) { marks[instrument.instId] = walk.price }
        self.marks = marks
        accounts = state.books.indices.map { index in
            let book = state.books[index]
            let positions = state.positions(book: index).compactMap { position in
                state.metrics(of: position, book: index).map { PositionEntry(position: position, metrics: $0) }
            }
            let currencies = state.balanceFigures(book: index)
            let usdt = currencies.first { $0.ccy == "USDT" } ?? CurrencyFigures(ccy: "USDT", cashBal: book.cashBal)
            var entry = AccountEntry(
                account: book.account, cashBal: book.cashBal, availBal: usdt.availBal, ordFrozen: book.ordFrozen,
                isoEq: usdt.isoEq, upl: usdt.upl, positions: positions, orders: book.orders, bills: book.bills,
                history: book.history)
            entry.cash = book.cash
            entry.posMode = book.posMode
            entry.currencies = currencies
            return entry
        }
    }

    /// An account by name.
    package func account(_ name: String) -> AccountEntry? {
        accounts.first { $0.account.name == name }
    }
}
