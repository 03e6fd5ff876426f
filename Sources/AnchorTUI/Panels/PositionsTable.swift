import AnchorCore
import AnchorStore
import Foundation

/// The positions table: a titled rule, column headers, and only the rows that are on screen.
///
/// Columns are chosen by importance for the width at hand (account, instrument, side, margin, profit rate and
/// status always; then size, count, leverage, the sparkline, notional, band and liquidation distance) and sized by
/// display width, so a Chinese header or a CJK account name keeps the columns aligned.
enum PositionsTable {
    enum Column: CaseIterable {
        case gutter, account, instrument, side, size, notional, margin, band, rate, spark, count, leverage
        case liquidation, status
    }

    struct Placed {
        var column: Column
        var col: Int
        var width: Int
    }

    /// The order columns are given room in.
    static let priority: [Column] = [
        .gutter, .account, .instrument, .side, .margin, .rate, .status, .size, .count, .leverage, .spark, .notional,
        .band, .liquidation,
    ]

    static func header(_ column: Column, _ strings: Strings, wide: Bool = true) -> String {
        switch column {
        case .gutter: ""
        case .account: strings.pick("Account", "账户")
        case .instrument: wide ? strings.pick("Instrument", "合约") : strings.pick("Instr.", "合约")
        case .side: strings.pick("Side", "方向")
        case .size: strings.pick("Size", "数量")
        case .notional: strings.pick("Notional", "名义价值")
        case .margin: strings.pick("Margin", "保证金")
        case .band: strings.pick("Band", "目标区间")
        case .rate: strings.pick("Profit%", "收益率")
        case .spark: strings.pick("Trend", "走势")
        case .count: strings.pick("Cnt", "维护次数")
        case .leverage: strings.pick("Lev", "杠杆")
        case .liquidation: strings.pick("Liq.", "距强平")
        case .status: strings.pick("Status", "状态")
        }
    }

    static func alignment(_ column: Column) -> Alignment {
        switch column {
        case .size, .notional, .margin, .rate, .count, .leverage, .liquidation: .right
        default: .left
        }
    }

    /// The columns that fit `width`, placed left to right.
    static func columns(width: Int, strings: Strings, monochrome: Bool) -> [Placed] {
        let wide = width >= 110
        func natural(_ column: Column) -> Int {
            let base: Int =
                switch column {
                case .gutter: 1
                case .account: wide ? 12 : 10
                case .instrument: wide ? 14 : 9
                case .side: 6
                case .size: 6
                case .notional: 9
                case .margin: monochrome ? 9 : 8
                case .band: 11
                case .rate: monochrome ? 8 : 7
                case .spark: 8
                case .count: 3
                case .leverage: 4
                case .liquidation: 6
                case .status: 10
                }
            return max(base, TextWidth.of(header(column, strings, wide: wide)))
        }
        var chosen: Set<Column> = []
        var used = -1
        for column in priority where used + 1 + natural(column) <= width {
            chosen.insert(column)
            used += 1 + natural(column)
        }
        var placed: [Placed] = []
        var col = 0
        for column in Column.allCases where chosen.contains(column) {
            let extra = column == .status ? width - used : 0
            placed.append(Placed(column: column, col: col, width: natural(column) + extra))
            col += natural(column) + extra + 1
        }
        return placed
    }

