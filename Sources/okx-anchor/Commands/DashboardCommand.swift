import ArgumentParser

/// `okx-anchor dashboard`.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "Runs the dashboard (the default command).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw notBuiltYet("dashboard")
    }
}
