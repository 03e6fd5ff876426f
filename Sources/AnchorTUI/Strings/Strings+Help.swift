extension Strings {
    /// A key and what it does, for the footer and the help.
    struct Hint: Sendable, Hashable {
        /// The key as printed.
        var key: String
        /// What it does.
        var label: String
    }

    var helpTitle: String { pick("Keys", "按键") }

    /// Every key of the dashboard, as the `?` help lists them.
    var helpLines: [Hint] {
        [
            Hint(
                key: "↑ ↓  j k",
                label: pick("select a position (or scroll the log); so does the wheel", "选择仓位 (或滚动日志); 滚轮亦可")),
            Hint(
                key: "PgUp PgDn",
                label: pick("a page up or down; Home End: first or last", "翻页; Home End: 首行或末行")),
            Hint(key: "Tab", label: pick("move focus between the table and the log", "在仓位表和日志之间切换")),
            Hint(key: "Enter", label: pick("details of the position or event", "仓位或记录详情")),
            Hint(
                key: "i",
                label: pick("the account: key, mode, clock, positions out of scope", "账户: 密钥, 模式, 时差, 不托管的仓位")),
            Hint(key: "m", label: pick("super maintenance of the selected position", "对选中仓位执行超级维护")),
            Hint(key: "c", label: pick("margin correction of the selected position", "对选中仓位执行纠错")),
            Hint(key: "a", label: pick("arm or disarm the autopilot", "开启或关闭自动驾驶")),
            Hint(key: "/", label: pick("filter by account or instrument", "按账户或合约筛选")),
            Hint(
                key: "s",
                label: pick("sort: account, profit rate, margin off target, count", "排序: 账户, 收益率, 保证金偏离, 维护次数")),
            Hint(key: "r", label: pick("poll every account now", "立即轮询所有账户")),
            Hint(key: "t", label: pick("next colour theme", "切换主题")),
            Hint(key: "Ctrl-L", label: pick("repaint the screen", "重绘屏幕")),
            Hint(key: "Esc", label: pick("close what is open; clear the filter", "关闭窗口; 清除筛选")),
            Hint(key: "?", label: pick("this help", "本帮助")),
            Hint(key: "q", label: pick("quit (asks first while an action runs)", "退出 (有操作执行时先确认)")),
            Hint(
                key: "¹  " + pick("dim", "暗色"),
                label: pick("one-way (net) position · watched only, never acted on", "单向持仓 · 仅观察, 不操作")),
            Hint(
                key: pick("dialogs", "对话框"),
                label: pick(
                    "Cancel is focused; y or Enter on Confirm runs the plan", "默认选中取消; 按 y 或在确认上按 Enter 才执行")),
        ]
    }

    var closeHelp: String { pick("Esc or ? closes this help", "按 Esc 或 ? 关闭帮助") }

    // MARK: Footer

    func tableHints(readOnly: Bool) -> [Hint] {
        var hints = [Hint(key: "↑↓", label: pick("select", "选择"))]
        if !readOnly {
            hints += [
                Hint(key: "m", label: pick("maintain", "超级维护")), Hint(key: "c", label: pick("correct", "纠错")),
                Hint(key: "a", label: pick("auto", "自动")),
            ]
        }
        hints += [
            Hint(key: "/", label: pick("filter", "筛选")), Hint(key: "s", label: pick("sort", "排序")),
            Hint(key: "?", label: pick("help", "帮助")), Hint(key: "q", label: pick("quit", "退出")),
            Hint(key: "Tab", label: pick("log", "日志")), Hint(key: "⏎", label: pick("details", "详情")),
            Hint(key: "r", label: pick("poll", "轮询")), Hint(key: "t", label: pick("theme", "主题")),
            Hint(key: "i", label: pick("account", "账户")),
        ]
        return hints
    }

    var logHints: [Hint] {
        [
            Hint(key: "↑↓", label: pick("scroll", "滚动")), Hint(key: "PgUp/PgDn", label: pick("page", "翻页")),
            Hint(key: "Home/End", label: pick("oldest/newest", "最早/最新")),
            Hint(key: "⏎", label: pick("event", "详情")), Hint(key: "Tab", label: pick("table", "仓位表")),
            Hint(key: "?", label: pick("help", "帮助")), Hint(key: "q", label: pick("quit", "退出")),
        ]
    }

    var filterHints: [Hint] {
        [
            Hint(key: pick("type", "输入"), label: pick("account or instrument", "账户或合约")),
            Hint(key: "⏎", label: pick("keep", "保留")), Hint(key: "Esc", label: pick("clear", "清除")),
        ]
    }

    var confirmHints: [Hint] {
        [
            Hint(key: "y", label: pick("confirm", "确认")), Hint(key: "←→ Tab", label: pick("choose", "选择")),
            Hint(key: "⏎", label: pick("press", "按下")), Hint(key: "Esc", label: pick("cancel", "取消")),
        ]
    }

    var choiceHints: [Hint] {
        [
            Hint(key: "←→ Tab", label: pick("choose", "选择")), Hint(key: "⏎", label: pick("press", "按下")),
            Hint(key: "Esc", label: pick("cancel", "取消")),
        ]
    }

    var runningHints: [Hint] { [Hint(key: "Esc", label: pick("hide", "隐藏"))] }
    var closeHints: [Hint] { [Hint(key: "⏎ Esc", label: pick("close", "关闭"))] }
    var filterPrompt: String { pick("Filter: ", "筛选: ") }
}
