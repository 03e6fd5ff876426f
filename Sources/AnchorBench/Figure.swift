import Foundation

/// One measured figure: repeated samples, reported as the median with min and max, and its goal if it has one.
public struct Figure: Sendable {
    /// What a goal asks of the median.
    public struct Goal: Sendable {
        public var limit: Double
        /// The unit of the limit when it differs from the figure's (e.g. a ratio to one round trip).
        public var text: String

        public init(atMost limit: Double, _ text: String) {
            self.limit = limit
            self.text = text
        }
    }

    public var name: String
    public var unit: String
    public var samples: [Double]
    /// The figure the goal is judged on, when not the median itself (e.g. a ratio); nil = median.
    public var judged: Double?
    public var goal: Goal?
    /// Anything else worth printing on the line (round trips, requests, the ratio's basis).
    public var note: String

    public init(
        name: String, unit: String, samples: [Double], judged: Double? = nil, goal: Goal? = nil, note: String = ""
    ) {
        self.name = name
        self.unit = unit
        self.samples = samples
        self.judged = judged
        self.goal = goal
        self.note = note
    }

    public var median: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    public var minimum: Double { samples.min() ?? .nan }
    public var maximum: Double { samples.max() ?? .nan }

    /// The percentile `p` (0…1) of the samples, nearest-rank.
    public func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// `name  value unit  (median of n, min a, max b)  goal ...`.
    public var line: String {
        var text =
            name.padding(toLength: 30, withPad: " ", startingAt: 0) + " "
            + Self.format(median).leftPadded(to: 10) + " " + unit.padding(toLength: 7, withPad: " ", startingAt: 0)
        if samples.count > 1 {
            text += "  (median of \(samples.count), min \(Self.format(minimum)), max \(Self.format(maximum)))"
        }
        if let goal {
            let value = judged ?? median
            let ratio = value / goal.limit
            text += "  goal \(goal.text): \(Self.format(ratio, digits: 2))× of it, \(ratio <= 1 ? "met" : "NOT met")"
        }
        if !note.isEmpty { text += "  " + note }
        return text
    }

    static func format(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return "n/a" }
        let magnitude = abs(value)
        let places = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : digits
        return String(format: "%.\(places)f", value)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

extension Duration {
    /// Milliseconds, as a double.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
