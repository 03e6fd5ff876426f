import AnchorCore
import AnchorStore

extension Dashboard {
    /// A key goes to what is open first; with nothing open, to the focused pane and the global keys.
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch state.overlay {
        case .none:
            return mainKey(&state, key)
        case .help:
            if [.escape, .enter, .character("?"), .character("q")].contains(key) {
                state.overlay = .none
            }
            return []
        case .filter(let draft, let previous):
            filterKey(&state, key, draft: draft, previous: previous)
            return []
        case .confirm(let dialog):
            return confirmKey(&state, key, dialog)
        case .running(let positionKey):
            return runningKey(&state, key, positionKey)
        case .resume(let dialog):
            return resumeKey(&state, key, dialog)
        case .quit(let dialog):
            return quitKey(&state, key, dialog)
        case .positionDetail(let positionKey):
            switch key {
            case .character("m"), .character("c"), .character("i"):
                state.overlay = .none
                state.selection = positionKey
                return mainKey(&state, key)
            case .escape, .enter, .character("q"):
                state.overlay = .none
            default:
                break
            }
            return []
        case .eventDetail, .accountDetail:
            if [.escape, .enter, .character("q"), .character("i")].contains(key) {
                state.overlay = .none
            }
            return []
        }
    }

    private static func mainKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let layout = Layout(size: state.size)
        switch key {
        case .up, .character("k"):
            return move(&state, by: -1)
        case .down, .character("j"):
            return move(&state, by: 1)
        case .pageUp:
            return move(&state, by: -(state.focus == .table ? layout.tableLines : layout.logLines))
        case .pageDown:
            return move(&state, by: state.focus == .table ? layout.tableLines : layout.logLines)
        case .mouseWheelUp:
            return move(&state, by: -3)
        case .mouseWheelDown:
            return move(&state, by: 3)
        case .home:
            if state.focus == .log {
                return state.log.moveToOldest(lines: layout.logLines).map { [.loadOlderLog(beforeId: $0)] } ?? []
            }
            return move(&state, by: -state.table.rows.count)
        case .end:
            if state.focus == .log {
                state.log.follow()
                return []
            }
            return move(&state, by: state.table.rows.count)
        case .mouseClick(let row, _):
            return click(&state, row: row, layout: layout)
        case .tab, .backTab:
            state.focus = state.focus == .table ? .log : .table
            return []
        case .enter:
            return openDetail(&state)
        case .character("i"):
            guard let key = state.selection else {
                say(&state, state.strings.noSelection, role: .warning)
                return []
            }
            state.overlay = .accountDetail(account: key.account, check: nil)
            return [.checkAccount(key.account)]
        case .character("m"):
            return startAction(&state, .maintenance)
        case .character("c"):
            return startAction(&state, .correction)
        case .character("a"):
            if state.settings.readOnly {
                say(&state, state.strings.autopilotReadOnly, role: .warning)
                return []
            }
            return [.toggleAutopilot]
        case .character("/"):
            state.overlay = .filter(draft: state.filter, previous: state.filter)
            return []
        case .character("s"):
            state.sort = state.sort.next
            rearrange(&state)
            say(&state, state.strings.sortedBy(state.sort), role: .text)
            return []
        case .character("r"):
            say(&state, state.strings.polling, role: .text)
            return [.pollNow]
        case .character("t"):
            let names = state.settings.themeNames
            guard !names.isEmpty else { return [] }
            let next = names[((names.firstIndex(of: state.themeName) ?? -1) + 1) % names.count]
            state.themeName = next
            say(&state, state.strings.themeNow(next), role: .text)
            return [.setTheme(next)]
        case .character("?"):
            state.overlay = .help
            return []
        case .character("q"):
            return askToQuit(&state)
        case .escape:
            if !state.filter.isEmpty {
                state.filter = ""
                rearrange(&state)
            } else if state.focus == .log {
                state.log.follow()
            }
            state.message = nil
            return []
        case .control("l"):
            return [.repaint]
        default:
            return []
        }
    }

    /// Moves the selection (table) or the cursor (log).
    private static func move(_ state: inout AppState, by delta: Int) -> [Effect] {
        if state.focus == .log {
            let lines = Layout(size: state.size).logLines
            return state.log.move(by: delta, lines: lines).map { [.loadOlderLog(beforeId: $0)] } ?? []
        }
        let rows = state.table.rows
        guard !rows.isEmpty else { return [] }
        let current = state.selectedIndex ?? (delta > 0 ? -1 : rows.count)
        state.selection = rows[max(0, min(rows.count - 1, current + delta))].key
        scrollTableToSelection(&state)
        return []
    }

    private static func click(_ state: inout AppState, row: Int, layout: Layout) -> [Effect] {
        if row >= layout.tableBody.row && row < layout.tableBody.bottom {
            state.focus = .table
            let index = state.tableTop + row - layout.tableBody.row
            if index < state.table.rows.count {
                state.selection = state.table.rows[index].key
            }
        } else if row >= layout.logBody.row && row < layout.logBody.bottom {
            state.focus = .log
            let range = state.log.visibleRange(lines: layout.logLines)
            let index = range.lowerBound + row - layout.logBody.row
            if range.contains(index) {
                let current = state.log.cursor ?? state.log.events.count
                return state.log.move(by: index - current, lines: layout.logLines)
                    .map { [.loadOlderLog(beforeId: $0)] } ?? []
            }
        }
        return []
    }

    private static func openDetail(_ state: inout AppState) -> [Effect] {
        if state.focus == .log {
            if let event = state.log.selectedEvent ?? state.log.events.last {
                state.overlay = .eventDetail(event)
            }
            return []
        }
        guard let key = state.selection else { return [] }
        if !state.settings.readOnly, let view = state.snapshot.position(key), view.status == .interrupted {
            return offerResume(&state, view)
        }
        state.overlay = .positionDetail(key)
        return []
    }

    /// Filters and sorts the rows again, keeping the selection when it is still shown and the first row otherwise.
    static func rearrange(_ state: inout AppState) {
        state.table.arrange(filter: state.filter, sort: state.sort)
        if let selection = state.selection, state.table.index(of: selection) != nil {
            scrollTableToSelection(&state)
        } else {
            state.selection = state.table.rows.first?.key
            state.tableTop = 0
        }
    }

    /// Quits at once, or asks first while an action of this process runs.
    static func askToQuit(_ state: inout AppState) -> [Effect] {
        if state.activeActions.isEmpty {
            return [.quit]
        }
        state.overlay = .quit(QuitDialog())
        return []
    }

    private static func filterKey(_ state: inout AppState, _ key: Key, draft: String, previous: String) {
        var draft = draft
        switch key {
        case .character(let character):
            draft.append(character)
        case .backspace, .delete:
            if !draft.isEmpty { draft.removeLast() }
        case .control("u"):
            draft = ""
        case .enter:
            state.overlay = .none
            return
        case .escape:
            state.overlay = .none
            state.filter = previous
            rearrange(&state)
            return
        default:
            return
        }
        state.overlay = .filter(draft: draft, previous: previous)
        state.filter = draft
        rearrange(&state)
    }
}
