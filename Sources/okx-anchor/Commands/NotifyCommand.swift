import AnchorCore
import ArgumentParser
import Foundation
import Logging
import OKX

/// `okx-anchor notify --test`: one test message to every `[[notify]]` channel, and each one's result.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Send a test message to every [[notify]] channel of the config.",
        discussion: """
            Sends one message to each channel at once, with the same retries as real alerts, and prints each \
            channel's result (its name, e.g. telegram#2, never its URL or token). Exit status 0 when every \
            channel took the message, 1 when any did not, 2 when the config is bad or has no [[notify]] table.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Send the test message (required: this command sends nothing else yet).")
    var test = false

    func validate() throws {
        guard test else { throw ValidationError("say --test to send a test message to every channel") }
        guard !global.demo else { throw ValidationError("--demo has no [[notify]] channels; give a --config") }
    }

    func run() async throws {
        LogSetup.bootstrap(defaultLevel: .error)
        let config = try Runtime.config(global)
        guard !config.notify.isEmpty else {
            printError("okx-anchor: \(config.sourcePath ?? "the config") has no [[notify]] table: nothing to test")
            throw ExitCode(2)
        }
        let environment = ProcessInfo.processInfo.environment
        let transport = CurlTransport(
            options: TransportOptions(connectTimeout: config.connectTimeout, totalTimeout: config.requestTimeout))
        defer { transport.shutdown() }
        let label = Alert.environmentLabel(demo: false, simulatedTrading: config.simulatedTrading)
        let now = Date()
        let alert = Alert(
            kind: .test, environment: label, facts: [.init("accounts", String(config.accounts.count))],
            detail: "okx-anchor \(OKXAnchor.version) can reach this channel", time: now,
            dedupKey: "test|\(now.timeIntervalSince1970)")
        let outcomes = await AlertDeliverer.sendNow(
            alert, language: Language.forAlerts(config: config.language, environment: environment),
            to: config.notify, transport: transport, logger: Logger(label: "okx-anchor.notify"),
            options: DeliveryOptions(maxAttempts: 3, requestTimeout: config.requestTimeout))
        let width = config.notify.map(\.name.count).max() ?? 0
        for (channel, outcome) in zip(config.notify, outcomes) {
            let name = channel.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let tries = outcome.attempts == 1 ? "1 try" : "\(outcome.attempts) tries"
            print(
                outcome.delivered
                    ? "\(name)  delivered (\(tries))"
                    : "\(name)  FAILED after \(tries): \(outcome.reason ?? "unknown")")
        }
        if outcomes.contains(where: { !$0.delivered }) { throw ExitCode(1) }
    }
}
