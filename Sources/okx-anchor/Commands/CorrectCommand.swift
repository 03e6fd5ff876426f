import ArgumentParser

/// `okx-anchor correct`.
struct CorrectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "correct", abstract: "Bring one position's leverage and margin to policy.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw notBuiltYet("correct")
    }
}
