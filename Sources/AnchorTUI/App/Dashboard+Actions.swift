import AnchorCore
import AnchorStore

extension Dashboard {
    // MARK: Starting

    /// `m` or `c`: asks for a plan and opens the confirmation, or explains why not.
    static func startAction(_ state: inout AppState, _ kind: ActionKind) -> [Effect] {
        if state.settings.readOnly {
            say(&state, state.strings.readOnlyRefusal(kind), role: .warning)
            return []
        }
        guard let key = state.selection, let view = state.snapshot.position(key) else {
            say(&state, state.strings.noSelection, role: .warning)
            return []
        }
        if view.status == .interrupted {
            return offerResume(&state, view)
        }
        if let run = state.runs[key], run.result == nil {
            state.overlay = .running(key)
            return []
        }
        if view.status == .actionRunning {
            say(&state, state.strings.alreadyRunning, role: .warning)
            return []
        }
        if let reason = view.scope.watchReason {
            say(&state, state.strings.watchedRefusal(reason), role: .warning, seconds: 12)
            return []
        }
        let dialog = ConfirmDialog(kind: kind, key: key, requestId: state.nextRequestId)
        state.nextRequestId += 1
        state.overlay = .confirm(dialog)
        return [.makePlan(kind, key, requestId: dialog.requestId)]
    }

    /// Opens Resume / Abandon / Cancel for an interrupted row, with what the journal says of it.
    static func offerResume(_ state: inout AppState, _ view: PositionView) -> [Effect] {
        let record = state.journal[view.key]
        guard let actionId = view.actionId ?? record?.id else { return [] }
        var dialog = ResumeDialog(key: view.key, actionId: actionId)
        if let record, record.id == actionId {
            dialog.kind = record.kind
            dialog.phase = record.phase
            dialog.errorMessage = record.errorMessage ?? record.summary
            dialog.errorCode = record.errorCode
        }
        state.overlay = .resume(dialog)
        return []
    }

    // MARK: Plans

    /// A plan reply counts only for the dialog that asked for it and still waits.
    static func planArrived(_ state: inout AppState, requestId: Int, plan: Plan?, error: String?) {
        guard case .confirm(var dialog) = state.overlay, dialog.requestId == requestId, dialog.plan == nil,
            dialog.error == nil
        else { return }
        dialog.plan = plan
        dialog.planGeneration = plan == nil ? nil : state.snapshot.generation
        dialog.error = error
        dialog.focused = .cancel
        state.overlay = .confirm(dialog)
    }

    static func confirmKey(_ state: inout AppState, _ key: Key, _ dialog: ConfirmDialog) -> [Effect] {
        var dialog = dialog
        switch key {
        case .character("y"), .character("Y"):
            return dialog.canConfirm ? run(&state, dialog) : []
        case .enter:
            if dialog.focused == .confirm && dialog.canConfirm {
                return run(&state, dialog)
            }
            state.overlay = .none
        case .escape, .character("n"), .character("N"), .character("q"):
            state.overlay = .none
        case .tab, .backTab, .left, .right, .character("h"), .character("l"):
            dialog.focused = cycle(dialog.buttons, from: dialog.focused, forward: key != .left && key != .backTab)
            state.overlay = .confirm(dialog)
        default:
            break
        }
        return []
    }

    private static func run(_ state: inout AppState, _ dialog: ConfirmDialog) -> [Effect] {
        guard let plan = dialog.plan else { return [] }
        state.runs[dialog.key] = RunningDialog(kind: dialog.kind, key: dialog.key, verb: .run)
        state.overlay = .running(dialog.key)
        return [.runPlan(plan)]
    }

    // MARK: Running

    static func runningKey(_ state: inout AppState, _ key: Key, _ positionKey: PositionKey) -> [Effect] {
        let finished = state.runs[positionKey]?.result != nil
        switch key {
        case .escape:
            state.overlay = .none
        case .enter where finished, .character("q") where finished:
            state.overlay = .none
        case .character("q"):
            state.overlay = .none
            return askToQuit(&state)
        default:
            return []
        }
        if finished {
            state.runs[positionKey] = nil
        }
        return []
    }

