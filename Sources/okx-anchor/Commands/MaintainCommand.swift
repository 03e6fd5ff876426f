import ArgumentParser

/// `okx-anchor maintain`.
struct MaintainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "maintain", abstract: "Super maintenance: close the position, then open a fresh one of the policy's size.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw notBuiltYet("maintain")
    }
}
