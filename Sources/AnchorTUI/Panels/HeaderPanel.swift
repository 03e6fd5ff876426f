import AnchorCore
import Foundation

/// The top line: the environment badge first and unmissable, then what the trader must know at a glance.
///
/// Pieces that do not fit are dropped, least important first; the badge, read-only and the autopilot always stay.
enum HeaderPanel {
    private struct Piece {
        var text: String
        var role: StyleRole
        var attributes: TextAttributes = []
        var priority: Int
        /// Pieces joined without a gap (a badge and its neighbour).
        var tight = false
    }

    static func draw(_ canvas: inout Canvas, _ state: AppState, _ area: Rect) {
        let strings = state.strings
        let snapshot = state.snapshot
        var pieces: [Piece] = []
        let badgeRole: StyleRole =
            switch state.settings.environment {
            case .live: .badgeLive
            case .demo: .badgeDemo
            case .simulated: .badgeSimulated
            }
        pieces.append(
            Piece(text: strings.badge(state.settings.environment), role: badgeRole, attributes: .bold, priority: 100))
        if state.settings.readOnly {
            pieces.append(
                Piece(text: strings.readOnly, role: .warning, attributes: [.bold, .reverse], priority: 95, tight: true))
        }
        pieces.append(Piece(text: "okx-anchor", role: .accent, priority: 30))
        if snapshot.generation == 0 {
            pieces.append(Piece(text: strings.waitingForPoll, role: .warning, priority: 80))
        } else {
            let stale = snapshot.staleAccounts
            pieces.append(
                Piece(
                    text: strings.accountsLive(snapshot.liveAccounts, of: snapshot.accounts.count),
                    role: stale == 0 ? .ok : .text, priority: 80))
            if stale > 0 {
                pieces.append(
                    Piece(text: strings.accountsStale(stale), role: .warning, attributes: .bold, priority: 85))
            }
            let age = max(0, Int(state.now.timeIntervalSince(snapshot.takenAt).rounded(.down)))
            var poll = strings.pollAge(age)
            if let duration = snapshot.pollDuration {
                poll += " · " + strings.latency(Int((duration.seconds * 1000).rounded()))
            }
            if let turn = snapshot.turnSeconds {
                poll += " · " + strings.turn(Int(turn.rounded()))
            }
            pieces.append(Piece(text: poll, role: stale > 0 ? .warning : .text, priority: 70))
            let headroom = Int((snapshot.rateLimitHeadroom * 100).rounded())
            let rateRole: StyleRole = headroom > 50 ? .dim : (headroom > 20 ? .warning : .danger)
            pieces.append(Piece(text: strings.rateHeadroom(headroom), role: rateRole, priority: 50))
            if let alerts = snapshot.alerts, !alerts.isHealthy {
                pieces.append(
                    Piece(
                        text: strings.alertsTrouble(alerts.undelivered, failing: alerts.failing),
                        role: alerts.failing.isEmpty ? .warning : .danger, attributes: .bold, priority: 84))
            }
        }
        pieces.append(
            Piece(
                text: strings.autopilot(state.autopilotArmed), role: state.autopilotArmed ? .warning : .dim,
                attributes: state.autopilotArmed ? .bold : [], priority: 90))
        pieces.append(Piece(text: strings.theme(state.themeName), role: .dim, priority: 20))
        let clock = TextFormat.clock(state.now, state.settings.timeZone)

        // Drop the least important pieces until the line fits, keeping room for the clock when possible.
        func width(_ pieces: [Piece]) -> Int {
            pieces.enumerated().reduce(0) { total, item in
                total + TextWidth.of(item.element.text) + (item.offset == 0 || item.element.tight ? 0 : 2)
            }
        }
        var shown = pieces
        let clockRoom = TextWidth.of(clock) + 2
        while shown.count > 1 && width(shown) + clockRoom > area.cols {
            guard
                let weakest = shown.indices.filter({ shown[$0].priority < 90 }).min(by: {
                    shown[$0].priority < shown[$1].priority
                })
            else { break }
            shown.remove(at: weakest)
        }
        var col = area.col
        for (index, piece) in shown.enumerated() {
            if index > 0 && !piece.tight { col += 2 }
            col += canvas.put(piece.text, row: area.row, col: col, role: piece.role, attributes: piece.attributes)
        }
        if col + clockRoom <= area.right {
            canvas.put(clock, row: area.row, col: area.right - TextWidth.of(clock), role: .dim)
        }
    }
}