    static func draw(_ canvas: inout Canvas, _ state: AppState, _ layout: Layout) {
        let strings = state.strings
        let rows = state.table.rows
        let focused = state.focus == .table
        var title = " \(strings.positions) \(rows.count)"
        if rows.count != state.table.totalCount { title += "/\(state.table.totalCount)" }
        title += " · " + strings.sortedBy(state.sort)
        if !state.filter.isEmpty { title += " · " + strings.filter(state.filter) }
        title += " "
        Rules.titled(
            &canvas, layout.tableTitle, title: title, focused: focused,
            right: rows.isEmpty
                ? nil
                : " "
                    + strings.rowRange(
                        state.tableTop + 1, min(rows.count, state.tableTop + layout.tableLines), of: rows.count) + " ")

        let columns = Self.columns(width: layout.tableHeader.cols, strings: strings, monochrome: state.monochrome)
        let wide = layout.tableHeader.cols >= 110
        for placed in columns {
            canvas.put(
                header(placed.column, strings, wide: wide), row: layout.tableHeader.row, col: placed.col,
                width: placed.width,
                role: .header, alignment: alignment(placed.column))
        }

        let body = layout.tableBody
        guard !rows.isEmpty else {
            let text =
                state.snapshot.generation == 0
                ? strings.waitingForPoll : (state.table.totalCount == 0 ? strings.noPositions : strings.noMatch)
            canvas.put(
                text, row: body.row + body.rows / 2, col: body.col, width: body.cols, role: .dim, alignment: .center)
            return
        }
        let top = max(0, min(state.tableTop, rows.count - 1))
        let flashOn = Int(state.now.timeIntervalSince1970.rounded(.down)) % 2 == 0
        for line in 0..<body.rows where top + line < rows.count {
            let row = rows[top + line]
            let y = body.row + line
            let selected = row.key == state.selection
            drawRow(&canvas, row, y: y, columns: columns, state: state, selected: selected)
            let rect = Rect(row: y, col: body.col, rows: 1, cols: body.cols)
            if let until = state.flashing[row.key], until > state.now, flashOn {
                canvas.restyle(rect, role: .danger, attributes: [.bold, .reverse])
            } else if selected {
                canvas.restyle(rect, role: .selection, attributes: focused ? [.bold] : [])
            }
        }
    }

    private static func drawRow(
        _ canvas: inout Canvas, _ row: TableRow, y: Int, columns: [Placed], state: AppState, selected: Bool
    ) {
        let strings = state.strings
        let rateRole: StyleRole =
            switch row.rateLevel {
            case .profit: .profit
            case .loss: .loss
            case .near: .warning
            case .past: .danger
            case .unknown: .dim
            }
        for placed in columns {
            var text = ""
            var role: StyleRole = .text
            var attributes: TextAttributes = []
            switch placed.column {
            case .gutter:
                switch row.status {
                case .maintenanceDue, .interrupted, .error:
                    (text, role, attributes) = ("!", .danger, .bold)
                case .watched:
                    (text, role) = (selected ? "›" : "·", .dim)
                case .actionRunning:
                    (text, role) = ("*", .accent)
                default:
                    text = selected ? "›" : ""
                }
            case .account:
                text = row.key.account
            case .instrument:
                text = placed.width >= TextWidth.of(row.key.instId) ? row.key.instId : row.instrumentShort
            case .side:
                text = row.side
            case .size:
                text = row.size
            case .notional:
                (text, role) = (row.notional, .dim)
            case .margin:
                text = row.margin
                role = row.placement == .inside ? .ok : (row.placement == nil ? .dim : .warning)
                if row.status.watchReason != nil { role = .dim }
                if state.monochrome {
                    text += row.placement == .above ? "▲" : (row.placement == .below ? "▼" : " ")
                }
            case .band:
                (text, role) = (row.band, .dim)
            case .rate:
                (text, role) = (row.rate, rateRole)
                if state.monochrome {
                    text += row.rateLevel == .past ? "!" : (row.rateLevel == .near ? "~" : " ")
                }
            case .spark:
                if let rates = state.history[row.key], !rates.isEmpty {
                    canvas.drawSparkline(rates, row: y, col: placed.col, width: placed.width, role: rateRole)
                }
                continue
            case .count:
                (text, role) = (row.count, row.count == "0" || row.status.watchReason != nil ? .dim : .accent)
            case .leverage:
                text = row.leverage
            case .liquidation:
                (text, role) = (row.liquidation, .dim)
            case .status:
                text = strings.status(row.status, progress: state.runs[row.key]?.progress.last)
                switch row.status {
                case .inBand: role = .ok
                case .aboveBand, .belowBand: role = .warning
                case .maintenanceDue: (role, attributes) = (.danger, .bold)
                case .interrupted: (role, attributes) = (.danger, [.bold, .reverse])
                case .actionRunning: role = .accent
                case .stale: role = .dim
                case .watched(let reason):
                    (text, role) = (TextFormat.firstFitting(strings.watchedStatus(reason), width: placed.width), .dim)
                case .error(let message):
                    (text, role) = (text + ": " + message, .danger)
                }
            }
            canvas.put(
                text, row: y, col: placed.col, width: placed.width, role: role, attributes: attributes,
                alignment: alignment(placed.column))
        }
    }
}
