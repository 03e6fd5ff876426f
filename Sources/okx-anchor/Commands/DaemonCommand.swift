import AnchorCore
import AnchorStore
import ArgumentParser
import Foundation
import Logging
import OKX

#if canImport(Glibc)
    import Glibc
#endif

/// `okx-anchor daemon`: the autopilot without a screen.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Autopilot without a screen; one log line per event on stderr.",
        discussion: """
            Polls every account, corrects out-of-band positions every [autopilot] correction_interval and starts \
            super maintenance at the trigger (never past max_maintenances, never on a position with an action \
            running or interrupted). The autopilot is armed here whatever [autopilot] enabled says: running the \
            daemon is the decision. SIGTERM or SIGINT stops it cleanly: no new action starts, the ones in flight \
            finish, then it exits 0. SIGHUP re-reads the config: a good one replaces the running one once the \
            actions in flight have finished; a bad one is logged and the daemon runs on with the one it has. Under \
            systemd each line carries its syslog priority, so `journalctl -p warning` shows problems only.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Check the config and every account's key (as doctor does), print the result, exit.")
    var check = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let level = environment["OKX_ANCHOR_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let style = LineLogHandler.style(environment: environment)
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, level: level, style: style) }
        let logger = Logger(label: "okx-anchor")
        if check {
            try await runCheck(logger: logger)
            return
        }
        let signals = SignalWatcher()
        var session = try await Runtime.open(global, logger: logger)
        logInterrupted(session.engine, logger)
        if let report = CrashReports.reportPath {
            logger.info("a crash would leave its report in \(report)")
        }
        var alerts = await AlertsRuntime(engine: session.engine, demo: global.demo)
        await alerts.process(.daemonStarted, detail: "\(session.config.accounts.count) accounts")
        var running = await Running.start(session.engine, logger: logger)
        logger.notice("daemon started: \(Self.summary(session.config))")
        for await number in signals.signals {
            guard number == SIGHUP else {
                logger.notice("\(SignalWatcher.name(number)): no new actions; waiting for the ones in flight")
                break
            }
            logger.notice("SIGHUP: re-reading the config")
            guard configReadsWell(logger: logger) else { continue }
            // The running config's actions finish and its alerts go out before the new one takes over.
            await running.stop()
            await alerts.stop()
            await session.close()
            do {
                session = try await Runtime.open(global, logger: logger)
            } catch {
                // The file was read a moment ago; what fails now (the database) will not mend on its own.
                logger.critical("the reloaded config could not be opened: \(error); exiting for the service to restart")
                throw ExitCode(1)
            }
            alerts = await AlertsRuntime(engine: session.engine, demo: global.demo)
            running = await Running.start(session.engine, logger: logger)
            logger.notice("config reloaded: \(Self.summary(session.config))")
        }
        await running.stop()
        await alerts.process(.daemonStopped)
        await alerts.stop()
        signals.cancel()
        await session.close()
        logger.notice("daemon stopped")
    }

    /// Whether the config file reads well now; if not, why is logged and the running config goes on untouched.
    private func configReadsWell(logger: Logger) -> Bool {
        if global.demo {
            logger.warning("config not reloaded: --demo has no config file")
            return false
        }
        do {
            _ = try ConfigLoader.load(path: global.config, environment: ProcessInfo.processInfo.environment)
            return true
        } catch {
            logger.error("config not reloaded: \(error); running on with the previous one")
            return false
        }
    }

    private func runCheck(logger: Logger) async throws {
        let session = try await Runtime.open(global, logger: logger)
        let checks = await session.engine.checkAccounts()
        await session.close()
        let source = session.config.sourcePath ?? (global.demo ? "--demo" : "(default config)")
        print("config: \(source): read; \(Self.summary(session.config))")
        print(DoctorText.render(checks, config: session.config).joined(separator: "\n"))
        let bad = checks.filter { !$0.isHealthy }
        if bad.isEmpty {
            print("daemon --check: ready: every account's key works as configured")
        } else {
            print("daemon --check: not ready: \(bad.map(\.name).joined(separator: ", ")) cannot be used as configured")
            throw ExitCode(1)
        }
    }

    private func logInterrupted(_ engine: Engine, _ logger: Logger) {
        do {
            for action in try engine.store.unfinishedActions() where action.state == .interrupted {
                let command = action.kind == .maintenance ? "maintain" : "correct"
                let side = action.posSide.rawValue
                let resume = "okx-anchor \(command) \(action.account) \(action.instId) --side \(side) --resume"
                let at = "\(action.kind.rawValue) \(action.id) on \(action.key) at \(action.phase.rawValue)"
                logger.error("INTERRUPTED \(at): resume it with `\(resume)`")
            }
        } catch {
            // A journal this version cannot read (a phase written by another version) is said, not skipped.
            logger.error("could not read the journal: \(error)")
        }
    }

    static func summary(_ config: AppConfig) -> String {
        let interval = DurationText.format(config.autopilot.correctionInterval)
        let trigger = Format.percent(config.policy.maintenanceTrigger)
        let managed = config.accounts.filter(\.manage).count
        let proxy = config.proxy.map { $0.isEmpty ? "; no proxy" : "; proxy \(ProxyEnvironment.redacted($0))" } ?? ""
        let turns = config.turnSeconds.map { "; read in turns of \(Int($0.rounded()))s" } ?? ""
        return "\(config.accounts.count) accounts (\(managed) managed)\(turns) at \(config.baseURL)\(proxy); "
            + "corrections every \(interval), maintenance at \(trigger)"
    }
}

/// The poller, the autopilot and the task between them, for one config.
private final class Running: Sendable {
    let autopilot: Autopilot
    let polling: Task<Void, Never>
    let deciding: Task<Void, Never>

    private init(autopilot: Autopilot, polling: Task<Void, Never>, deciding: Task<Void, Never>) {
        self.autopilot = autopilot
        self.polling = polling
        self.deciding = deciding
    }

    static func start(_ engine: Engine, logger: Logger) async -> Running {
        let autopilot = engine.makeAutopilot(
            onProgress: { progress in logger.info("\(progress.line)") },
            onResult: { result in
                let line =
                    "autopilot \(result.kind.rawValue) \(result.key): \(result.state.rawValue): \(result.summary)"
                if result.state == .completed { logger.notice("\(line)") } else { logger.error("\(line)") }
            })
        await autopilot.arm()
        let poller = engine.poller
        let snapshots = await poller.subscribe()
        let polling = Task { await poller.run() }
        let deciding = Task {
            // One line when an account starts failing or fails differently, one when it answers again: not one
            // per poll.
            var failing: [String: String] = [:]
            for await snapshot in snapshots {
                for account in snapshot.accounts {
                    let previous = failing[account.name]
                    if let error = account.lastError, error != previous {
                        logger.warning("\(account.name): \(error)")
                        failing[account.name] = error
                    } else if account.lastError == nil, previous != nil {
                        logger.notice("\(account.name): answering again")
                        failing[account.name] = nil
                    }
                }
                await autopilot.consider(snapshot)
            }
        }
        return Running(autopilot: autopilot, polling: polling, deciding: deciding)
    }

    /// No new actions; the ones in flight finish; polling stops.
    func stop() async {
        await autopilot.disarm()
        deciding.cancel()
        polling.cancel()
        await autopilot.drain()
    }

}
