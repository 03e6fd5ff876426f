import ArgumentParser

/// `okx-anchor status`.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "One snapshot: totals and every position, then exit.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw notBuiltYet("status")
    }
}
