/// Which accounts each poll reads, so that a large fleet costs a steady number of requests a second.
///
/// A fleet no larger than one poll's budget (`readsPerSecond × interval` accounts) is read whole at every poll, as it
/// always was. A larger one is read in turns: every account once per turn of `turnPolls` polls, the longest unread
/// first, so a thousand accounts at a 1 s refresh and 50 reads a second cost 50 position requests a second instead of
/// a thousand (each signed, sent, parsed and folded into the screen), and each account is read every 20 s.
///
/// Accounts that need watching (their last read failed, an action holds one of their positions, a managed position
/// is near the maintenance trigger) are read at every poll, on at most half a poll's budget while the turn needs the
/// rest, so a crowd of failing accounts slows the turn to at most twice its length and never stops it. Accounts never
/// read are read at once, whatever the budget: the first poll reads the whole fleet.
public struct PollSchedule: Sendable {
    /// Accounts in the fleet.
    public let accounts: Int
    /// Accounts one poll may read (after those never read).
    public let perPoll: Int
    /// Polls in a turn: 1 when every poll reads the whole fleet.
    public let turnPolls: Int
    /// The poll at which each account was last read; nil when never.
    private var lastRead: [Int?]
    private var poll = 0

    public init(accounts: Int, interval: Double, readsPerSecond: Double) {
        self.accounts = accounts
        self.interval = interval
        let budget = (readsPerSecond * interval).rounded(.down)
        perPoll = budget.isFinite && budget >= 1 ? Int(min(budget, Double(Int32.max))) : 1
        turnPolls = max(1, (accounts + perPoll - 1) / perPoll)
        lastRead = Array(repeating: nil, count: accounts)
    }

    /// Seconds between polls.
    public let interval: Double

    /// Every poll reads the whole fleet.
    public var readsWhole: Bool { turnPolls == 1 }

    /// Seconds in which every account is read once when the fleet is read in turns; nil when every poll reads all.
    public var turnSeconds: Double? { readsWhole ? nil : Double(turnPolls) * interval }

    /// The accounts the next poll reads, in index order. `watching` says which accounts need watching; `everyAccount`
    /// reads them all (the trader asked for it, or a one-shot command).
    public mutating func next(everyAccount: Bool = false, watching: (Int) -> Bool) -> [Int] {
        poll += 1
        if everyAccount || readsWhole { return readAll() }
        var fresh: [Int] = []
        var urgent: [(last: Int, index: Int)] = []
        var due: [(last: Int, index: Int)] = []
        for index in 0..<accounts {
            guard let last = lastRead[index] else {
                fresh.append(index)
                continue
            }
            if watching(index) {
                if poll - last >= 1 { urgent.append((last, index)) }
            } else if poll - last >= turnPolls {
                due.append((last, index))
            }
        }
        if fresh.count == accounts { return readAll() }
        let longestUnread = { (a: (last: Int, index: Int), b: (last: Int, index: Int)) in
            a.last != b.last ? a.last < b.last : a.index < b.index
        }
        urgent.sort(by: longestUnread)
        due.sort(by: longestUnread)
        let room = max(0, perPoll - fresh.count)
        let urgentTaken = min(urgent.count, max(room / 2, room - due.count))
        var picked = fresh
        picked += urgent.prefix(urgentTaken).map(\.index)
        picked += due.prefix(room - urgentTaken).map(\.index)
        for index in picked { lastRead[index] = poll }
        return picked.sorted()
    }

    /// Records a read outside the schedule (after an action on the account).
    public mutating func didRead(_ index: Int) {
        guard lastRead.indices.contains(index) else { return }
        lastRead[index] = poll
    }

    /// Reads every account. After a read of the whole fleet (the first poll, or `r`) the accounts are spread over
    /// the turn, as if each slice of `perPoll` had been read at its own poll, so the polls that follow read even
    /// slices rather than the whole fleet falling due at once and the last slice waiting two turns.
    private mutating func readAll() -> [Int] {
        for index in 0..<accounts {
            lastRead[index] = poll + 1 + (index / perPoll) % turnPolls - turnPolls
        }
        return Array(0..<accounts)
    }
}

extension AppConfig {
    /// Seconds in which the poller reads every account once when this config's fleet is larger than a poll's budget
    /// and is read in turns; nil when every poll reads every account.
    public var turnSeconds: Double? {
        PollSchedule(accounts: accounts.count, interval: refreshSeconds, readsPerSecond: readsPerSecond).turnSeconds
    }
}
