public import OKX

/// Which position: one margin mode and side of one instrument in one account.
///
/// OKX holds at most one position per account, instrument, margin mode and side (`posSide`), and names it by its
/// `posId`: so this key and the posId name the same position at any moment. The key, not the posId, is what rows,
/// counts and actions follow, because it survives what a super maintenance does (close, then open afresh), while OKX
/// does not promise the new position the old posId. The posId is bound into every plan and recorded with every
/// action and event. In one-way (net) mode `posSide` is `net` and the position's direction is the sign of `pos`.
public struct PositionKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The account's name from the config.
    public var account: String
    public var instId: String
    public var posSide: PositionSide
    /// Isolated or cross; an account may hold both on one instrument and side.
    public var mgnMode: MarginMode

    public init(account: String, instId: String, posSide: PositionSide, mgnMode: MarginMode = .isolated) {
        self.account = account
        self.instId = instId
        self.posSide = posSide
        self.mgnMode = mgnMode
    }

    /// The key of a position as OKX lists it in `account`.
    public init(account: String, position: Position) {
        self.init(account: account, instId: position.instId, posSide: position.posSide, mgnMode: position.marginMode)
    }

    /// `account instId side`, and the margin mode when it is not isolated (the one actions work on).
    public var description: String {
        mgnMode == .isolated
            ? "\(account) \(instId) \(posSide.rawValue)"
            : "\(account) \(instId) \(posSide.rawValue) \(mgnMode.rawValue)"
    }

    /// Whether `position` (as OKX lists it for this key's account) is the one this key names.
    public func matches(_ position: Position) -> Bool {
        position.instId == instId && position.posSide == posSide && position.marginMode == mgnMode
    }

    public static func < (a: PositionKey, b: PositionKey) -> Bool {
        (a.account, a.instId, a.posSide.rawValue, a.mgnMode.rawValue)
            < (b.account, b.instId, b.posSide.rawValue, b.mgnMode.rawValue)
    }

    enum CodingKeys: String, CodingKey {
        case account, instId, posSide, mgnMode
    }

    /// Keys written before margin modes were told apart (plans in the journal) are isolated ones.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        account = try container.decode(String.self, forKey: .account)
        instId = try container.decode(String.self, forKey: .instId)
        posSide = try container.decode(PositionSide.self, forKey: .posSide)
        mgnMode = try container.decodeIfPresent(MarginMode.self, forKey: .mgnMode) ?? .isolated
    }
}
