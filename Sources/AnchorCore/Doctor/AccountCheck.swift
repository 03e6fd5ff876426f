public import Foundation
public import OKX

/// What `okx-anchor doctor` finds out about one account on the first day with real keys: whether its key works
/// (and if not, why, with OKX's code), what the key may do, the account's level and position mode, the clock skew
/// to OKX, how much of OKX's rate limit the polls use, and which positions the policy will leave alone, with why.
public struct AccountCheck: Sendable, Hashable {
    public var name: String
    public var role: AccountRole
    /// `[[accounts]] manage`.
    public var managed: Bool
    /// The key answered `GET /account/config`.
    public var keyWorks: Bool
    /// Why the key failed, in words with OKX's code.
    public var keyProblem: String?
    /// OKX's code when the key failed.
    public var errorCode: String?
    public var uid: String?
    /// `perm`: `read_only`, `trade`, `withdraw`.
    public var permissions: [String]
    /// `acctLv`: 1 spot (simple), 2 futures, 3 multi-currency margin, 4 portfolio margin.
    public var accountLevel: String?
    /// `posMode`: `long_short_mode` or `net_mode`.
    public var positionMode: String?
    /// The key's IP allow-list, when it has one.
    public var ipAllowList: String?
    /// OKX's clock minus this machine's, in milliseconds, at the middle of the request.
    public var clockSkewMilliseconds: Int64?
    /// Share of OKX's positions limit (10 requests per 2 s per account) the polls leave unused at the configured
    /// refresh.
    public var pollHeadroom: Double
    /// Positions the policy acts on.
    public var managedPositions: Int
    /// Positions shown and left alone, each with why.
    public var watched: [WatchedPosition]
    /// Why the positions could not be read, when the key works but they could not.
    public var positionsProblem: String?

    /// One position outside the policy's scope.
    public struct WatchedPosition: Sendable, Hashable {
        public var instId: String
        public var direction: Direction?
        public var mgnMode: String
        public var posId: String
        public var reason: WatchReason
    }

    /// Everything that stops the account being what its config says: read at all, and, when managed, acted on.
    public var problems: [String] {
        var problems: [String] = []
        if let keyProblem { problems.append(keyProblem) }
        if let positionsProblem { problems.append(positionsProblem) }
        guard keyWorks, managed else { return problems }
        if !permissions.contains("trade") {
            problems.append(
                "the key cannot trade (perm \(permissions.isEmpty ? "none" : permissions.joined(separator: ","))): "
                    + "give it the Trade permission on OKX, or set manage = false")
        }
        switch accountLevel {
        case "2", nil: break
        case "1":
            problems.append("account level 1 (spot / simple mode) cannot hold swaps: switch it to Futures mode")
        default:
            problems.append(
                "account level \(accountLevel ?? "?") (\(Self.levelName(accountLevel))) refuses isolated margin "
                    + "(OKX 50072): switch it to Futures mode (single-currency margin)")
        }
        return problems
    }

    /// ``pollHeadroom`` as a whole percentage.
    public var pollHeadroomPercent: Int { Int((pollHeadroom * 100).rounded()) }

    /// The account can be what its config says.
    public var isHealthy: Bool { problems.isEmpty }

    /// OKX's account levels in words.
    public static func levelName(_ level: String?) -> String {
        switch level {
        case "1": "spot"
        case "2": "futures"
        case "3": "multi-currency margin"
        case "4": "portfolio margin"
        default: "unknown"
        }
    }

    /// Why a key was refused, in words, with OKX's code: the first-day mistakes.
    public static func keyProblem(_ error: OKXError) -> String {
        let code = error.baseCode ?? ""
        let words: String =
            switch code {
            case "50111", "50103": "OKX does not know this API key: check api_key"
            case "50113", "50106": "the signature is wrong: the secret key does not belong to this API key"
            case "50105", "50104": "wrong passphrase for this API key"
            case "50110": "this machine's IP address is not on the key's IP allow-list: add it on OKX"
            case "50101":
                "the key belongs to the other environment: a live key used for demo trading or a demo key used live "
                    + "(set simulated_trading to match the key)"
            case "50102": "the request's timestamp was refused: check this machine's clock"
            default: "\(error)"
            }
        return code.isEmpty ? "the key could not be checked: \(words)" : "key refused (OKX \(code)): \(words)"
    }
}
