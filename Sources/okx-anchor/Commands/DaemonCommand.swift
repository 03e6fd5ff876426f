import AnchorCore
import AnchorStore
import ArgumentParser
import Logging
import OKX

/// `okx-anchor daemon`: the autopilot without a screen.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Autopilot without a screen; logs to stderr.",
        discussion: """
            Polls every account, corrects out-of-band positions every [autopilot] correction_interval and starts \
            super maintenance at the trigger (never past max_maintenances, never on a position with an action \
            running or interrupted). The autopilot is armed here whatever [autopilot] enabled says: running the \
            daemon is the decision. SIGTERM or SIGINT stops it cleanly: no new action starts, the ones in flight \
            finish, then it exits 0.
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        LogSetup.bootstrap(defaultLevel: .info)
        let logger = Logger(label: "okx-anchor.daemon")
        let signals = SignalWatcher()
        let session = try await Runtime.open(global, logger: logger)
        let engine = session.engine
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
        let autopilot = engine.makeAutopilot(
            onProgress: { progress in logger.info("\(progress.line)") },
            onResult: { result in
                let line = "\(result.kind.rawValue) \(result.key): \(result.state.rawValue): \(result.summary)"
                if result.state == .completed { logger.notice("\(line)") } else { logger.error("\(line)") }
            })
        await autopilot.arm()
        let interval = engine.config.autopilot.correctionInterval
        let trigger = Format.percent(engine.config.policy.maintenanceTrigger)
        let fleet = "\(engine.config.accounts.count) accounts at \(engine.config.baseURL)"
        logger.notice("daemon started: \(fleet); corrections every \(interval), maintenance at \(trigger)")
        let alerts = await AlertsRuntime(engine: engine, demo: global.demo)
        await alerts.process(.daemonStarted, detail: "\(engine.config.accounts.count) accounts")
        let poller = engine.poller
        let snapshots = await poller.subscribe()
        let polling = Task { await poller.run() }
        let deciding = Task {
            for await snapshot in snapshots {
                for account in snapshot.accounts where account.lastError != nil {
                    logger.warning("\(account.name): \(account.lastError ?? "")")
                }
                await autopilot.consider(snapshot)
            }
        }
        for await number in signals.signals {
            logger.notice("\(SignalWatcher.name(number)): no new actions; waiting for the ones in flight")
            break
        }
        await autopilot.disarm()
        deciding.cancel()
        polling.cancel()
        await autopilot.drain()
        signals.cancel()
        await alerts.process(.daemonStopped)
        await alerts.stop()
        await session.close()
        logger.notice("daemon stopped")
    }
}
