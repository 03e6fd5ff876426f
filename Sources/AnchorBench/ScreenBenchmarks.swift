/// The screen's figures (filled in when the dashboard lands).
enum ScreenBenchmarks {
    static func run(quick: Bool) async throws -> [Figure] { [] }
}
