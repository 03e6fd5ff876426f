import ArgumentParser

/// `okx-anchor daemon`.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "daemon", abstract: "Autopilot without a screen; logs to stderr.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw notBuiltYet("daemon")
    }
}
