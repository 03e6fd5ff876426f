import AnchorCore
import AnchorStore
import Foundation
import OKX

extension Strings {
    func actionName(_ kind: ActionKind) -> String {
        switch kind {
        case .maintenance: pick("Super maintenance", "超级维护")
        case .correction: pick("Correction", "纠错")
        }
    }

    func stateName(_ state: ActionState) -> String {
        switch state {
        case .running: pick("running", "执行中")
        case .completed: pick("completed", "已完成")
        case .failed: pick("FAILED", "失败")
        case .refused: pick("refused", "被拒绝")
        case .interrupted: pick("INTERRUPTED", "已中断")
        case .abandoned: pick("abandoned", "已放弃")
        }
    }

    // MARK: Buttons

    func button(_ button: DialogButton) -> String {
        switch button {
        case .cancel: pick("Cancel", "取消")
        case .confirm: pick("Confirm (y)", "确认 (y)")
        case .resume: pick("Resume", "继续执行")
        case .abandon: pick("Abandon", "放弃")
        case .stay: pick("Stay", "留下")
        case .quit: pick("Quit (y)", "退出 (y)")
        case .close: pick("Close", "关闭")
        }
    }

    // MARK: Plan

    var makingPlan: String { pick("Making the plan from what OKX says now…", "正在按交易所当前数据生成计划…") }
    func positionChanged(_ changes: [String]) -> String {
        pick(
            "The position changed since the plan was made (\(changes.joined(separator: ", "))).",
            "计划生成后仓位已变化 (\(changes.joined(separator: ", ")))。")
    }
    var planAgain: String {
        pick("Making the plan again; nothing will run until you confirm it.", "正在重新生成计划; 确认前不会执行。")
    }
    var planRemade: String {
        pick("Plan remade because the position changed: check it again.", "仓位变化, 计划已重新生成: 请再次核对。")
    }
    func planFailed(_ message: String) -> String { pick("Could not make the plan: ", "无法生成计划: ") + message }
    func boundTo(posId: String, generation: Int, count: Int) -> String {
        let id = posId.isEmpty ? "?" : posId
        return pick(
            "posId \(id) · snapshot #\(generation) · maintenance count \(count)",
            "posId \(id) · 快照 #\(generation) · 维护次数 \(count)")
    }
    func planNow(_ basis: PlanBasis) -> String {
        pick(
            "Now:   \(basis.size) contracts · margin \(Format.usdt(basis.margin)) USDT · \(basis.leverage)x · "
                + "available \(Format.usdt(basis.availableBalance)) USDT",
            "当前:  \(basis.size) 张 · 保证金 \(Format.usdt(basis.margin)) USDT · \(basis.leverage)x · "
                + "可用 \(Format.usdt(basis.availableBalance)) USDT")
    }
    var steps: String { pick("Steps:", "步骤:") }
    func planAfter(_ outcome: PlanOutcome) -> String {
        pick(
            "After: margin \(Format.usdt(outcome.margin)) USDT · \(outcome.size) contracts · \(outcome.leverage)x · "
                + "notional \(Format.usdt(outcome.notional)) USDT",
            "之后:  保证金 \(Format.usdt(outcome.margin)) USDT · \(outcome.size) 张 · \(outcome.leverage)x · "
                + "名义价值 \(Format.usdt(outcome.notional)) USDT")
    }
    func fees(_ fees: Decimal) -> String {
        pick("Estimated fees: \(Format.usdt(fees)) USDT", "预计手续费: \(Format.usdt(fees)) USDT")
    }
    func band(_ band: MarginBand) -> String {
        let (lower, upper, target) = (Format.usdt(band.lower), Format.usdt(band.upper), Format.usdt(band.target))
        return pick(
            "Margin band: \(lower)–\(upper) USDT (target \(target))", "保证金区间: \(lower)–\(upper) USDT (目标 \(target))")
    }
    var followUp: String { pick("Then the correction (planned again on the real fill):", "然后纠错 (按实际成交重新计划):") }
    var nothingToDo: String { pick("Nothing to do: the margin is in its band.", "无需操作: 保证金已在区间内。") }
    func cannotRun(_ blocker: String) -> String { pick("Cannot run: ", "不能执行: ") + blocker }
    func note(_ note: String) -> String { pick("Note: ", "注意: ") + note }

