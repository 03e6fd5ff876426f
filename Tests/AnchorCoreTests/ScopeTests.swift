import AnchorCore
import AnchorStore
import Foundation
import OKX
import TestSupport
import Testing

/// The one scope rule: money-moving code acts only on isolated USDT-margined linear swaps of managed accounts.
@Suite struct ScopeTests {
    let cro = Build.isolated(
        Build.cro, contracts: 108, avgPx: dec("0.0926"), markPx: dec("0.0926"), lever: 10, margin: 20)

    @Test func anIsolatedUSDTSwapOfAManagedAccountIsManaged() {
        #expect(PositionScope.of(cro, instrument: Build.cro, accountManaged: true) == .managed)
    }

    @Test func theSamePositionOnAnAccountNotManagedIsWatched() {
        #expect(PositionScope.of(cro, instrument: Build.cro, accountManaged: false) == .watched(.accountNotManaged))
    }

    @Test func crossIsWatchedWhateverTheAccount() {
        let cross = Build.isolated(
            Build.btc, contracts: 1, avgPx: 60000, markPx: 60000, lever: 10, margin: 0, mgnMode: "cross")
        #expect(PositionScope.of(cross, instrument: Build.btc, accountManaged: true) == .watched(.cross))
        #expect(PositionScope.of(cross, instrument: Build.btc, accountManaged: false) == .watched(.cross))
        #expect(cross.margin == nil, "OKX sends margin \"\" for a cross position")
    }

    @Test func aCoinMarginedSwapIsWatchedInItsCoin() {
        let inverse = Build.position(
            instId: "BTC-USD-SWAP", pos: 1, avgPx: 92300, markPx: dec("92376.7"), lever: 3,
            margin: dec("0.0003611412062116"), upl: dec("0.000000899562244"), ccy: "BTC")
        #expect(
            PositionScope.of(inverse, instrument: Build.btcInverse, accountManaged: true)
                == .watched(.coinMargined("BTC")))
        // Without the instrument, the position's own currency says the same.
        #expect(PositionScope.of(inverse, instrument: nil, accountManaged: true) == .watched(.coinMargined("BTC")))
    }

    @Test func aUSDCSwapIsWatched() {
        let usdc = Build.isolated(
            Build.btcUSDC, contracts: 10, avgPx: 60000, markPx: 60000, lever: 10, margin: 6)
        #expect(usdc.ccy == "USDC")
        #expect(
            PositionScope.of(usdc, instrument: Build.btcUSDC, accountManaged: true) == .watched(.settleCurrency("USDC"))
        )
    }

    @Test func anUnknownOrMissingMarginModeIsWatchedNeverTakenForIsolated() throws {
        let missing = try Position(
            fields: OKXFields(
                .object(["instId": .string("CRO-USDT-SWAP"), "pos": .string("5"), "posSide": .string("long")])))
        #expect(missing.mgnMode == "")
        #expect(PositionScope.of(missing, instrument: Build.cro, accountManaged: true) == .watched(.marginMode("")))
    }

    @Test func aSuspendedInstrumentIsWatched() {
        var suspended = Build.cro
        suspended.state = "suspend"
        #expect(
            PositionScope.of(cro, instrument: suspended, accountManaged: true) == .watched(.instrumentState("suspend")))
        #expect(WatchReason.instrumentState("suspend").text == "suspended")
    }

    @Test func theReasonsReadAsTheScreenShowsThem() {
        #expect(WatchReason.cross.text == "cross")
        #expect(WatchReason.coinMargined("BTC").text == "coin-margined (BTC)")
        #expect(WatchReason.settleCurrency("USDC").text == "USDC")
        #expect(WatchReason.accountNotManaged.text == "account not managed")
    }

    @Test func theMainAccountIsWatchedByDefaultAndSubAccountsManaged() {
        #expect(AccountConfig.managedByDefault(.main) == false)
        #expect(AccountConfig.managedByDefault(.sub) == true)
        let credentials = Credentials(apiKey: "k", secretKey: "s", passphrase: "p")
        #expect(AccountConfig(name: "m", role: .main, credentials: credentials).manage == false)
        #expect(AccountConfig(name: "m", role: .main, credentials: credentials, manage: true).manage == true)
        #expect(AccountConfig(name: "s", role: .sub, credentials: credentials, manage: false).manage == false)
    }
}
