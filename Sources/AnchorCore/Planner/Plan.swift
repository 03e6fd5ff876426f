public import AnchorStore
public import Foundation
public import OKX

/// What a plan was made from. An action only runs if the position still matches this.
public struct PlanBasis: Sendable, Hashable, Codable {
    public var posId: String
    /// Which way the position bets: a maintenance reopens this way, a trim reduces it. Nil only in plans written
    /// before directions were recorded (then the key's long/short side says it).
    public var direction: Direction?
    /// Contracts.
    public var size: Decimal
    public var margin: Decimal
    public var leverage: Decimal
    public var averagePrice: Decimal
    public var markPrice: Decimal
    public var unrealizedPnL: Decimal
    public var availableBalance: Decimal
    public var maintenanceCount: Int
}

/// One step of a plan, with its amounts.
public enum PlanStep: Sendable, Hashable, Codable {
    /// Leverage of this side to `to`; lowering it moves `topUp` USDT from cash into margin.
    case setLeverage(from: Decimal, to: Decimal, topUp: Decimal)
    /// A reducing market order for part of the position (a `direction` position), leaving `notionalAfter` USDT.
    case trim(contracts: Decimal, notionalAfter: Decimal, direction: Direction)
    /// Take USDT out of the position's margin.
    case reduceMargin(Decimal)
    /// Put USDT from the available balance into the position's margin.
    case addMargin(Decimal)
    /// Close the whole side at market.
    case close(contracts: Decimal)
    /// Open a fresh `direction` position at market.
    case open(contracts: Decimal, leverage: Decimal, margin: Decimal, direction: Direction)
    /// Count the maintenance, once the open is confirmed.
    case count(from: Int, to: Int)

    /// The step in plain English, e.g. `reduce margin by 5.00 USDT`.
    public var summary: String {
        switch self {
        case .setLeverage(let from, let to, let topUp):
            topUp > 0
                ? "set leverage \(from)x → \(to)x (moves \(Format.usdt(topUp)) USDT into margin)"
                : "set leverage \(from)x → \(to)x"
        case .trim(let contracts, let notional, let direction):
            "\(OrderSide.closing(direction).rawValue) \(contracts) contracts to reduce the \(direction.rawValue) "
                + "(notional → \(Format.usdt(notional)) USDT)"
        case .reduceMargin(let amount): "reduce margin by \(Format.usdt(amount)) USDT"
        case .addMargin(let amount): "add \(Format.usdt(amount)) USDT margin"
        case .close(let contracts): "close the whole side (\(contracts) contracts) at market"
        case .open(let contracts, let leverage, let margin, let direction):
            "\(OrderSide.opening(direction).rawValue) \(contracts) contracts to open a \(direction.rawValue) at "
                + "\(leverage)x (≈ \(Format.usdt(margin)) USDT margin)"
        case .count(let from, let to): "count the maintenance: \(from) → \(to)"
        }
    }

    /// The journal's kind of the request this step sends; nil for the count, which sends none.
    public var stepKind: StepKind? {
        switch self {
        case .setLeverage: .setLeverage
        case .trim: .trim
        case .reduceMargin: .reduceMargin
        case .addMargin: .addMargin
        case .close: .close
        case .open: .open
        case .count: nil
        }
    }

    /// The step's name, as the journal writes its kind (`count` for the count).
    public var kindName: String { stepKind?.rawValue ?? "count" }

    /// True for steps that send a request to the exchange.
    public var sendsRequest: Bool {
        if case .count = self { return false }
        return true
    }
}

/// What the position should look like after a plan.
public struct PlanOutcome: Sendable, Hashable, Codable {
    public var size: Decimal
    public var margin: Decimal
    public var leverage: Decimal
    public var notional: Decimal
}

/// An ordered list of steps for one position, with the expected result, and the reasons it cannot work if any.
public struct Plan: Sendable, Hashable, Codable {
    public var kind: ActionKind
    public var key: PositionKey
    public var basis: PlanBasis
    public var steps: [PlanStep]
    public var expected: PlanOutcome
    /// Taker fees of the market orders, estimated at the mark price.
    public var estimatedFees: Decimal
    /// The band the margin should end in.
    public var band: MarginBand
    /// Why the plan cannot run; empty when it can.
    public var blockers: [String]
    /// What the trader should know (e.g. the band cannot be fully reached now, and why).
    public var notes: [String]
    /// For a maintenance: the correction that follows it, as planned now (it is planned again after the open).
    public var followUpSteps: [PlanStep]

