import Foundation
import OKX

extension Alert {
    /// The message: `[LIVE] Maintenance due · Wu666666 CRO-USDT-SWAP long · profit rate -10.2% · … · 12:00:05 UTC`.
    public func text(_ language: Language) -> String {
        var parts = ["[\(environment)] " + title(language)]
        let position = [account, instId, side].compactMap { $0 }.joined(separator: " ")
        if !position.isEmpty { parts.append(position) }
        for fact in facts { parts.append(label(fact.name, language) + " " + fact.value) }
        if let detail, !detail.isEmpty { parts.append(detail) }
        parts.append(Self.clockText(time))
        return parts.joined(separator: " · ")
    }

    /// `2026-01-01 12:00:05 UTC`.
    static func clockText(_ time: Date) -> String {
        let stamp = JSONReport.timestamp(time)
        return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(8)) + " UTC"
    }

    func title(_ language: Language) -> String {
        switch (kind, language) {
        case (.maintenanceDue, .en): "Maintenance due"
        case (.maintenanceDue, .zh): "需要超级维护"
        case (.actionStarted, .en): "Autopilot started an action"
        case (.actionStarted, .zh): "自动驾驶开始操作"
        case (.actionCompleted, .en): "Action completed"
        case (.actionCompleted, .zh): "操作完成"
        case (.actionFailed, .en): "Action FAILED"
        case (.actionFailed, .zh): "操作失败"
        case (.actionInterrupted, .en): "Action INTERRUPTED"
        case (.actionInterrupted, .zh): "操作中断"
        case (.accountDown, .en): "Account DOWN"
        case (.accountDown, .zh): "账户无法访问"
        case (.accountRecovered, .en): "Account back"
        case (.accountRecovered, .zh): "账户已恢复"
        case (.liquidationNear, .en): "NEAR LIQUIDATION"
        case (.liquidationNear, .zh): "接近强平"
        case (.daemonStarted, .en): "Daemon started"
        case (.daemonStarted, .zh): "守护进程已启动"
        case (.daemonStopped, .en): "Daemon stopped"
        case (.daemonStopped, .zh): "守护进程已停止"
        case (.test, .en): "Test message from okx-anchor"
        case (.test, .zh): "okx-anchor 测试消息"
        }
    }

    func label(_ name: String, _ language: Language) -> String {
        let zh: [String: String] = [
            "profit_rate": "收益率", "trigger": "触发线", "margin": "保证金", "size": "张数", "mark": "标记价格",
            "liq_px": "强平价格", "distance": "距强平", "action": "操作", "steps": "步骤", "polls": "连续失败",
            "accounts": "账户", "count": "维护次数",
        ]
        if language == .zh, let text = zh[name] { return text }
        return name.replacingOccurrences(of: "_", with: " ")
    }
}
