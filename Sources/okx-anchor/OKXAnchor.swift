import ArgumentParser

/// The `okx-anchor` command: the dashboard by default, and the headless subcommands.
@main
struct OKXAnchor: AsyncParsableCommand {
    /// Runs the command; bad usage exits 2 as DESIGN.md says (ArgumentParser's own code for it is 64).
    static func main() async {
        CrashReports.prepare()
        CrashReports.crashOnPurposeIfAsked()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }

    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "okx-anchor",
        abstract: "A terminal dashboard that keeps OKX isolated-margin USDT swaps on house policy.",
        discussion: """
            Without a subcommand, runs the dashboard. `okx-anchor --demo` runs it against the built-in paper \
            exchange: no keys, no config, nothing real is traded.
            """,
        version: version,
        subcommands: [
            DashboardCommand.self, StatusCommand.self, CorrectCommand.self, MaintainCommand.self, LogCommand.self,
            DaemonCommand.self, DoctorCommand.self, SimCommand.self, BenchCommand.self, NotifyCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: $XDG_CONFIG_HOME/okx-anchor/config.toml).")
    var config: String?

    @Flag(
        name: .long, help: "Use the built-in paper exchange with the demo scenario: no config, no keys, nothing real.")
    var demo = false

    @Option(name: .long, help: "SQLite file for counts, journal and history (overrides the config's `database`).")
    var database: String?
}

/// What a subcommand that is not built yet does: say so in one line and exit 2.
func notBuiltYet(_ name: String) -> ExitCode {
    printError("okx-anchor \(name): not built yet")
    return ExitCode(2)
}
