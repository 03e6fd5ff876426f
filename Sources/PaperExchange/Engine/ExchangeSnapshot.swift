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
        /// Cash (excluding isolated margin).
        package var cashBal: Decimal
        /// Cash less open-order freeze.
        package var availBal: Decimal
        /// Held by pending orders.
        package var ordFrozen: Decimal
        /// Σ(margin + upl).
        package var isoEq: Decimal
        /// Σ upl.
        package var upl: Decimal
        /// Open positions, newest-created first.
        package var positions: [PositionEntry]
        /// Every order placed (and liquidation), oldest first.
        package var orders: [Order]
        /// Bills, oldest first.
        package var bills: [Bill]
        /// Closed positions, oldest first.
        package var history: [PositionHistoryRow]

        /// `cashBal + isoEq`.
        package var eq: Decimal { cashBal + isoEq }

        /// A position by instrument and side.
        package func position(_ instId: String, _ side: PositionSide) -> PositionEntry? {
            positions.first { $0.position.instId == instId && $0.position.posSide == side }
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
                state.metrics(of: position).map { PositionEntry(position: position, metrics: $0) }
            }
            let upl = positions.reduce(Decimal(0)) { $0 + $1.metrics.upl }
            let isoEq = positions.reduce(Decimal(0)) { $0 + $1.position.margin + $1.metrics.upl }
            return AccountEntry(
                account: book.account, cashBal: book.cashBal, availBal: book.availBal, ordFrozen: book.ordFrozen,
                isoEq: isoEq, upl: upl, positions: positions, orders: book.orders, bills: book.bills,
                history: book.history)
        }
    }

    /// An account by name.
    package func account(_ name: String) -> AccountEntry? {
        accounts.first { $0.account.name == name }
    }
}