    /// One plan step in words, with its amounts.
    func step(_ step: PlanStep) -> String {
        switch step {
        case .setLeverage(let from, let to, let topUp):
            topUp > 0
                ? pick(
                    "set leverage \(from)x → \(to)x (moves \(Format.usdt(topUp)) USDT into margin)",
                    "杠杆 \(from)x → \(to)x (转入保证金 \(Format.usdt(topUp)) USDT)")
                : pick("set leverage \(from)x → \(to)x", "杠杆 \(from)x → \(to)x")
        case .trim(let contracts, let notional, let direction):
            pick(
                "\(OrderSide.closing(direction).rawValue) \(contracts) contracts to reduce the \(direction.rawValue) "
                    + "(notional → \(Format.usdt(notional)) USDT)",
                "减仓 \(contracts) 张 (\(self.direction(direction, oneWay: false))仓, 名义价值 → \(Format.usdt(notional)) USDT)"
            )
        case .reduceMargin(let amount):
            pick("reduce margin by \(Format.usdt(amount)) USDT", "减少保证金 \(Format.usdt(amount)) USDT")
        case .addMargin(let amount):
            pick("add \(Format.usdt(amount)) USDT margin", "增加保证金 \(Format.usdt(amount)) USDT")
        case .close(let contracts):
            pick("close the whole side (\(contracts) contracts) at market", "市价全平 (\(contracts) 张)")
        case .open(let contracts, let leverage, let margin, let direction):
            pick(
                "\(OrderSide.opening(direction).rawValue) \(contracts) contracts to open a \(direction.rawValue) at "
                    + "\(leverage)x (≈ \(Format.usdt(margin)) USDT margin)",
                "市价开\(self.direction(direction, oneWay: false))仓 \(contracts) 张 \(leverage)x "
                    + "(保证金约 \(Format.usdt(margin)) USDT)")
        case .count(let from, let to):
            pick("count the maintenance: \(from) → \(to)", "维护次数: \(from) → \(to)")
        }
    }

    // MARK: Running and results

    func running(_ kind: ActionKind) -> String { pick("\(actionName(kind)) running", "\(actionName(kind))执行中") }
    func stepOf(_ step: Int, _ total: Int) -> String { pick("step \(step) of \(total)", "第 \(step) / \(total) 步") }
    var startingAction: String { pick("sending…", "发送中…") }
    func okxCode(_ code: String) -> String { pick("OKX code \(code)", "OKX 错误码 \(code)") }
    func result(_ result: ActionResult) -> String {
        var text = "\(stateName(result.state)): \(result.summary)"
        if let code = result.errorCode { text += " (\(okxCode(code)))" }
        return text
    }
    func followUpResult(_ result: ActionResult) -> String {
        pick("then \(actionName(result.kind).lowercased()): ", "然后\(actionName(result.kind)): ") + self.result(result)
    }
    var hideHint: String { pick("Esc hides this window; the action goes on.", "Esc 隐藏窗口; 操作继续进行。") }

    // MARK: Resume and abandon

    func interruptedTitle(_ kind: ActionKind) -> String {
        pick("Interrupted \(actionName(kind).lowercased())", "已中断的\(actionName(kind))")
    }
    func stoppedAt(_ phase: ActionPhase) -> String {
        pick("Stopped at: \(phase.rawValue)", "停在: \(phase.rawValue)")
    }
    func reason(_ text: String) -> String { pick("Reason: ", "原因: ") + text }
    var noReason: String { pick("no reason recorded", "没有记录原因") }
    func actionId(_ id: String) -> String { pick("Action \(id)", "操作 \(id)") }
    var resumeExplained: String {
        pick(
            "Resume finishes it from where the exchange says it stands; Abandon leaves the position to you.",
            "继续执行: 按交易所当前状态完成; 放弃: 仓位交由你手动处理。")
    }
    var loadingJournal: String { pick("reading the journal…", "正在读取操作日志…") }

    // MARK: Quit

    var quitTitle: String { pick("Quit while an action runs?", "操作进行中, 确定退出?") }
    func quitRunning(_ count: Int) -> String {
        pick(
            "\(count) action(s) still running. Quitting stops them part-way: the journal marks them interrupted "
                + "and they can be resumed.",
            "仍有 \(count) 个操作在执行。退出会中断它们: 操作日志会标记为已中断, 之后可以继续执行。")
    }

