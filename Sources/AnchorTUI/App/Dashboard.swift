import AnchorCore
import AnchorStore
import Foundation
import OKX

/// The dashboard as two pure functions: `update` turns an event into a new state and the effects to run, `render`
/// turns a state into a canvas. No I/O happens here; `DashboardApp` runs the effects.
public enum Dashboard {
    /// `update`, and whether the event may have changed what is shown. A page of log events changes only the log, so
    /// whether it changed anything is read off the log itself: the page read after each snapshot usually adds
    /// nothing, and then no frame is owed for it. The same holds for the journal, read again whenever the actions
    /// holding positions change.
    ///
    /// A tick changes only what is read off the clock (see ``TimeFace``): half a second after a snapshot has drawn
    /// the new second, it usually changes nothing, and then no frame is rendered for it.
    public static func apply(_ state: inout AppState, _ event: AppEvent) -> (effects: [Effect], changed: Bool) {
        switch event {
        case .logEvents:
            let before = state.log
            let effects = update(&state, event)
            return (effects, !effects.isEmpty || state.log != before)
        case .journal:
            // Read after every change of the actions holding positions, the journal is most often as it was.
            let before = (state.journal, state.overlay)
            let effects = update(&state, event)
            return (effects, !effects.isEmpty || state.journal != before.0 || state.overlay != before.1)
        case .tick:
            let before = TimeFace(state)
            let effects = update(&state, event)
            return (effects, !effects.isEmpty || TimeFace(state) != before)
        default:
            return (update(&state, event), true)
        }
    }

    /// Everything a frame shows that depends on the clock: the second (the header's clock, and the flashing rows,
    /// which blink on its parity), the poll's age in whole seconds, the rows still flashing and the footer message
    /// until it expires. A frame rendered from two states with the same face and nothing else changed is the same.
    struct TimeFace: Equatable {
        var second: Int
        var pollAge: Int
        var flashing: [PositionKey: Date]
        var message: StatusMessage?

        init(_ state: AppState) {
            second = Int(state.now.timeIntervalSince1970.rounded(.down))
            pollAge = max(0, Int(state.now.timeIntervalSince(state.snapshot.takenAt).rounded(.down)))
            flashing = state.flashing
            message = state.message
        }
    }

    /// Applies one event. Pure: the same state and event always give the same state and effects.
    public static func update(_ state: inout AppState, _ event: AppEvent) -> [Effect] {
        switch event {
        case .key(let key):
            return handleKey(&state, key)
        case .resize(let size):
            state.size = size
            scrollTableToSelection(&state)
            state.log.fit(lines: Layout(size: size).logLines)
            return []
        case .snapshot(let snapshot):
            return receive(&state, snapshot)
        case .journal(let records):
            receive(&state, records)
            return []
        case .logEvents(let events, let page):
            state.log.receive(events, page)
            state.log.fit(lines: Layout(size: state.size).logLines)
            return []
        case .logReadFailed(let message):
            // Nothing was read: the next snapshot reads again, whatever its version.
            state.logReadVersion = nil
            say(&state, message, role: .danger, seconds: 15)
            return []
        case .journalReadFailed(let message):
            // Nothing was read: the next snapshot reads again, whatever holds its positions.
            state.journalHolds = nil
            say(&state, "could not read the journal: \(message)", role: .danger, seconds: 15)
            return []
        case .planReady(let requestId, let plan):
            planArrived(&state, requestId: requestId, plan: plan, error: nil)
            return []
        case .planFailed(let requestId, let message):
            planArrived(&state, requestId: requestId, plan: nil, error: message)
            return []
        case .actionProgress(let progress):
            receive(&state, progress)
            return []
        case .actionFinished(let result):
            return finished(&state, result)
        case .autopilotChanged(let armed):
            if armed != state.autopilotArmed {
                say(&state, state.strings.autopilotChanged(armed), role: armed ? .warning : .text)
            }
            state.autopilotArmed = armed
            return []
        case .tick(let now):
            tick(&state, now)
            return []
        case .themeLoaded(let name, let monochrome):
            state.themeName = name
            state.monochrome = monochrome
            return []
        case .themeFailed(let message):
            say(&state, message, role: .warning, seconds: 20)
            return []
        case .quitRequested(let reason):
            return reason == .interrupt ? askToQuit(&state) : [.quit]
        case .problem(let message):
            say(&state, message, role: .danger, seconds: 15)
            return []
        case .accountChecked(let check):
            if case .accountDetail(let account, _) = state.overlay, account == check.name {
                state.overlay = .accountDetail(account: account, check: check)
            }
            return []
        }
    }

