import Foundation
import OKX
import Testing

@testable import AnchorCore

/// `[[notify]]` and `[alerts]`: defaults, every kind, clear refusals, and the secret rules of API keys.
@Suite struct NotifyConfigTests {
    typealias F = ConfigFixtures

    static let environment = F.minimalEnvironment.merging(["TG_TOKEN": "999:env-token-value", "DT_SECRET": "SECenv"]) {
        $1
    }

    func load(_ tail: String, mode: mode_t? = nil) throws(ConfigError) -> AppConfig {
        try ConfigLoader.parse(
            text: F.minimal(then: tail), path: "test.toml", environment: Self.environment, fileMode: mode)
    }

    func refusal(_ tail: String, mode: mode_t? = nil) -> String? {
        do {
            _ = try load(tail, mode: mode)
            return nil
        } catch {
            return error.description
        }
    }

    static let everyKind = """
        [alerts]
        account_down_after = 5
        liquidation_warn = 0.03

        [[notify]]
        kind = "webhook"
        url = "https://hooks.example.com/anchor"
        events = ["maintenance_due", "action_failed"]
        min_interval = "2s"

        [[notify]]
        kind = "telegram"
        bot_token_env = "TG_TOKEN"
        chat_id = -1001234

        [[notify]]
        kind = "feishu"
        url = "https://open.feishu.cn/open-apis/bot/v2/hook/abc-def"
        secret = "feishu-inline-secret"

        [[notify]]
        kind = "dingtalk"
        url = "https://oapi.dingtalk.com/robot/send?access_token=dt-token"
        secret_env = "DT_SECRET"

        [[notify]]
        kind = "lark"
        url = "https://open.larksuite.com/open-apis/bot/v2/hook/x1"

        [[notify]]
        kind = "wecom"
        url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wk"

        [[notify]]
        kind = "slack"
        url = "https://hooks.slack.com/services/T0/B0/XXXX"

        [[notify]]
        kind = "discord"
        url = "https://discord.com/api/webhooks/1/abc"
        """