    /// Can be confirmed and run.
    public var isRunnable: Bool { blockers.isEmpty && !steps.isEmpty }
    /// Nothing to do.
    public var isNoop: Bool { blockers.isEmpty && steps.isEmpty }

    /// Requests the plan sends to the exchange.
    public var requestCount: Int { steps.filter(\.sendsRequest).count }
}

/// Number formats shared by plans, reports and the screen.
public enum Format {
    /// Two decimals, e.g. `10.29`, `-3.10`.
    public static func usdt(_ value: Decimal) -> String {
        fixed(value, places: 2)
    }

    /// An amount in its currency: two decimals in a dollar currency (USDT, USDC, USD); six in a coin (an inverse
    /// swap's margin and PnL, e.g. `0.000361` BTC), where two would show nothing.
    public static func amount(_ value: Decimal, currency: String) -> String {
        fixed(value, places: isDollar(currency) ? 2 : 6)
    }

    /// USDT, USDC and USD, counted in cents.
    public static func isDollar(_ currency: String) -> Bool {
        ["USDT", "USDC", "USD"].contains(currency)
    }

    /// A share as a percentage with one decimal, e.g. `-9.5%`.
    public static func percent(_ value: Decimal) -> String {
        (DecimalParts.read(value)?.fixed(places: 1, shift: 2) ?? fixed(value * 100, places: 1)) + "%"
    }

    /// A display-only share (never an amount) as a percentage with one decimal, e.g. `10.6%`.
    public static func percent(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        let tenths = Int((value * 1000).rounded(.toNearestOrAwayFromZero))
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)%"
    }

    /// `places` decimals, rounded half away from zero, never in exponent form.
    ///
    /// Three paths that print the same text: integer arithmetic on the decimal's own significand (almost every
    /// amount), rounding the digits of `description`, and Foundation's rounding for anything else.
    public static func fixed(_ value: Decimal, places: Int) -> String {
        DecimalParts.read(value)?.fixed(places: places) ?? fixedFast(value, places: places)
            ?? fixedByRounding(value, places: places)
    }

    /// Rounds the digits of `description` (plain digits, never an exponent) as text. The dashboard formats every
    /// position's numbers on every poll, and `NSDecimalRound`, a decimal division, was the larger part of that work.
    /// nil for text it does not expect (then `fixedByRounding` does it).
    static func fixedFast(_ value: Decimal, places: Int) -> String? {
        guard !value.isNaN, places >= 0 else { return nil }
        var bytes = Array(value.description.utf8)
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes.removeFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        var whole = Array(bytes[..<point])
        var fraction = point < bytes.count ? Array(bytes[(point + 1)...]) : []
        guard !whole.isEmpty, (whole + fraction).allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if fraction.count > places {
            let roundUp = fraction[places] >= UInt8(ascii: "5")
            fraction.removeLast(fraction.count - places)
            if roundUp {
                var digits = whole + fraction
                var index = digits.count - 1
                while index >= 0 {
                    if digits[index] == UInt8(ascii: "9") {
                        digits[index] = UInt8(ascii: "0")
                        index -= 1
                    } else {
                        digits[index] += 1
                        break
                    }
                }
                if index < 0 { digits.insert(UInt8(ascii: "1"), at: 0) }
                whole = Array(digits[..<(digits.count - places)])
                fraction = Array(digits[(digits.count - places)...])
            }
        } else {
            fraction += Array(repeating: UInt8(ascii: "0"), count: places - fraction.count)
        }
        let isZero = (whole + fraction).allSatisfy { $0 == UInt8(ascii: "0") }
        var out = negative && !isZero ? [UInt8(ascii: "-")] : []
        out += whole
        if places > 0 { out += [UInt8(ascii: ".")] + fraction }
        return String(decoding: out, as: UTF8.self)
    }

    /// Any value, through `NSDecimalRound`.
    static func fixedByRounding(_ value: Decimal, places: Int) -> String {
        let rounded = value.rounded(scale: places, .plain)
        var text = rounded.description
        if text == "-0" { text = "0" }
        guard places > 0 else { return text }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction + String(repeating: "0", count: max(0, places - fraction.count))
    }
}
