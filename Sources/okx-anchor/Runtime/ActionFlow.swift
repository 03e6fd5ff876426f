import AnchorCore
import AnchorStore
public import ArgumentParser
import Foundation
import Logging
import OKX

#if canImport(Glibc)
    import Glibc
#endif

/// The arguments of `correct` and `maintain`.
struct PositionArguments: ParsableArguments {
    @Argument(help: "The account's name in the config (e.g. main, Wu666666).")
    var account: String

    @Argument(help: "The instrument, e.g. CRO-USDT-SWAP.")
    var instId: String

    @Option(name: .long, help: "long or short (or net); needed only when both sides are open.")
    var side: PositionSide?

    @Option(
        name: .customLong("pos-id"),
        help: "OKX's posId of the position; needed when the account holds more than one on the instrument.")
    var posId: String?

    @Flag(name: .long, help: "Print the plan and stop.")
    var dryRun = false

    @Flag(name: .long, help: "Run without asking (for scripts).")
    var yes = false

    @Flag(name: .long, help: "Print JSON (schema okx-anchor.action.v1).")
    var json = false

    @Flag(name: .long, help: "Finish this position's interrupted action from where the exchange says it stands.")
    var resume = false

    @Flag(name: .long, help: "Give up this position's interrupted action (the trader takes it from here).")
    var abandon = false

    func validate() throws {
        if resume && abandon { throw ValidationError("--resume and --abandon exclude each other") }
    }
}

extension PositionSide: ExpressibleByArgument {}

/// What `correct` and `maintain` do: plan, show, confirm, run, report.
enum ActionFlow {
    static func run(_ kind: ActionKind, _ arguments: PositionArguments, _ global: GlobalOptions) async throws {
        LogSetup.bootstrap(defaultLevel: .warning)
        let session = try await Runtime.open(global, logger: Logger(label: "okx-anchor"))
        let code: Int32
        do {
            code = try await perform(kind, arguments, session)
        } catch {
            await session.close()
            throw error
        }
        await session.close()
        if code != 0 { throw ExitCode(code) }
    }

    static func perform(_ kind: ActionKind, _ arguments: PositionArguments, _ session: Session) async throws -> Int32 {
        let engine = session.engine
        let key: PositionKey
        do {
            key = try await engine.resolve(
                account: arguments.account, instId: arguments.instId, side: arguments.side, posId: arguments.posId)
        } catch let error as PlanningError {
            printError("okx-anchor: \(error)")
            return error.message.hasPrefix("no account") ? 2 : 1
        } catch let ambiguous as AmbiguousPosition {
            printError("okx-anchor: \(ambiguous)")
            return 2
        }
        let held = try engine.store.unfinishedActions().first { $0.key == key }
        if arguments.resume || arguments.abandon {
            guard let held, held.state == .interrupted else {
                printError("okx-anchor: \(key) has no interrupted action")
                return 1
            }
            let verb = arguments.resume ? "Resume" : "Abandon"
            let kind = held.kind == .maintenance ? "super maintenance" : "correction"
            print("\(verb) the interrupted \(kind) \(held.id) of \(key):")
            print("  stopped at \(held.phase.rawValue): \(held.errorMessage ?? held.summary ?? "no reason recorded")")
            guard try confirm("\(verb) it?", yes: arguments.yes) else { return 1 }
            let result =
                arguments.resume
                ? await engine.runner.resume(actionId: held.id, progress: progressPrinter)
                : await engine.runner.abandon(actionId: held.id)
            report(result, json: arguments.json, plan: nil)
            return result.state == .completed || result.state == .abandoned ? 0 : 1
        }
        if let held {
            printError(
                "okx-anchor: \(key) is held by \(held.state == .interrupted ? "an interrupted" : "a running") "
                    + "\(held.kind.rawValue) (\(held.id)): "
                    + (held.state == .interrupted ? "run with --resume or --abandon first" : "wait for it"))
            return 1
        }
        let plan: Plan
        do {
            plan = try await engine.runner.plan(kind, for: key)
        } catch {
            printError("okx-anchor: could not plan: \(error)")
            return 1
        }
        if !arguments.json { print(plan.lines.joined(separator: "\n")) }
        if !plan.blockers.isEmpty || plan.isNoop || arguments.dryRun {
            if arguments.json { print(JSONReport.action(plan: plan, result: nil)) }
            return plan.blockers.isEmpty ? 0 : 1
        }
        guard try confirm("Run this plan?", yes: arguments.yes) else { return 1 }
        let result = await engine.runner.run(plan, origin: .manual, progress: progressPrinter)
        if arguments.json {
            print(JSONReport.action(plan: plan, result: result))
        } else {
            report(result, json: false, plan: plan)
        }
        let followUpsOK = result.followUp.allSatisfy { $0.state == .completed }
        return result.state == .completed && followUpsOK ? 0 : 1
    }

    /// Asks on the terminal; with no terminal, refuses (exit 2) unless `--yes`.
    static func confirm(_ question: String, yes: Bool) throws -> Bool {
        if yes { return true }
        guard isatty(0) == 1 else {
            printError("okx-anchor: no terminal to confirm on: pass --yes to run without asking")
            throw ExitCode(2)
        }
        print("\(question) [y/N] ", terminator: "")
        fflushStandardOutput()
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        if answer == "y" || answer == "yes" { return true }
        print("cancelled: nothing was sent")
        return false
    }

    static let progressPrinter: @Sendable (ActionProgress) -> Void = { progress in
        printError(progress.line)
    }

    static func report(_ result: ActionResult, json: Bool, plan: Plan?) {
        if json, let plan {
            print(JSONReport.action(plan: plan, result: result))
            return
        }
        let code = result.errorCode.map { " [\($0)]" } ?? ""
        print("\(result.state.rawValue): \(result.summary)\(code)")
        for follow in result.followUp {
            print("then \(follow.kind.rawValue): \(follow.state.rawValue): \(follow.summary)")
        }
    }
}

func fflushStandardOutput() {
    fflush(nil)
}
