import AnchorCore
import AnchorStore
import OKX

/// Every word the dashboard shows, in English or Chinese.
///
/// Each label is written once with both languages side by side (`pick("Positions", "仓位")`), so a label can never
/// exist in one language only. Chinese uses the desk's own terms: 超级维护 (super maintenance), 纠错 (correction),
/// 保证金 (margin), 收益率 (profit rate), 维护次数 (maintenance count).
struct Strings: Sendable, Hashable {
    /// The language shown.
    var language: Language

    /// The strings of `language`.
    init(_ language: Language) {
        self.language = language
    }

    /// The English or the Chinese text.
    func pick(_ english: String, _ chinese: String) -> String {
        language == .zh ? chinese : english
    }

    /// The screen language from the locale: `LC_ALL`, then `LC_MESSAGES`, then `LANG`; a value starting with `zh`
    /// gives Chinese, anything else (or nothing) English.
    static func language(fromEnvironment environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }

    // MARK: Header

    /// The badge of an environment: real money, the built-in paper exchange, or OKX's demo trading.
    func badge(_ environment: EnvironmentBadge) -> String {
        switch environment {
        case .live: pick(" LIVE ", " 实盘 LIVE ")
        case .demo: pick(" DEMO ", " 演示 DEMO ")
        case .simulated: pick(" SIMULATED TRADING ", " 模拟盘 SIMULATED ")
        }
    }

    var readOnly: String { pick(" READ-ONLY ", " 只读 ") }
    func accountsLive(_ live: Int, of total: Int) -> String {
        pick("accounts \(live)/\(total) live", "账户 \(live)/\(total) 在线")
    }
    func accountsStale(_ stale: Int) -> String { pick("\(stale) stale", "\(stale) 过期") }
    var waitingForPoll: String { pick("waiting for the first poll", "等待首次轮询") }
    func pollAge(_ seconds: Int) -> String { pick("poll \(seconds)s ago", "轮询 \(seconds)秒前") }
    func latency(_ milliseconds: Int) -> String { "\(milliseconds)ms" }
    /// A fleet read in turns: every account once in this many seconds.
    func turn(_ seconds: Int) -> String { pick("turn \(seconds)s", "轮换 \(seconds)秒") }
    func rateHeadroom(_ percent: Int) -> String { pick("rate \(percent)%", "限速余量 \(percent)%") }
    /// Alerts not delivered and the channels failing (issue 15).
    func alertsTrouble(_ undelivered: Int, failing: [String]) -> String {
        let names = failing.isEmpty ? "" : " · " + failing.joined(separator: ",")
        return pick("alerts \(undelivered) undelivered", "告警 \(undelivered) 未送达") + names
    }
    func autopilot(_ armed: Bool) -> String {
        armed ? pick("autopilot ARMED", "自动驾驶 已开启") : pick("autopilot off", "自动驾驶 关")
    }
    func theme(_ name: String) -> String { pick("theme \(name)", "主题 \(name)") }

    // MARK: Summary cards

    var mainAccount: String { pick("Main account", "主账户") }
    var subAccounts: String { pick("Sub-accounts", "子账户") }
    var combined: String { pick("Combined", "合计") }
    /// The long form first, then shorter ones for narrow cards.
    func mainPositions(_ count: Int, long: Int, short: Int) -> [String] {
        language == .zh
            ? ["\(count) 个仓位 · 多 \(long) · 空 \(short)", "\(count) 仓 · 多\(long) 空\(short)"]
            : [
                "\(count) positions · \(long) long · \(short) short", "\(count) pos · \(long) long · \(short) short",
                "\(count) · \(long) long · \(short) short", "\(count) · \(long)L / \(short)S",
            ]
    }
    func subPositions(accounts: Int, positions: Int) -> [String] {
        language == .zh
            ? ["\(accounts) 个账户 · \(positions) 个仓位", "\(accounts) 户 · \(positions) 仓"]
            : [
                "\(accounts) accounts · \(positions) positions", "\(accounts) accounts · \(positions) pos",
                "\(accounts) acc · \(positions) pos",
            ]
    }
    func positionCount(_ count: Int) -> [String] {
        language == .zh ? ["\(count) 个仓位", "\(count) 仓"] : ["\(count) positions", "\(count) pos"]
    }
    var pnl: String { pick("PnL", "盈亏") }

