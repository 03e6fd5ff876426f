import ArgumentParser

/// `okx-anchor bench`.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "The figures of the performance and soak goals.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        throw notBuiltYet("bench")
    }
}