    static func receive(_ state: inout AppState, _ progress: ActionProgress) {
        var run = state.runs[progress.key] ?? RunningDialog(kind: progress.kind, key: progress.key, verb: .run)
        if run.result != nil {
            // A new action on a position whose last result was never closed.
            run = RunningDialog(kind: progress.kind, key: progress.key, verb: .run)
        }
        run.actionId = progress.actionId
        run.progress.append(progress)
        if run.progress.count > RunningDialog.progressLimit {
            run.progress.removeFirst(run.progress.count - RunningDialog.progressLimit)
        }
        state.runs[progress.key] = run
    }

    /// An action ended: its result goes to its dialog (or the footer), a failure flashes and rings once, and the
    /// account is read again so the table shows the outcome now.
    static func finished(_ state: inout AppState, _ result: ActionResult) -> [Effect] {
        var effects: [Effect] = []
        let showing: Bool
        if case .running(let key) = state.overlay, key == result.key { showing = true } else { showing = false }
        if showing, var run = state.runs[result.key] {
            run.result = result
            state.runs[result.key] = run
        } else {
            state.runs[result.key] = nil
            let role: StyleRole = result.state == .completed || result.state == .abandoned ? .ok : .danger
            say(&state, "\(result.key.account) \(result.key.instId): " + state.strings.result(result), role: role)
        }
        let endings = [result] + result.followUp
        if let bad = endings.first(where: { $0.state == .failed || $0.state == .interrupted }) {
            let id = bad.actionId ?? "result-\(state.nextRequestId)"
            if !state.belledActions.contains(id) {
                state.belledActions.insert(id)
                flash(&state, result.key)
                if state.settings.bell { effects.append(.ringBell) }
            }
        }
        effects.append(.refreshAccount(result.key.account))
        effects.append(.loadNewerLog(afterId: state.log.newestId))
        return effects
    }

    // MARK: Resume and quit

    static func resumeKey(_ state: inout AppState, _ key: Key, _ dialog: ResumeDialog) -> [Effect] {
        var dialog = dialog
        switch key {
        case .enter:
            state.overlay = .none
            switch dialog.focused {
            case .resume, .abandon:
                let verb: RunningDialog.Verb = dialog.focused == .resume ? .resume : .abandon
                state.runs[dialog.key] = RunningDialog(kind: dialog.kind ?? .correction, key: dialog.key, verb: verb)
                state.runs[dialog.key]?.actionId = dialog.actionId
                state.overlay = .running(dialog.key)
                return verb == .resume
                    ? [.resume(actionId: dialog.actionId, key: dialog.key)]
                    : [.abandon(actionId: dialog.actionId, key: dialog.key)]
            default:
                return []
            }
        case .escape, .character("q"), .character("n"):
            state.overlay = .none
        case .tab, .backTab, .left, .right, .character("h"), .character("l"):
            dialog.focused = cycle(
                ResumeDialog.buttons, from: dialog.focused, forward: key != .left && key != .backTab)
            state.overlay = .resume(dialog)
        default:
            break
        }
        return []
    }

    static func quitKey(_ state: inout AppState, _ key: Key, _ dialog: QuitDialog) -> [Effect] {
        var dialog = dialog
        switch key {
        case .character("y"), .character("Y"):
            return [.quit]
        case .enter:
            if dialog.focused == .quit { return [.quit] }
            state.overlay = .none
        case .escape, .character("n"), .character("q"):
            state.overlay = .none
        case .tab, .backTab, .left, .right, .character("h"), .character("l"):
            dialog.focused = cycle(QuitDialog.buttons, from: dialog.focused, forward: key != .left && key != .backTab)
            state.overlay = .quit(dialog)
        default:
            break
        }
        return []
    }

    private static func cycle(_ buttons: [DialogButton], from current: DialogButton, forward: Bool) -> DialogButton {
        guard let index = buttons.firstIndex(of: current) else { return buttons.first ?? current }
        let step = forward ? 1 : buttons.count - 1
        return buttons[(index + step) % buttons.count]
    }
}