    @Test func everyKindIsRead() throws {
        let config = try load(Self.everyKind)
        #expect(config.alerts == AlertSettings(accountDownAfter: 5, liquidationWarn: Decimal(string: "0.03")!))
        #expect(
            config.notify.map(\.name) == [
                "webhook#1", "telegram#2", "feishu#3", "dingtalk#4", "lark#5", "wecom#6", "slack#7", "discord#8",
            ])
        let webhook = config.notify[0]
        #expect(webhook.events == [.maintenanceDue, .actionFailed])
        #expect(webhook.minInterval == .seconds(2))
        #expect(webhook.wants(.test) && !webhook.wants(.daemonStarted))
        let telegram = config.notify[1]
        #expect(telegram.botToken == "999:env-token-value")
        #expect(telegram.chatId == "-1001234")
        #expect(telegram.url == "https://api.telegram.org")
        #expect(telegram.events == Set(AlertKind.allCases))
        #expect(config.notify[2].secret == "feishu-inline-secret")
        #expect(config.notify[3].secret == "SECenv")
        #expect(config.notify[4].secret == nil)
        #expect(config.notify[7].url == "https://discord.com/api/webhooks/1/abc")
    }

    @Test func noNotifyTablesMeansNoChannelsAndTheDefaults() throws {
        let config = try ConfigLoader.parse(
            text: F.minimal, path: "t.toml", environment: F.minimalEnvironment, fileMode: nil)
        #expect(config.notify.isEmpty)
        #expect(config.alerts == AlertSettings(accountDownAfter: 3, liquidationWarn: Decimal(string: "0.02")!))
    }

    @Test func badTablesAreRefusedWithTheLineAndKey() {
        #expect(
            refusal("[[notify]]\nurl = \"https://x.example/h\"")?.hasPrefix("test.toml:8: notify[0].kind: required")
                == true)
        #expect(refusal("[[notify]]\nkind = \"pager\"")?.contains("notify[0].kind: expected \"webhook\" or") == true)
        #expect(
            refusal("[[notify]]\nkind = \"slack\"\nurl = \"https://x.example/h\"\nchat_id = 1")
                == "test.toml:11: notify[0].chat_id: unknown key")
        #expect(
            refusal("[[notify]]\nkind = \"telegram\"\nbot_token = \"12345:abc\"")
                == "test.toml:8: notify[0].chat_id: required key is missing (the chat's id, or \"@channelname\")")
        #expect(
            refusal("[[notify]]\nkind = \"telegram\"\nchat_id = 5")?.contains("notify[0].bot_token: required") == true)
        #expect(
            refusal("[[notify]]\nkind = \"slack\"\nurl = \"ftp://hooks.slack.com/services/T0/B0/XXXX\"")
                == "test.toml:10: notify[0].url: expected an http:// or https:// URL, found a string (not shown)")
        #expect(
            refusal("[[notify]]\nkind = \"slack\"\nurl = \"https://h.example/x\"\nevents = [\"coffee\"]")?
                .contains("notify[0].events[0]: expected one of maintenance_due") == true)
        #expect(
            refusal("[[notify]]\nkind = \"slack\"\nurl = \"https://h.example/x\"\nmin_interval = \"soon\"")?
                .contains("notify[0].min_interval: expected a duration") == true)
        #expect(refusal("[alerts]\naccount_down_after = 0")?.contains("alerts.account_down_after") == true)
        #expect(refusal("[alerts]\nliquidation_warn = 2")?.contains("alerts.liquidation_warn") == true)
        #expect(refusal("[alerts]\nliquidation_wrn = 0.1")?.contains("(did you mean liquidation_warn?)") == true)
    }

    /// A channel's token, secret or webhook URL written in the file needs mode 600, as API secrets do.
    @Test(arguments: [
        "[[notify]]\nkind = \"telegram\"\nbot_token = \"12345:inline-token\"\nchat_id = 1",
        "[[notify]]\nkind = \"dingtalk\"\nurl = \"https://o.example/r\"\nsecret = \"SECinline\"",
        "[[notify]]\nkind = \"slack\"\nurl = \"https://hooks.slack.com/services/T0/B0/XXXX\"",
    ])
    func inlineChannelSecretsNeedMode600(tail: String) throws {
        #expect(refusal(tail, mode: 0o100644)?.contains("is readable by others (mode 0644) and holds secrets") == true)
        #expect(refusal(tail, mode: 0o100600) == nil)
    }

    @Test func aTelegramChannelThroughTheEnvironmentNeedsNoMode600() {
        #expect(
            refusal("[[notify]]\nkind = \"telegram\"\nbot_token_env = \"TG_TOKEN\"\nchat_id = 1", mode: 0o100644) == nil
        )
    }

    /// No refusal quotes a channel's token, secret or URL, even when it sits where something else belongs.
    @Test func noRefusalQuotesAChannelSecret() {
        let texts = [
            "[[notify]]\nkind = \"slack\"\nurl = \"https://hooks.slack.com/services/T0/B0/SLACKSECRETXX\"\nevents = 3",
            "[[notify]]\nkind = \"telegram\"\nbot_token = 12345\nchat_id = 1",
            "[[notify]]\nkind = \"telegram\"\nbot_token = [\"TGSECRETTOKEN\"]\nchat_id = 1",
            "[[notify]]\nkind = \"dingtalk\"\nurl = \"https://o.example/r\"\nsecret = [\"DTSECRETVALUE\"]",
            "[[notify]]\nkind = \"dingtalk\"\nurl = \"https://o.example/r\"\nsecret = \"DTSECRETVALUE\"\nx = 1",
            "[[notify]]\nkind = \"dingtalk\"\nurl = \"https://o.example/r\"\nsecret = \"DTSECRETVALUE\n",
            "[[notify]]\nkind = \"slack\"\nurl = \"SLACKSECRETXX\"",
            "[[notify]]\nkind = \"slack\"\nurl = [\"https://hooks.slack.com/services/SLACKSECRETXX\"]",
        ]
        for text in texts {
            let message = refusal(text) ?? "loaded"
            #expect(message != "loaded")
            for secret in ["SLACKSECRETXX", "TGSECRETTOKEN", "DTSECRETVALUE", "12345"] {
                #expect(!message.contains(secret), "\(message)")
            }
        }
    }
}
