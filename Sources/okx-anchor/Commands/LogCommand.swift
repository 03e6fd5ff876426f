import ArgumentParser

/// `okx-anchor log`.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The event history, newest last.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw notBuiltYet("log")
    }
}
