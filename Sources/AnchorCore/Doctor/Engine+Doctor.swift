import Foundation
import OKX

extension Engine {
    /// Checks every account of the config at once (`okx-anchor doctor`, the dashboard's account detail).
    public func checkAccounts() async -> [AccountCheck] {
        let skew = await clockSkew()
        return await withTaskGroup(of: (Int, AccountCheck).self) { group in
            for (index, account) in config.accounts.enumerated() {
                group.addTask { (index, await self.check(account: account, clockSkew: skew)) }
            }
            var checks = [AccountCheck?](repeating: nil, count: config.accounts.count)
            for await (index, check) in group { checks[index] = check }
            return checks.compactMap { $0 }
        }
    }

    /// Checks one account by name; nil when the config has none.
    public func checkAccount(named name: String) async -> AccountCheck? {
        guard let account = config.accounts.first(where: { $0.name == name }) else { return nil }
        return await check(account: account, clockSkew: await clockSkew())
    }

    /// One account: its key and configuration, then its positions against the scope rule.
    func check(account: AccountConfig, clockSkew: Int64?) async -> AccountCheck {
        var check = AccountCheck(
            name: account.name, role: account.role, managed: account.manage, keyWorks: false, keyProblem: nil,
            errorCode: nil, uid: nil, permissions: [], accountLevel: nil, positionMode: nil, ipAllowList: nil,
            clockSkewMilliseconds: clockSkew, pollHeadroom: pollHeadroom, managedPositions: 0, watched: [],
            positionsProblem: nil)
        guard let client = clients[account.name] else { return check }
        do {
            let configuration = try await client.accountConfiguration()
            check.keyWorks = true
            check.uid = configuration.uid
            check.permissions = configuration.permissions.sorted()
            check.accountLevel = configuration.acctLv
            check.positionMode = configuration.posMode
            check.ipAllowList = configuration.ip
        } catch {
            check.keyProblem = AccountCheck.keyProblem(error)
            check.errorCode = error.okxCode
            return check
        }
        do {
            let positions = try await client.positions().filter(\.isOpen)
            let instruments = (try? await self.instruments.all()) ?? [:]
            for position in positions {
                let scope = PositionScope.of(
                    position, instrument: instruments[position.instId], accountManaged: account.manage)
                if let reason = scope.watchReason {
                    check.watched.append(
                        AccountCheck.WatchedPosition(
                            instId: position.instId, direction: position.direction, mgnMode: position.mgnMode,
                            posId: position.posId, reason: reason))
                } else {
                    check.managedPositions += 1
                }
            }
        } catch {
            check.positionsProblem = "the positions could not be read: \(error)"
        }
        return check
    }

    /// OKX's clock minus this machine's, in ms, measured at the middle of one `GET /public/time`.
    func clockSkew() async -> Int64? {
        guard let client = clients.values.first else { return nil }
        let before = clock.now()
        guard let server = try? await client.serverTime() else { return nil }
        let after = clock.now()
        let middle = (before.timeIntervalSince1970 + after.timeIntervalSince1970) / 2
        return server - Int64((middle * 1000).rounded())
    }

    /// The share of OKX's positions limit (10 per 2 s per account) a poll every `refresh_seconds` leaves free.
    var pollHeadroom: Double {
        let perTwoSeconds = 2 / max(config.refreshSeconds, 0.1)
        return max(0, 1 - perTwoSeconds / Double(Endpoint.positions.limit.requests))
    }
}
