package import Foundation

/// A small, fast, seedable generator (SplitMix64); the same seed gives the same sequence on every run.
package struct SplitMix64: Sendable, Equatable {
    private var state: UInt64

    /// Creates a generator from a seed.
    package init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    package mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal (Box–Muller).
    package mutating func gaussian() -> Double {
        let u1 = max(unit(), 0x1.0p-60)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// FNV-1a of a string, to give each instrument its own stream from one seed.
    package static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// One instrument's mark price, moving by a seeded random walk in whole ticks.
///
/// The walk is kept in integer ticks so a step is cheap and exact; the `Decimal` price is derived on demand.
package struct MarkWalk: Sendable, Equatable {
    /// The price step.
    package let tickSz: Decimal
    /// The mark, in ticks.
    package private(set) var ticks: Int64
    /// Steps taken since the exchange started.
    package private(set) var steps: Int64 = 0
    /// Bumped whenever the mark changes, so cached renderings can tell they are stale.
    package private(set) var version: UInt64 = 0
    /// Lowest and highest mark seen, and the first, in ticks (for the ticker's 24 h fields).
    package private(set) var low: Int64
    /// Highest mark seen, in ticks.
    package private(set) var high: Int64
    /// The starting mark, in ticks.
    package let open: Int64
    private var random: SplitMix64

    /// Starts a walk at `price` (rounded to the tick), with its own stream derived from `seed` and `instId`.
    package init(instId: String, price: Decimal, tickSz: Decimal, seed: UInt64) {
        self.tickSz = tickSz
        let start = max(1, MarkWalk.ticks(of: price, tickSz: tickSz))
        ticks = start
        low = start
        high = start
        open = start
        random = SplitMix64(seed: seed ^ SplitMix64.hash(instId))
    }

    /// The mark price.
    package var price: Decimal { Decimal(ticks) * tickSz }

    /// Takes one step: a normal draw scaled by `volatility` (relative σ per step), rounded to whole ticks.
    /// Returns whether the mark moved.
    package mutating func step(volatility: Double) -> Bool {
        steps += 1
        let sigma = Double(ticks) * volatility
        let move = Int64((sigma * random.gaussian()).rounded())
        guard move != 0 else { return false }
        set(ticks: max(1, ticks + move))
        return true
    }

    /// Puts the mark at `price`, rounded to the nearest tick (never below one tick).
    package mutating func set(price: Decimal) {
        set(ticks: max(1, MarkWalk.ticks(of: price, tickSz: tickSz)))
    }

    private mutating func set(ticks newTicks: Int64) {
        ticks = newTicks
        low = min(low, newTicks)
        high = max(high, newTicks)
        version &+= 1
    }

    /// `price / tickSz` rounded to the nearest integer.
    package static func ticks(of price: Decimal, tickSz: Decimal) -> Int64 {
        Int64((price / tickSz).rounded(scale: 0, .plain).description) ?? 0
    }
}