    // MARK: Positions table

    var positions: String { pick("Positions", "仓位") }
    func sortedBy(_ order: PositionSort) -> String { pick("sort: ", "排序: ") + sortName(order) }
    func sortName(_ order: PositionSort) -> String {
        switch order {
        case .account: pick("account", "账户")
        case .profitRate: pick("profit rate", "收益率")
        case .marginOffTarget: pick("margin off target", "保证金偏离")
        case .maintenanceCount: pick("maintenance count", "维护次数")
        }
    }
    func filter(_ text: String) -> String { pick("filter: ", "筛选: ") + text }
    func rowRange(_ first: Int, _ last: Int, of total: Int) -> String { "\(first)–\(last) / \(total)" }
    var noPositions: String { pick("no open positions", "没有持仓") }
    var noMatch: String { pick("no position matches the filter (Esc clears it)", "没有匹配筛选的仓位 (Esc 清除)") }

    func side(_ side: PositionSide) -> String {
        switch side {
        case .long: pick("long", "多")
        case .short: pick("short", "空")
        case .net: pick("net", "净")
        }
    }

    /// Which way a position bets, as the side column shows it: long or short in either position mode, a one-way
    /// (net mode) position marked with `oneWayMark`.
    func direction(_ direction: Direction?, oneWay: Bool) -> String {
        let word =
            switch direction {
            case .long: pick("long", "多")
            case .short: pick("short", "空")
            case nil: "-"
            }
        return oneWay ? word + Self.oneWayMark : word
    }

    /// Marks a one-way (net mode) position in the side column.
    static let oneWayMark = "¹"

    /// Why a position is only watched, in a few words.
    func watchReason(_ reason: WatchReason) -> String {
        switch reason {
        case .accountNotManaged: pick("account not managed", "账户未托管")
        case .cross: pick("cross", "全仓")
        case .marginMode(let mode): mode.isEmpty ? pick("no margin mode", "无保证金模式") : mode
        case .coinMargined(let coin): pick("coin-margined (\(coin))", "币本位 (\(coin))")
        case .settleCurrency(let currency): currency
        case .instrumentType(let type): type
        case .instrumentState(let state): state == "suspend" ? pick("suspended", "暂停交易") : state
        }
    }

    /// A position's status as the table shows it; interrupted and due are loud on purpose.
    func status(_ status: PositionStatus) -> String {
        switch status {
        case .inBand: pick("in band", "区间内")
        case .aboveBand: pick("above band", "高于区间")
        case .belowBand: pick("below band", "低于区间")
        case .maintenanceDue: pick("MAINT. DUE", "需超级维护")
        case .actionRunning: pick("running", "执行中")
        case .interrupted: pick("INTERRUPTED", "已中断")
        case .stale: pick("stale", "数据过期")
        case .error: pick("error", "错误")
        case .watched(let reason): pick("watched: ", "仅观察: ") + watchReason(reason)
        }
    }

    /// A watched status from the longest to the shortest wording, for a column that may be narrow.
    func watchedStatus(_ reason: WatchReason) -> [String] {
        let full = status(.watched(reason))
        switch reason {
        case .accountNotManaged:
            return [
                full, pick("watched: not managed", "仅观察: 未托管"), pick("not managed", "未托管"), pick("unmanaged", "未托管"),
            ]
        case .coinMargined(let coin):
            return [full, pick("watched: \(coin)-margined", "仅观察: \(coin)本位"), pick("\(coin)-margined", "\(coin)本位")]
        default:
            return [full, watchReason(reason), pick("watched", "仅观察")]
        }
    }

    func status(_ status: PositionStatus, progress: ActionProgress?) -> String {
        guard status == .actionRunning, let progress else { return self.status(status) }
        return self.status(status) + " \(progress.step)/\(progress.total)"
    }

