package import Foundation

/// The paper exchange's whole state and its rules, as a value with no I/O: every operation takes the time.
///
/// The HTTP front keeps one of these behind a lock. Marks move lazily: ``advance(to:)`` takes the random-walk
/// steps due by a time, reacting to each (liquidations, resting limit orders) in order.
package struct ExchangeState: Sendable {
    /// Fixed settings of a run.
    package struct Settings: Sendable, Equatable {
        /// Seeds the mark walks.
        package var seed: UInt64
        /// Relative σ of one walk step; 0 keeps marks still.
        package var volatility: Double
        /// Sim time per walk step.
        package var tickMs: Int64
        /// Taker fee rate (Lv1).
        package var takerRate: Decimal
        /// Maker fee rate (Lv1).
        package var makerRate: Decimal
        /// Leverage of an instrument side nobody has set yet.
        package var defaultLever: Decimal

        /// Creates settings; the defaults are OKX's Lv1 fees, one step per second and 10x.
        package init(
            seed: UInt64 = 1, volatility: Double = 0, tickMs: Int64 = 1000, takerRate: Decimal = .literal("0.0005"),
            makerRate: Decimal = .literal("0.0002"), defaultLever: Decimal = 10
        ) {
            self.seed = seed
            self.volatility = volatility
            self.tickMs = tickMs
            self.takerRate = takerRate
            self.makerRate = makerRate
            self.defaultLever = defaultLever
        }
    }

    /// Which account and position a liquidation watch entry is for, and the direction it is held in.
    struct WatchKey: Hashable, Comparable, Sendable {
        var book: Int
        var key: PositionKey
        var isLong: Bool

        static func < (a: WatchKey, b: WatchKey) -> Bool {
            a.book != b.book ? a.book < b.book : a.key < b.key
        }
    }

    /// A resting order: account and index in its order list.
    struct OrderRef: Hashable, Comparable, Sendable {
        var book: Int
        var order: Int

        static func < (a: OrderRef, b: OrderRef) -> Bool { (a.book, a.order) < (b.book, b.order) }
    }

    /// The run's settings.
    package let settings: Settings
    /// Sim time at which the walks start.
    package let originMs: Int64
    /// Instruments in listing order.
    package internal(set) var instruments: [Instrument]
    /// One walk per instrument, same order.
    package private(set) var walks: [MarkWalk]
    /// Accounts, the scenario's order.
    package internal(set) var books: [AccountBook]
    /// Bumped whenever any mark moves.
    package private(set) var markEpoch: UInt64 = 0
    private(set) var instrumentIndex: [String: Int] = [:]
    private var bookIndexByKey: [String: Int] = [:]
    private var bookIndexByName: [String: Int] = [:]
    private var counter: UInt64 = 0
    /// The next 8-hour funding settlement (00:00, 08:00, 16:00 UTC of exchange time) not yet applied.
    package internal(set) var nextFundingMs: Int64
    /// Per instrument: the mark (in ticks) at which each open position is liquidated.
    var liquidationWatch: [[WatchKey: Int64]]
    /// Per instrument: resting limit orders and their price in ticks.
    var limitWatch: [[OrderRef: Int64]]

    /// Builds the state a scenario describes, at `startMs`.
    package init(scenario: Scenario, settings: Settings = Settings(), startMs: Int64) {
        self.settings = settings
        originMs = startMs
        instruments = scenario.instruments
        walks = scenario.instruments.map { instrument in
            MarkWalk(
                instId: instrument.instId, price: scenario.marks[instrument.instId] ?? instrument.tickSz,
                tickSz: instrument.tickSz, seed: settings.seed)
        }
        liquidationWatch = Array(repeating: [:], count: scenario.instruments.count)
        limitWatch = Array(repeating: [:], count: scenario.instruments.count)
        books = []
        nextFundingMs = ExchangeState.fundingBoundary(after: startMs)
        for (index, instrument) in instruments.enumerated() { instrumentIndex[instrument.instId] = index }
        let mainUid = scenario.accounts.first { $0.account.role == .main }?.account.uid
        for entry in scenario.accounts {
            let bookIndex = books.count
            var book = AccountBook(
                account: entry.account, mainUid: mainUid ?? entry.account.uid, cashBal: entry.cashBal,
                cash: entry.cash)
            book.posMode = entry.posMode
            for (order, seeded) in entry.positions.enumerated() {
                let age = Int64(seeded.ageMinutes) * 60_000 + Int64(entry.positions.count - order)
                var position = Position(
                    posId: nextId(), instId: seeded.instId, mgnMode: seeded.mgnMode, posSide: seeded.posSide,
                    pos: seeded.pos, avgPx: seeded.avgPx, margin: seeded.mgnMode == .cross ? 0 : seeded.margin,
                    lever: seeded.lever, cTime: startMs - age, uTime: startMs - age)
                position.tradeId = nextId()
                book.positions[position.key] = position
                book.leverage[ExchangeState.leverageKey(position.key)] = seeded.lever
            }
            books.append(book)
            bookIndexByKey[entry.account.apiKey] = bookIndex
            bookIndexByName[entry.account.name] = bookIndex
            for key in book.positions.keys { refreshWatch(book: bookIndex, key: key) }
        }
    }

    // MARK: Lookups

    /// The account owning an API key.
    package func book(apiKey: String) -> Int? { bookIndexByKey[apiKey] }

    /// The account with this name.
    package func book(named name: String) -> Int? { bookIndexByName[name] }

    /// An instrument by id.
    package func instrument(_ instId: String) -> Instrument? {
        instrumentIndex[instId].map { instruments[$0] }
    }

    /// The current mark of an instrument.
    package func markPx(_ instId: String) -> Decimal? {
        instrumentIndex[instId].map { walks[$0].price }
    }

    /// The walk of an instrument (mark in ticks, version, 24 h extremes).
    package func walk(_ instId: String) -> MarkWalk? {
        instrumentIndex[instId].map { walks[$0] }
    }

    /// The leverage an account uses for a position key (cross leverage is per instrument: its side is ignored).
    package func leverage(book: Int, _ key: PositionKey) -> Decimal {
        if let lever = books[book].leverage[ExchangeState.leverageKey(key)] { return lever }
        let maxLever = instrument(key.instId)?.maxLever ?? settings.defaultLever
        return min(settings.defaultLever, maxLever)
    }

    /// Open positions of an account, newest-created first (OKX's order).
    package func positions(book: Int) -> [Position] {
        books[book].positions.values.sorted { ($0.cTime, $0.posId) > ($1.cTime, $1.posId) }
    }

    /// Where a leverage setting is kept: cross leverage per instrument (side `net`), isolated per side.
    package static func leverageKey(_ key: PositionKey) -> PositionKey {
        key.mgnMode == .cross ? PositionKey(instId: key.instId, mgnMode: .cross, posSide: .net) : key
    }

    /// Figures of one position at the current mark; a cross position's `mgnRatio` and `liqPx` need its account
    /// (``metrics(of:book:)``).
    package func metrics(of position: Position) -> PositionMetrics? {
        guard let index = instrumentIndex[position.instId] else { return nil }
        return position.metrics(
            instrument: instruments[index], markPx: walks[index].price, takerRate: settings.takerRate)
    }

    /// Figures of one position of an account at the current mark, cross context included.
    package func metrics(of position: Position, book: Int) -> PositionMetrics? {
        guard position.mgnMode == .cross else { return metrics(of: position) }
        guard let index = instrumentIndex[position.instId] else { return nil }
        let context = crossContext(book: book, ccy: instruments[index].settleCcy)
        return position.metrics(
            instrument: instruments[index], markPx: walks[index].price, takerRate: settings.takerRate,
            cross: context)
    }

    /// A fresh id: OKX-like 19-digit decimal strings, deterministic for a given history of operations.
    mutating func nextId() -> String {
        counter += 1
        return String(1_800_000_000_000_000_000 + counter)
    }

    // MARK: Marks

    /// Brings the exchange up to `now`: the walk steps due (one per `tickMs` of sim time since the start), reacting
    /// to each, and every 8-hour funding settlement passed, each at the marks of its moment.
    package mutating func advance(to now: Int64) {
        while nextFundingMs <= now {
            walk(to: nextFundingMs)
            applyFunding(at: nextFundingMs)
            nextFundingMs += ExchangeState.fundingIntervalMs
        }
        walk(to: now)
    }

    /// Takes every walk step due by `now`, reacting to each.
    private mutating func walk(to now: Int64) {
        guard settings.volatility > 0, settings.tickMs > 0 else { return }
        let target = (now - originMs) / settings.tickMs
        for index in walks.indices where walks[index].steps < target {
            var moved = false
            while walks[index].steps < target {
                guard walks[index].step(volatility: settings.volatility) else { continue }
                moved = true
                if !liquidationWatch[index].isEmpty || !limitWatch[index].isEmpty {
                    react(instrument: index, now: originMs + walks[index].steps * settings.tickMs)
                }
            }
            if moved { markEpoch &+= 1 }
        }
    }

    /// Puts a mark at `price` (rounded to the tick) and reacts at once: liquidations and limit fills.
    package mutating func setMark(_ instId: String, _ price: Decimal, now: Int64) throws(ExchangeRejection) {
        guard let index = instrumentIndex[instId] else { throw .unknownInstrument }
        guard price > 0 else { throw .parameterError("markPx") }
        walks[index].set(price: price)
        markEpoch &+= 1
        react(instrument: index, now: now)
    }

    /// After a mark move: liquidate what crossed its liquidation mark, fill resting orders the mark reached.
    private mutating func react(instrument index: Int, now: Int64) {
        let ticks = walks[index].ticks
        let instId = instruments[index].instId
        let due = liquidationWatch[index].filter { key, threshold in
            key.isLong ? ticks <= threshold : ticks >= threshold
        }.keys.sorted()
        for key in due where key.key.instId == instId {
            liquidate(book: key.book, key: key.key, category: .fullLiquidation, now: now)
        }
        let fills = limitWatch[index].filter { ref, px in
            books[ref.book].orders[ref.order].side == .buy ? ticks <= px : ticks >= px
        }.keys.sorted()
        for ref in fills { fillResting(ref, instrument: index, now: now) }
    }

    /// Recomputes (or drops) the liquidation watch entry of one position after it changed. Only isolated
    /// positions are watched: a cross position's liquidation mark moves with the account's cash and its other
    /// positions, so the paper exchange liquidates cross positions only on demand (``liquidate(book:key:now:)``).
    mutating func refreshWatch(book: Int, key: PositionKey) {
        guard let index = instrumentIndex[key.instId] else { return }
        for isLong in [true, false] { liquidationWatch[index][WatchKey(book: book, key: key, isLong: isLong)] = nil }
        guard let position = books[book].positions[key], position.mgnMode == .isolated, position.size > 0 else {
            return
        }
        let instrument = instruments[index]
        let mark = position.liquidationMark(instrument: instrument, takerRate: settings.takerRate)
        let scaled = mark / instrument.tickSz
        let ticks: Int64
        if position.isLong {
            ticks = Int64(scaled.rounded(scale: 0, .down).description) ?? Int64.min
        } else {
            ticks = Int64(scaled.rounded(scale: 0, .up).description) ?? Int64.max
        }
        liquidationWatch[index][WatchKey(book: book, key: key, isLong: position.isLong)] = ticks
    }
}