    // MARK: Snapshots

    private static func receive(_ state: inout AppState, _ snapshot: Snapshot) -> [Effect] {
        let previousIndex = state.selectedIndex
        // An account that starts failing says why in the footer, once: the header already counts it as stale.
        let previousErrors = Dictionary(
            state.snapshot.accounts.map { ($0.name, $0.lastError) }, uniquingKeysWith: { first, _ in first })
        let newlyFailing = snapshot.accounts.first { account in
            account.lastError != nil && (previousErrors[account.name] ?? nil) == nil
        }
        if let failing = newlyFailing {
            say(&state, "\(failing.name): \(failing.lastError ?? "")", role: .warning, seconds: 15)
        }
        // The store failing to read says so too, once, loudly: the autopilot stands still until it reads again.
        if let storeError = snapshot.storeError, state.snapshot.storeError == nil {
            say(&state, storeError, role: .danger, seconds: 30)
        }
        let previousSnapshot = state.snapshot
        state.snapshot = snapshot
        state.table.fold(
            snapshot, trigger: state.settings.maintenanceTrigger, filter: state.filter, sort: state.sort,
            language: state.language)
        keepSelection(&state, previousIndex: previousIndex)
        recordHistory(&state, snapshot, previous: previousSnapshot)
        var effects = attention(&state, snapshot)
        effects += checkConfirmation(&state)
        effects += reads(&state, after: snapshot)
        return effects
    }

    /// What a snapshot asks to be read. The journal changes only when an action starts, ends or is interrupted, and
    /// every snapshot names the actions holding its positions: it is read again only when those change. Only a
    /// commit (in this process or another) brings new log events, and the snapshot's store version says whether
    /// there has been one since the last read.
    static func reads(_ state: inout AppState, after snapshot: Snapshot) -> [Effect] {
        var effects: [Effect] = []
        let holds = holds(of: snapshot)
        if holds != state.journalHolds {
            state.journalHolds = holds
            effects.append(.loadJournal)
        }
        if state.log.loaded, snapshot.storeVersion == nil || snapshot.storeVersion != state.logReadVersion {
            state.logReadVersion = snapshot.storeVersion
            effects.append(.loadNewerLog(afterId: state.log.newestId))
        }
        return effects
    }

    /// The actions holding positions in `snapshot`, and whether each is interrupted.
    static func holds(of snapshot: Snapshot) -> [String: Bool] {
        var holds: [String: Bool] = [:]
        for view in snapshot.positions {
            if let id = view.actionId { holds[id] = view.status == .interrupted }
        }
        return holds
    }

    /// Keeps the selected key when it is still shown; else selects the row now at its old place.
    static func keepSelection(_ state: inout AppState, previousIndex: Int?) {
        let rows = state.table.rows
        if let selection = state.selection, state.table.index(of: selection) != nil {
            scrollTableToSelection(&state)
            return
        }
        if rows.isEmpty {
            state.tableTop = 0
            return
        }
        state.selection = rows[min(previousIndex ?? 0, rows.count - 1)].key
        scrollTableToSelection(&state)
    }

    private static func recordHistory(_ state: inout AppState, _ snapshot: Snapshot, previous: Snapshot) {
        // In place, one lookup per position; positions gone since the last snapshot are dropped after. One point per
        // reading: a position whose account was not read again (a large fleet is read in turns) adds none.
        let aligned = previous.positions.count == snapshot.positions.count
        for (index, view) in snapshot.positions.enumerated() {
            if aligned, let readAt = view.readAt, previous.positions[index].readAt == readAt,
                previous.positions[index].key == view.key
            {
                continue
            }
            state.history[view.key, default: []].appendRate(view.profitRate.map(Canvas.double))
        }
        if state.history.count > snapshot.positions.count {
            let shown = Set(snapshot.positions.map(\.key))
            state.history = state.history.filter { shown.contains($0.key) }
        }
    }

