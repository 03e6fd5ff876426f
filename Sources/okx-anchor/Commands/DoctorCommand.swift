import AnchorCore
import AnchorStore
import ArgumentParser
import Foundation
import Logging

/// `okx-anchor doctor`: the first-day check of every account's key and shape.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check every account's key, permissions, mode, clock and positions.",
        discussion: """
            For each account of the config: whether its API key works (and if not, why, with OKX's code), what the \
            key may do, the account level and position mode, the clock skew to OKX, how much of OKX's rate limit the \
            polls use, and which positions the policy will leave alone, with why. Sends nothing that changes \
            anything. Exit status 0 when every account can be used as configured, 1 when any cannot.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print JSON (schema okx-anchor.doctor.v1) instead of a table.")
    var json = false

    func run() async throws {
        LogSetup.bootstrap(defaultLevel: .error)
        let session = try await Runtime.open(global, logger: Logger(label: "okx-anchor"))
        let checks = await session.engine.checkAccounts()
        let since = Date().addingTimeInterval(-86_400)
        let alerts = AlertHealth.doctorLines(
            channels: session.config.notify,
            statuses: (try? session.engine.store.alertChannelStatus(since: since)) ?? [])
        await session.close()
        print(
            json
                ? JSONReport.doctor(checks, config: session.config)
                : (DoctorText.render(checks, config: session.config) + (alerts.isEmpty ? [] : [""] + alerts))
                    .joined(separator: "\n"))
        if checks.contains(where: { !$0.isHealthy }) { throw ExitCode(1) }
    }
}