    // MARK: Details

    var positionDetail: String { pick("Position", "仓位详情") }
    var eventDetail: String { pick("Event", "记录详情") }
    func marginMode(_ mode: MarginMode) -> String {
        switch mode {
        case .isolated: pick("isolated", "逐仓")
        case .cross: pick("cross", "全仓")
        default: mode.rawValue.isEmpty ? "-" : mode.rawValue
        }
    }
    func positionMode(oneWay: Bool) -> String {
        oneWay ? pick("one-way (net)", "单向持仓 (net)") : pick("long/short", "双向持仓")
    }
    var managed: String { pick("managed: corrected and maintained", "托管: 纠错与维护") }
    var accountDetail: String { pick("Account", "账户详情") }
    var checkingAccount: String { pick("checking the key, the account and its positions…", "正在检查密钥、账户和仓位…") }
    func accountField(_ field: AccountField) -> String {
        switch field {
        case .role: pick("role", "角色")
        case .managed: pick("managed", "托管")
        case .key: pick("API key", "API 密钥")
        case .permissions: pick("permissions", "权限")
        case .level: pick("account level", "账户模式")
        case .positionMode: pick("position mode", "持仓模式")
        case .ipAllowList: pick("IP allow-list", "IP 白名单")
        case .clock: pick("clock vs OKX", "与 OKX 时差")
        case .polls: pick("rate limit", "限速余量")
        case .positions: pick("positions", "仓位")
        }
    }
    /// When a position's account was read: its clock time and how long ago.
    func readAgo(_ time: String, seconds: Int) -> String { pick("\(time) · \(seconds)s ago", "\(time) · \(seconds)秒前") }
    func field(_ name: DetailField) -> String {
        switch name {
        case .account: pick("account", "账户")
        case .instrument: pick("instrument", "合约")
        case .side: pick("side", "方向")
        case .posId: "posId"
        case .size: pick("size (contracts)", "数量 (张)")
        case .averagePrice: pick("average price", "开仓均价")
        case .markPrice: pick("mark price", "标记价格")
        case .notional: pick("notional", "名义价值")
        case .margin: pick("margin", "保证金")
        case .marginMode: pick("margin mode", "保证金模式")
        case .positionMode: pick("position mode", "持仓模式")
        case .imr: pick("initial margin", "初始保证金")
        case .scope: pick("policy", "策略")
        case .band: pick("margin band", "保证金区间")
        case .profitRate: pick("profit rate", "收益率")
        case .trigger: pick("to the trigger", "距触发线")
        case .upl: pick("unrealised PnL", "未实现盈亏")
        case .leverage: pick("leverage", "杠杆")
        case .liquidation: pick("liquidation price", "强平价格")
        case .liquidationDistance: pick("to liquidation", "距强平")
        case .mmr: pick("maintenance margin", "维持保证金")
        case .reducible: pick("reducible now", "当前可减")
        case .maintenanceCount: pick("maintenance count", "维护次数")
        case .status: pick("status", "状态")
        case .readAt: pick("read", "读取于")
        case .action: pick("action", "操作")
        case .history: pick("profit rate history", "收益率走势")
        case .time: pick("time", "时间")
        case .kind: pick("event", "事件")
        case .origin: pick("origin", "来源")
        case .outcome: pick("outcome", "结果")
        case .marginChange: pick("margin", "保证金")
        case .sizeChange: pick("size", "数量")
        case .leverageChange: pick("leverage", "杠杆")
        case .amount: pick("amount", "金额")
        case .countAfter: pick("count after", "维护次数 (之后)")
        case .error: pick("error", "错误")
        case .message: pick("message", "说明")
        }
    }
}

/// The labelled lines of the account detail.
enum AccountField: Sendable, Hashable {
    case role, managed, key, permissions, level, positionMode, ipAllowList, clock, polls, positions
}

/// The labelled lines of the detail views.
enum DetailField: Sendable, Hashable {
    case account, instrument, side, posId, size, averagePrice, markPrice, notional, margin, band, profitRate, trigger
    case marginMode, positionMode, imr, scope
    case upl, leverage, liquidation, liquidationDistance, mmr, reducible, maintenanceCount, status, readAt, action
    case history
    case time, kind, origin, outcome, marginChange, sizeChange, leverageChange, amount, countAfter, error, message
}
