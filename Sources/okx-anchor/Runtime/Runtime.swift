import AnchorCore
import AnchorStore
import ArgumentParser
import Foundation
import Logging
import OKX

#if canImport(Glibc)
    import Glibc
#endif

/// A built engine with everything that must be stopped with it.
final class Session: Sendable {
    let engine: Engine
    let transport: CurlTransport
    let demo: DemoExchange?

    init(engine: Engine, transport: CurlTransport, demo: DemoExchange?) {
        self.engine = engine
        self.transport = transport
        self.demo = demo
    }

    var config: AppConfig { engine.config }

    /// Stops the transport and the in-process paper exchange.
    func close() async {
        transport.shutdown()
        await demo?.stop()
    }
}

/// Builds sessions from the command line's options.
enum Runtime {
    /// Loads the config, exiting 2 with the loader's message when it is bad.
    static func config(_ global: GlobalOptions) throws -> AppConfig {
        do {
            var config = try ConfigLoader.load(path: global.config, environment: ProcessInfo.processInfo.environment)
            if let database = global.database { config.databasePath = database }
            return config
        } catch {
            printError("okx-anchor: \(error)")
            throw ExitCode(2)
        }
    }

    /// Opens a session: the demo exchange with `--demo`, else the config's exchange.
    static func open(_ global: GlobalOptions, logger: Logger) async throws -> Session {
        MallocArenas.limit(2)
        var demo: DemoExchange?
        var config: AppConfig
        if global.demo {
            let started = try await DemoExchange.start()
            demo = started
            let path = global.database ?? DemoExchange.defaultDatabasePath()
            if global.database == nil { DemoExchange.resetDatabase(at: path) }
            config = started.config(databasePath: path)
        } else {
            config = try Self.config(global)
        }
        let transport = CurlTransport(
            options: TransportOptions(
                connectTimeout: config.connectTimeout, totalTimeout: config.requestTimeout, proxy: config.proxy,
                caFile: config.caFile))
        let store: Store
        do {
            store = try Store(path: config.databasePath)
        } catch {
            transport.shutdown()
            await demo?.stop()
            printError("okx-anchor: \(error)")
            throw ExitCode(2)
        }
        let engine = Engine(config: config, transport: transport, store: store, checkpoint: crashHook(), logger: logger)
        do {
            for action in try engine.recoverOrphans() {
                logger.warning(
                    "action \(action.id) (\(action.kind.rawValue) \(action.key)) was interrupted at \(action.phase)")
            }
        } catch {
            logger.error("could not check the journal: \(error)")
        }
        return Session(engine: engine, transport: transport, demo: demo)
    }

    /// `OKX_ANCHOR_CRASH_AT=checkpoint[,…]` ends the process on the spot at that checkpoint, as kill -9 would.
    /// A test hook for the crash-safety proofs; unset, it does nothing.
    static func crashHook() -> @Sendable (String) throws -> Void {
        guard let wanted = ProcessInfo.processInfo.environment["OKX_ANCHOR_CRASH_AT"], !wanted.isEmpty else {
            return { _ in }
        }
        let names = Set(wanted.split(separator: ",").map(String.init))
        return { checkpoint in
            if names.contains(checkpoint) { _exit(137) }
        }
    }
}

/// Logs go to standard error; the level comes from `OKX_ANCHOR_LOG` (trace…critical) or the command's default.
enum LogSetup {
    static func bootstrap(defaultLevel: Logger.Level) {
        let variable = ProcessInfo.processInfo.environment["OKX_ANCHOR_LOG"]
        let level = variable.flatMap(Logger.Level.init(rawValue:)) ?? defaultLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// No logs at all (the dashboard owns the screen).
    static func silence() {
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
    }
}
