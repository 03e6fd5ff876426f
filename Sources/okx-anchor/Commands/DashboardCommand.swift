import AnchorCore
import AnchorTUI
import ArgumentParser
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// `okx-anchor` (or `okx-anchor dashboard`): the live dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Runs the dashboard (the default command).",
        discussion: """
            Live panels of every account's isolated positions, the correction log, super maintenance (m) and \
            margin correction (c) behind a confirmation that shows the exact plan, and the autopilot (a). Press ? \
            for every key. Needs a full-screen terminal; without one, use `okx-anchor status`.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Show everything, change nothing: the action and autopilot keys are disabled.")
    var readOnly = false

    @Option(name: .long, help: "Colour theme: default, light, high-contrast, mono, or a theme file's name or path.")
    var theme: String?

    @Option(name: .long, help: "Screen language: en or zh (default: the config's lang, else the locale).")
    var lang: String?

    @Option(name: .long, help: "Seconds between polls (overrides the config's refresh_seconds).")
    var refresh: Double?

    func validate() throws {
        if let lang, Language(rawValue: lang) == nil {
            throw ValidationError("--lang must be en or zh")
        }
        if let refresh, !(refresh >= 0.2 && refresh <= 3600) {
            throw ValidationError("--refresh must be between 0.2 and 3600 seconds")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // Refuse before anything starts: no exchange, no database, no terminal modes touched.
        if let refusal = TerminalRefusal.check(
            environment: environment, inputIsTerminal: isatty(0) == 1, outputIsTerminal: isatty(1) == 1)
        {
            printError("okx-anchor: \(refusal)")
            throw ExitCode(2)
        }
        // The screen owns the terminal: problems go to the footer, never to stderr under the dashboard.
        LogSetup.silence()
        let session = try await Runtime.open(global, logger: Logger(label: "okx-anchor"))
        var engine = session.engine
        if let refresh {
            var config = engine.config
            config.refreshSeconds = refresh
            engine = Engine(
                config: config, transport: session.transport, store: engine.store, checkpoint: Runtime.crashHook(),
                logger: engine.logger)
        }
        let config = engine.config
        let badge: EnvironmentBadge = global.demo ? .demo : (config.simulatedTrading ? .simulated : .live)
        let settings = DashboardSettings(
            readOnly: readOnly, environment: badge, bell: config.bell,
            maintenanceTrigger: config.policy.maintenanceTrigger)
        let options = DashboardOptions(
            settings: settings,
            language: Language.forDashboard(
                flag: lang.flatMap(Language.init(rawValue:)), config: config.language, environment: environment),
            themeName: theme ?? config.theme)
        let app = await DashboardApp(backend: EngineBackend(engine: engine), options: options)
        let alerts = await AlertsRuntime(engine: engine, demo: global.demo)
        CrashReports.armTerminalNote()
        let diverted = CrashReports.DivertedStandardError.start()
        do {
            try await app.run()
        } catch {
            diverted?.restore()
            await alerts.stop(grace: .seconds(2))
            await session.close()
            printError("okx-anchor: \(error)")
            throw ExitCode(error is TerminalRefusal ? 2 : 1)
        }
        diverted?.restore()
        await alerts.stop(grace: .seconds(2))
        await session.close()
    }
}
