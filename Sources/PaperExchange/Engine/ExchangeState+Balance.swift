package import Foundation

/// One currency of an account's trading balance (a `details` row of `GET /account/balance`), in that currency.
///
/// Futures mode (acctLv 2) relations, okx/API.md §3 extended to cross margin:
/// `eq = cashBal + isoEq + crossUpl`, `availBal = cashBal − ordFrozen − crossImr` (cross initial margin is held
/// out of what can open or be transferred), `frozenBal = isoEq + ordFrozen + crossImr`, `upl = isoUpl + crossUpl`.
package struct CurrencyFigures: Sendable, Equatable {
    /// The currency.
    package var ccy: String
    /// Cash, not counting isolated margin.
    package var cashBal: Decimal
    /// Held by pending opening orders.
    package var ordFrozen: Decimal = 0
    /// Σ (margin + upl) of isolated positions settled in this currency.
    package var isoEq: Decimal = 0
    /// Σ upl of those isolated positions.
    package var isoUpl: Decimal = 0
    /// Σ upl of cross positions settled in this currency.
    package var crossUpl: Decimal = 0
    /// Σ initial margin (value/lever) of those cross positions.
    package var crossImr: Decimal = 0
    /// Σ maintenance margin of those cross positions.
    package var crossMmr: Decimal = 0
    /// Σ (maintenance margin + closing fee) of those cross positions: what `mgnRatio` divides by.
    package var crossRequirement: Decimal = 0
    /// Whether any cross position is settled in this currency (else the cross fields are `""`).
    package var hasCross = false
    /// The currency's price in USD, for `eqUsd` and the account totals.
    package var usdPrice: Decimal = 1

    /// Creates the figures of a currency with only cash.
    package init(ccy: String, cashBal: Decimal) {
        self.ccy = ccy
        self.cashBal = cashBal
    }

    /// `cashBal − ordFrozen − crossImr`.
    package var availBal: Decimal { cashBal - ordFrozen - crossImr }
    /// `cashBal + isoEq + crossUpl`.
    package var eq: Decimal { cashBal + isoEq + crossUpl }
    /// `isoEq + ordFrozen + crossImr`.
    package var frozenBal: Decimal { isoEq + ordFrozen + crossImr }
    /// `isoUpl + crossUpl`.
    package var upl: Decimal { isoUpl + crossUpl }
    /// The currency's cross margin ratio: `(cashBal + crossUpl) / Σ(mmr + fee)`; nil without cross positions.
    package var mgnRatio: Decimal? {
        hasCross && crossRequirement > 0 ? ((cashBal + crossUpl) / crossRequirement).stored : nil
    }

    /// `eq` in USD.
    package var eqUsd: Decimal { usdPrice == 1 ? eq : (eq * usdPrice).stored }
}

extension ExchangeState {
    /// The figures of every currency an account holds or has positions in, by currency name; a currency whose
    /// cash and equity are both 0 is left out, as OKX leaves it out.
    package func balanceFigures(book: Int) -> [CurrencyFigures] {
        var byCcy: [String: CurrencyFigures] = [:]
        for (ccy, cash) in books[book].cash { byCcy[ccy] = CurrencyFigures(ccy: ccy, cashBal: cash) }
        for index in books[book].pending {
            let order = books[book].orders[index]
            byCcy[order.ccy, default: CurrencyFigures(ccy: order.ccy, cashBal: 0)].ordFrozen += order.frozen
        }
        for position in books[book].positions.values {
            guard let index = instrumentIndex[position.instId] else { continue }
            let instrument = instruments[index]
            let metrics = position.metrics(
                instrument: instrument, markPx: walks[index].price, takerRate: settings.takerRate)
            var figures = byCcy[instrument.settleCcy] ?? CurrencyFigures(ccy: instrument.settleCcy, cashBal: 0)
            switch position.mgnMode {
            case .isolated:
                figures.isoEq += position.margin + metrics.upl
                figures.isoUpl += metrics.upl
            case .cross:
                figures.hasCross = true
                figures.crossUpl += metrics.upl
                figures.crossImr += metrics.imr ?? 0
                figures.crossMmr += metrics.mmr
                figures.crossRequirement += metrics.mmr + metrics.notional * settings.takerRate
            }
            byCcy[instrument.settleCcy] = figures
        }
        return byCcy.keys.sorted().compactMap { ccy in
            guard var figures = byCcy[ccy], !(figures.cashBal == 0 && figures.eq == 0) else { return nil }
            figures.usdPrice = usdPrice(ccy)
            return figures
        }
    }

    /// The figures of one currency of an account (zero when it holds none).
    package func currencyFigures(book: Int, ccy: String) -> CurrencyFigures {
        balanceFigures(book: book).first { $0.ccy == ccy } ?? CurrencyFigures(ccy: ccy, cashBal: 0)
    }

    /// What can open positions or be moved in a currency: `cashBal − ordFrozen − cross initial margin`.
    package func availBal(book: Int, ccy: String = "USDT") -> Decimal {
        var imr: Decimal = 0
        for position in books[book].positions.values where position.mgnMode == .cross {
            guard let index = instrumentIndex[position.instId], instruments[index].settleCcy == ccy else { continue }
            let value = instruments[index].value(contracts: position.size, px: walks[index].price)
            imr += (value / position.lever).stored
        }
        return books[book].cash(ccy) - books[book].ordFrozen(ccy) - imr
    }

    /// The account context a cross position's figures need: cash, and every cross position's upl and
    /// requirement in that currency.
    package func crossContext(book: Int, ccy: String) -> CrossContext {
        var upl: Decimal = 0
        var requirement: Decimal = 0
        for position in books[book].positions.values where position.mgnMode == .cross {
            guard let index = instrumentIndex[position.instId], instruments[index].settleCcy == ccy else { continue }
            let metrics = position.metrics(
                instrument: instruments[index], markPx: walks[index].price, takerRate: settings.takerRate)
            upl += metrics.upl
            requirement += metrics.mmr + metrics.notional * settings.takerRate
        }
        return CrossContext(cashBal: books[book].cash(ccy), totalUpl: upl, totalRequirement: requirement)
    }

    /// A currency's USD price: 1 for USDT, USDC and USD; else the mark of its USDT (or USD) swap, 0 if none.
    /// (OKX's own conversion uses index prices; the mark is the paper exchange's only price.)
    package func usdPrice(_ ccy: String) -> Decimal {
        if ccy == "USDT" || ccy == "USDC" || ccy == "USD" { return 1 }
        return markPx(ccy + "-USDT-SWAP") ?? markPx(ccy + "-USD-SWAP") ?? markPx(ccy + "-USDC-SWAP") ?? 0
    }
}
