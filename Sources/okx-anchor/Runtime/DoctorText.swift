import AnchorCore
import AnchorTUI
import Foundation
import OKX

/// The plain report of `okx-anchor doctor`: one row per account, then what to do about each problem and which
/// positions the policy will leave alone, with why.
enum DoctorText {
    /// How requests leave this machine, when that is anything but direct with the system's CAs: the proxy (from
    /// the config or the environment, its password hidden) and the CA file.
    static func networkLine(
        _ config: AppConfig, environment: (String) -> String? = ProxyEnvironment.proxy(forScheme:)
    ) -> String? {
        var parts: [String] = []
        let scheme = config.baseURL.lowercased().hasPrefix("https:") ? "https" : "http"
        if let proxy = config.proxy {
            parts.append(
                proxy.isEmpty ? "no proxy (proxy = \"\")" : "proxy \(ProxyEnvironment.redacted(proxy)) (config)")
        } else if let proxy = environment(scheme) {
            parts.append("proxy \(ProxyEnvironment.redacted(proxy)) (environment; no_proxy still applies)")
        }
        if let caFile = config.caFile { parts.append("CA file \(caFile)") }
        return parts.isEmpty ? nil : "network: " + parts.joined(separator: " · ")
    }

    static func render(_ checks: [AccountCheck], config: AppConfig) -> [String] {
        var lines: [String] = []
        let environment = config.simulatedTrading ? "OKX demo trading (simulated_trading = true)" : "live"
        lines.append("okx-anchor doctor · \(config.baseURL) · \(environment)")
        if let network = networkLine(config) { lines.append(network) }
        lines.append("")
        let header = [
            "ACCOUNT", "ROLE", "MANAGED", "KEY", "PERMISSIONS", "LEVEL", "MODE", "CLOCK", "RATE LIMIT", "POSITIONS",
        ]
        var rows: [[String]] = [header]
        for check in checks {
            rows.append([
                check.name, check.role.rawValue, check.managed ? "yes" : "no",
                check.keyWorks ? "ok" : "OKX \(check.errorCode ?? "?")",
                check.keyWorks ? (check.permissions.isEmpty ? "none" : check.permissions.joined(separator: ",")) : "-",
                check.accountLevel.map { "\($0) \(AccountCheck.levelName($0))" } ?? "-",
                check.positionMode.map(positionMode) ?? "-", check.clockSkewMilliseconds.map(skew) ?? "-",
                "\(check.pollHeadroomPercent)% free",
                check.keyWorks && check.positionsProblem == nil
                    ? "\(check.managedPositions) managed, \(check.watched.count) watched" : "-",
            ])
        }
        let widths = (0..<header.count).map { column in rows.map { TextWidth.of($0[column]) }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, text in
                text + String(repeating: " ", count: widths[column] - TextWidth.of(text))
            }
            lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
        }
        for check in checks {
            let problems = check.problems
            let notManaged = check.watched.filter { $0.reason == .accountNotManaged }
            let outside = check.watched.filter { $0.reason != .accountNotManaged }
            guard !problems.isEmpty || !check.watched.isEmpty else { continue }
            lines.append("")
            lines.append("\(check.name):")
            for problem in problems { lines.append("  ! \(problem)") }
            if !notManaged.isEmpty {
                lines.append(
                    "  \(notManaged.count) position\(notManaged.count == 1 ? "" : "s") watched: account not managed "
                        + "(manage = false)")
            }
            for position in outside {
                lines.append(
                    "  watched: \(position.instId) \(position.direction?.rawValue ?? "-") \(position.mgnMode) "
                        + "(posId \(position.posId)): \(position.reason.text)")
            }
        }
        let failing = checks.filter { !$0.isHealthy }.count
        lines.append("")
        lines.append(
            failing == 0
                ? "every account (\(checks.count)) can be used as configured"
                : "\(failing) of \(checks.count) accounts cannot be used as configured")
        return lines
    }

    static func positionMode(_ mode: String) -> String {
        switch mode {
        case "net_mode": "one-way"
        case "long_short_mode": "long/short"
        default: mode
        }
    }

    /// Clock skew to OKX: under a second is fine (the client learns the offset anyway); OKX refuses beyond 30 s.
    static func skew(_ milliseconds: Int64) -> String {
        if abs(milliseconds) < 1000 { return "<1 s" }
        return (milliseconds > 0 ? "+" : "") + Format.fixed(Decimal(milliseconds) / 1000, places: 1) + " s"
    }
}
