import AnchorCore
import AnchorStore
import ArgumentParser
import Foundation
import OKX

/// `okx-anchor log`: the event history, newest last.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The event history, newest last.",
        discussion: "With --demo, the history of the last demo run.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "How many events, newest last.")
    var limit = 50

    @Flag(name: .long, help: "Print JSON (schema okx-anchor.log.v1).")
    var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let path =
            global.demo
            ? (global.database ?? DemoExchange.defaultDatabasePath()) : try Runtime.config(global).databasePath
        let events: [EventRecord]
        do {
            events = try Store(path: path).events(limit: limit)
        } catch {
            printError("okx-anchor: \(error)")
            throw ExitCode(2)
        }
        if json {
            print(JSONReport.events(events))
            return
        }
        if events.isEmpty { print("no events yet in \(path)") }
        for event in events { print(LogText.line(event)) }
    }
}

/// One history event as a line of text.
enum LogText {
    static func line(_ event: EventRecord) -> String {
        let time = JSONReport.timestamp(event.time).replacingOccurrences(of: "T", with: " ").dropLast(5)
        let code = event.errorCode.map { " [\($0)]" } ?? ""
        let origin = event.origin.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
        return "\(time)  \(origin) \(event.account) \(event.instId) \(event.posSide.rawValue)  "
            + "\(event.outcome.rawValue): \(event.message)\(code)"
    }
}