    /// Flashes and rings once for every position newly due and every action newly interrupted.
    private static func attention(_ state: inout AppState, _ snapshot: Snapshot) -> [Effect] {
        var ring = false
        var stillDue: Set<PositionKey> = []
        for view in snapshot.positions {
            if let rate = view.profitRate, rate.isAtMost(state.settings.maintenanceTrigger),
                state.belledDue.contains(view.key)
            {
                stillDue.insert(view.key)
            }
            if view.status == .maintenanceDue && !state.belledDue.contains(view.key) {
                stillDue.insert(view.key)
                flash(&state, view.key)
                ring = true
            }
            if view.status == .interrupted, let id = view.actionId, !state.belledActions.contains(id) {
                state.belledActions.insert(id)
                flash(&state, view.key)
                ring = true
            }
        }
        state.belledDue = stillDue
        return ring && state.settings.bell ? [.ringBell] : []
    }

    static func flash(_ state: inout AppState, _ key: PositionKey) {
        state.flashing[key] = state.now.addingTimeInterval(AppState.flashSeconds)
    }

    /// A confirmation whose position changed since its plan was made gets a new plan; the old one can no longer run.
    private static func checkConfirmation(_ state: inout AppState) -> [Effect] {
        guard case .confirm(var dialog) = state.overlay, let plan = dialog.plan,
            let generation = dialog.planGeneration, state.snapshot.generation > generation
        else { return [] }
        let changes: [String]
        if let view = state.snapshot.position(dialog.key), view.size != 0 {
            changes = plan.basis.changes(comparedTo: view)
        } else {
            changes = [state.strings.positionGone]
        }
        guard !changes.isEmpty else { return [] }
        dialog.plan = nil
        dialog.planGeneration = nil
        dialog.error = nil
        dialog.changes = changes
        dialog.focused = .cancel
        dialog.requestId = state.nextRequestId
        state.nextRequestId += 1
        state.overlay = .confirm(dialog)
        return [.makePlan(dialog.kind, dialog.key, requestId: dialog.requestId)]
    }

    private static func receive(_ state: inout AppState, _ records: [ActionRecord]) {
        var journal: [PositionKey: ActionRecord] = [:]
        for record in records.sorted(by: { $0.updatedAt < $1.updatedAt }) {
            journal[record.key] = record
        }
        state.journal = journal
        if case .resume(var dialog) = state.overlay, let record = journal[dialog.key], record.id == dialog.actionId {
            dialog.kind = record.kind
            dialog.phase = record.phase
            dialog.errorMessage = record.errorMessage ?? record.summary
            dialog.errorCode = record.errorCode
            state.overlay = .resume(dialog)
        }
    }

    // MARK: Clock and messages

    private static func tick(_ state: inout AppState, _ now: Date) {
        state.now = now
        if !state.flashing.isEmpty {
            state.flashing = state.flashing.filter { $0.value > now }
        }
        if let message = state.message, message.until <= now {
            state.message = nil
        }
    }

    /// Shows a line in the footer for a while.
    static func say(
        _ state: inout AppState, _ text: String, role: StyleRole, seconds: TimeInterval = AppState.messageSeconds
    ) {
        state.message = StatusMessage(text: text, role: role, until: state.now.addingTimeInterval(seconds))
    }

    // MARK: Scrolling

    /// Scrolls the table so the selected row is on screen.
    static func scrollTableToSelection(_ state: inout AppState) {
        let lines = Layout(size: state.size).tableLines
        let count = state.table.rows.count
        var top = state.tableTop
        if let index = state.selectedIndex {
            if index < top { top = index }
            if index >= top + lines { top = index - lines + 1 }
        }
        state.tableTop = max(0, min(top, count - lines))
    }
}

extension [Double] {
    /// Appends a profit rate to a position's history (nothing when OKX sent none), keeping the last
    /// ``AppState/historyLength``.
    fileprivate mutating func appendRate(_ rate: Double?) {
        guard let rate else { return }
        append(rate)
        if count > AppState.historyLength {
            removeFirst(count - AppState.historyLength)
        }
    }
}
