/// A fault a test arms on the paper exchange: what goes wrong, for whom, on which path, how often.
package struct SimFault: Sendable, Equatable {
    /// What goes wrong.
    package enum Kind: Sendable, Equatable {
        /// The next POST is applied, then the connection is closed without a reply: the client cannot tell
        /// whether its order went through.
        case dropReplyAfterApply
        /// The connection is closed without a reply and nothing is applied.
        case dropBeforeApply
        /// The request is applied and its reply held back this long (past the client's timeout).
        case stall(milliseconds: Int)
        /// The request is applied, then answered with 50004 (HTTP 400), "endpoint request timeout": the outcome is
        /// unknown to the client.
        case endpointTimeoutAfterApply
        /// The request is applied, then answered with 51149 (HTTP 500), "order timed out": outcome unknown.
        case orderTimeoutAfterApply
        /// Refused with 50011 and HTTP 429.
        case rateLimit
        /// Refused with 50001 and HTTP 503.
        case unavailable
        /// Refused with 50026 and HTTP 500.
        case serverError
        /// The next opening order is refused with 51008, as if the balance were short.
        case refuseOpen
        /// The next margin reduction is refused with 59301, as if above the limit.
        case refuseReduce
    }

    /// What goes wrong.
    package var kind: Kind
    /// Only requests signed by this account (by name); nil for any.
    package var account: String?
    /// Only this path, e.g. `/api/v5/trade/order` (no query); nil for any.
    package var path: String?
    /// How many matching requests it hits; nil for every match while ``durationMs`` lasts.
    package var count: Int?
    /// How long it stays armed, in ms of real time; nil for until used up.
    package var durationMs: Int64?

    /// Creates a fault; by default it hits the next matching request once.
    package init(_ kind: Kind, account: String? = nil, path: String? = nil, count: Int? = 1, durationMs: Int64? = nil) {
        self.kind = kind
        self.account = account
        self.path = path
        self.count = count
        self.durationMs = durationMs
    }

    /// Its kind as the admin API names it.
    package var kindName: String {
        switch kind {
        case .dropReplyAfterApply: return "dropReplyAfterApply"
        case .dropBeforeApply: return "dropBeforeApply"
        case .stall: return "stall"
        case .endpointTimeoutAfterApply: return "endpointTimeoutAfterApply"
        case .orderTimeoutAfterApply: return "orderTimeoutAfterApply"
        case .rateLimit: return "rateLimit"
        case .unavailable: return "unavailable"
        case .serverError: return "serverError"
        case .refuseOpen: return "refuseOpen"
        case .refuseReduce: return "refuseReduce"
        }
    }

    /// A kind from its admin name (`stallMs` gives the stall length).
    package static func kind(named name: String, stallMs: Int?) -> Kind? {
        switch name {
        case "dropReplyAfterApply": return .dropReplyAfterApply
        case "dropBeforeApply": return .dropBeforeApply
        case "stall": return .stall(milliseconds: stallMs ?? 30_000)
        case "endpointTimeoutAfterApply": return .endpointTimeoutAfterApply
        case "orderTimeoutAfterApply": return .orderTimeoutAfterApply
        case "rateLimit": return .rateLimit
        case "unavailable": return .unavailable
        case "serverError": return .serverError
        case "refuseOpen": return .refuseOpen
        case "refuseReduce": return .refuseReduce
        default: return nil
        }
    }
}