    // MARK: Log pane

    var log: String { pick("Correction log", "纠错日志") }
    var noEvents: String { pick("no corrections or maintenance yet", "暂无纠错或维护记录") }
    var loadingOlder: String { pick("loading older events…", "正在加载更早的记录…") }

    func eventKind(_ kind: EventKind) -> String {
        switch kind {
        case .leverage: pick("leverage", "杠杆")
        case .trim: pick("trim", "减仓")
        case .marginReduce: pick("margin −", "保证金 −")
        case .marginAdd: pick("margin +", "保证金 +")
        case .correction: pick("correction", "纠错")
        case .maintenanceClose: pick("maint. close", "维护平仓")
        case .maintenance: pick("super maintenance", "超级维护")
        case .interrupted: pick("interrupted", "中断")
        case .resumed: pick("resumed", "继续")
        case .abandoned: pick("abandoned", "放弃")
        case .refused: pick("refused", "拒绝")
        case .failed: pick("failed", "失败")
        case .positionGone: pick("position gone", "仓位消失")
        }
    }

    func outcome(_ outcome: EventOutcome) -> String {
        switch outcome {
        case .ok: pick("ok", "成功")
        case .failed: pick("FAILED", "失败")
        case .refused: pick("refused", "拒绝")
        case .interrupted: pick("INTERRUPTED", "中断")
        case .info: pick("info", "信息")
        }
    }

    func origin(_ origin: ActionOrigin) -> String {
        switch origin {
        case .manual: pick("manual", "手动")
        case .autopilot: pick("autopilot", "自动")
        }
    }

    // MARK: Messages

    var tooSmallTitle: String { pick("The terminal is too small", "终端窗口太小") }
    func tooSmall(minimum: TerminalSize, now: TerminalSize) -> String {
        pick(
            "enlarge the terminal to at least \(minimum.cols)×\(minimum.rows) (now \(now.cols)×\(now.rows))",
            "请把终端放大到至少 \(minimum.cols)×\(minimum.rows) (现在 \(now.cols)×\(now.rows))")
    }
    func readOnlyRefusal(_ kind: ActionKind?) -> String {
        let what =
            switch kind {
            case .maintenance: pick("super maintenance is", "超级维护已")
            case .correction: pick("correction is", "纠错已")
            case nil: pick("actions are", "操作已")
            }
        return pick(
            "read-only: \(what) disabled (started with --read-only)", "只读模式: \(what)禁用 (以 --read-only 启动)")
    }
    var autopilotReadOnly: String {
        pick("read-only: the autopilot cannot be armed (started with --read-only)", "只读模式: 不能开启自动驾驶")
    }
    var noSelection: String { pick("no position selected", "没有选中的仓位") }
    var alreadyRunning: String {
        pick("an action is already running on this position", "这个仓位上已有操作在执行")
    }
    var positionGone: String { pick("this position is no longer open", "这个仓位已不存在") }
    /// Why `m` or `c` did nothing on a watched position.
    func watchedRefusal(_ reason: WatchReason) -> String {
        pick(
            "watched (\(watchReason(reason))): okx-anchor acts only on isolated USDT-margined swaps of managed "
                + "accounts; nothing was sent",
            "仅观察 (\(watchReason(reason))): okx-anchor 只操作托管账户的逐仓 USDT 本位永续合约; 未发送任何请求")
    }
    func themeNow(_ name: String) -> String { pick("theme: \(name)", "主题: \(name)") }
    var polling: String { pick("polling every account now…", "正在立即轮询所有账户…") }
    func autopilotChanged(_ armed: Bool) -> String {
        armed
            ? pick("autopilot ARMED: it will correct and maintain on its own", "自动驾驶已开启: 将自动纠错和维护")
            : pick("autopilot off", "自动驾驶已关闭")
    }
    func finished(_ kind: ActionKind, _ state: ActionState) -> String {
        "\(actionName(kind)): \(stateName(state))"
    }
}
