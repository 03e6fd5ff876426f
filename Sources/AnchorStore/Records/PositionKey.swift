public import OKX

/// Which position: one side of one instrument in one account. Maintenance counts and actions are kept per key.
public struct PositionKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The account's name from the config.
    public var account: String
    public var instId: String
    public var posSide: PositionSide

    public init(account: String, instId: String, posSide: PositionSide) {
        self.account = account
        self.instId = instId
        self.posSide = posSide
    }

    public var description: String { "\(account) \(instId) \(posSide.rawValue)" }

    public static func < (a: PositionKey, b: PositionKey) -> Bool {
        (a.account, a.instId, a.posSide.rawValue) < (b.account, b.instId, b.posSide.rawValue)
    }
}
