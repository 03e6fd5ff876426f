import AnchorCore
import AnchorStore
import ArgumentParser

/// `okx-anchor maintain`.
struct MaintainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintain",
        abstract: "Super maintenance: close the position, then open a fresh one of the policy's size.",
        discussion: """
            Prints the plan, asks on the terminal (or runs with --yes; refuses with no terminal), then runs it and \
            prints each step. --resume / --abandon finish or give up this position's interrupted action. Exit \
            status: 0 done, 1 refused or not fully done, 2 bad usage or config.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var position: PositionArguments

    func run() async throws {
        try await ActionFlow.run(.maintenance, position, global)
    }
}
