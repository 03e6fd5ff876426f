import AnchorCore
import ArgumentParser
import Logging

/// `okx-anchor status`: one snapshot, then exit.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "One snapshot: totals and every position, then exit.",
        discussion: "Exit status 0 when every account was read, 1 when any account could not be read.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print JSON (schema okx-anchor.status.v1) instead of a table.")
    var json = false

    func run() async throws {
        LogSetup.bootstrap(defaultLevel: .warning)
        let session = try await Runtime.open(global, logger: Logger(label: "okx-anchor"))
        let snapshot = await session.engine.poller.pollOnce()
        await session.close()
        print(
            json
                ? JSONReport.snapshot(snapshot)
                : StatusText.render(snapshot, config: session.config).joined(separator: "\n"))
        if snapshot.accounts.contains(where: { $0.lastError != nil }) { throw ExitCode(1) }
    }
}
