import ArgumentParser

/// `okx-anchor sim`.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sim", abstract: "The paper exchange alone, on loopback.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw notBuiltYet("sim")
    }
}
