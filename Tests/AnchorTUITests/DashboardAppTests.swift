import Foundation
import TestSupport
import Testing

@testable import AnchorCore
@testable import AnchorStore
@testable import AnchorTUI

/// The app loop on a recording screen with a fake backend: keys in, effects run, frames out.
@MainActor
@Suite struct DashboardAppTests {
    /// A running app and the handles a test drives it with.
    @MainActor final class Harness {
        let screen = RecordingScreen(size: TerminalSize(rows: 24, cols: 80))
        let backend: FakeBackend
        let app: DashboardApp
        let keys: AsyncStream<TerminalEvent>.Continuation
        let ended = Flag()
        /// The app's clock: it moves only when a test advances it, so frames that wait (coalescing) wait for that.
        let clock = TestClock(start: DemoFixture.start.addingTimeInterval(10))

        /// With `frameCoalescing` zero, a frame that waits is drawn as soon as its task runs, as if the clock
        /// moved: tests that are not about timing need not move it.
        init(
            mode: FakeBackend.RunMode = .complete, snapshot: Snapshot = DemoFixture.snapshot(step: 4),
            bell: Bool = true,
            readOnly: Bool = false, armed: Bool = false, frameCoalescing: Duration = .zero
        ) {
            backend = FakeBackend(snapshot: snapshot, mode: mode, armedAtStart: armed, clock: clock)
            let settings = DashboardSettings(
                readOnly: readOnly, environment: .demo, bell: bell, timeZone: DemoFixture.utc)
            let options = DashboardOptions(
                settings: settings, language: .en,
                themeName: "default", themeLoader: ThemeLoader(directories: []), ticks: false,
                clock: clock, frameCoalescing: frameCoalescing)
            let app = DashboardApp(backend: backend, options: options)
            self.app = app
            let (stream, keys) = AsyncStream<TerminalEvent>.makeStream()
            self.keys = keys
            let screen = self.screen
            let ended = self.ended
            Task { @MainActor in
                await app.run(on: screen, terminal: stream)
                ended.value = true
            }
        }

        func press(_ keys: Key...) {
            for key in keys { self.keys.yield(.key(key)) }
        }

        /// Waits until the last frame shows `text`; the deadline only guards against a hang.
        func waitFor(_ text: String) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                if screen.lastFrame?.textDump().contains(text) == true { return true }
                try? await Task.sleep(for: .milliseconds(5))
            }
            return false
        }

        /// Waits until `condition` holds; the deadline only guards against a hang.
        func waitUntil(_ condition: () async -> Bool) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                if await condition() { return true }
                try? await Task.sleep(for: .milliseconds(2))
            }
            return false
        }

        /// Waits until the start's reads (the newest page of the log, the journal at start and after the first
        /// snapshot) are in and drawn, moving the clock on by `window` as often as a frame waits for it: the state
        /// a timing test starts from.
        func settle(window: Duration) async -> Bool {
            let backend = self.backend
            guard
                await waitUntil({
                    let pages = await backend.pageReads
                    let journal = await backend.journalReads
                    return pages >= 1 && journal >= 2
                })
            else { return false }
            let shown = await waitUntil {
                if clock.sleeping > 0 { clock.advance(by: window) }
                let text = screen.lastFrame?.textDump() ?? ""
                return text.contains("Positions") && text.contains("correction: could not reach")
            }
            guard shown else { return false }
            return await waitUntil { clock.sleeping == 0 && !app.frameScheduled }
        }

        /// Waits for the loop to end; false if it did not.
        func waitForEnd() async -> Bool {
            let deadline = ContinuousClock.now + .seconds(20)
            while !ended.value && ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(5))
            }
            return ended.value
        }
    }

    /// Set once the app's loop has returned.
    @MainActor final class Flag {
        var value = false
    }

    @Test func keysPlanConfirmRunAndTheResultShowsWhileUnchangedFramesAreNotDrawnAgain() async {
        let harness = Harness()
        #expect(await harness.waitFor("Positions 32"))
        #expect(await harness.waitFor("correction: could not reach"))
        harness.press(.character("/"), .character("c"), .character("r"), .character("o"), .enter)
        #expect(await harness.waitFor("filter: cro"))
        harness.press(.character("c"))
        #expect(await harness.waitFor("Confirm (y)"))
        #expect(await harness.backend.planned == [DemoFixture.cro])
        #expect(await harness.backend.ran.isEmpty)
        harness.press(.character("y"))
        #expect(await harness.waitFor("completed: margin 10.10 USDT"))
        #expect(await harness.backend.ran.map(\.key) == [DemoFixture.cro])
        #expect(await harness.backend.refreshed == ["Wu666666"])

        let frames = harness.screen.frames.count
        harness.press(.character("x"), .character("z"))
        harness.press(.enter)
        #expect(await harness.waitFor("? help"))
        #expect(harness.screen.frames.count == frames + 1)

        harness.press(.character("q"))
        #expect(await harness.waitForEnd())
        #expect(await harness.backend.autopilotStopped)
    }

    @Test func quittingWhileAnActionRunsAsksFirstThenCancelsTheAction() async {
        let harness = Harness(mode: .waitForCancel)
        #expect(await harness.waitFor("Positions 32"))
        harness.press(.character("/"), .character("c"), .character("r"), .character("o"), .enter, .character("c"))
        #expect(await harness.waitFor("Confirm (y)"))
        harness.press(.character("y"))
        #expect(await harness.waitFor("step 1 of 3"))
        harness.press(.escape, .character("q"))
        #expect(await harness.waitFor("Quit while an action runs?"))
        #expect(await !harness.backend.cancelled)
        harness.press(.character("y"))
        #expect(await harness.waitForEnd())
        #expect(await harness.backend.cancelled)
    }

    /// A poll brings a snapshot and then a log page: inside the coalescing window they make one frame, and the
    /// journal is not read again while the same actions (none here) hold positions. On the test clock: the frame
    /// waits until the window's time has passed on it, and not a moment before.
    @Test func aPollIsOneFrameAndTheJournalIsReadOnlyWhenItsHoldsChange() async throws {
        let harness = Harness(snapshot: DemoFixture.single(generation: 1, rate: "-0.05"), frameCoalescing: .seconds(1))
        // The journal is read at the start and after the first snapshot; the same holds (none) after, so never again.
        #expect(await harness.settle(window: .seconds(1)))
        #expect(await harness.backend.journalReads == 2)
        let rendered = harness.app.framesRendered
        let reads = await harness.backend.journalReads
        await harness.backend.publish(DemoFixture.single(generation: 2, rate: "-0.06"))
        // Not drawn at once: the frame waits for the log page that follows the snapshot, on the clock.
        #expect(await harness.waitUntil { harness.clock.sleeping == 1 })
        #expect(await harness.waitUntil { await harness.backend.newerReads >= 1 })
        #expect(harness.app.framesRendered == rendered)
        harness.clock.advance(by: .milliseconds(999))
        #expect(harness.clock.sleeping == 1, "the window is a whole second")
        #expect(harness.app.framesRendered == rendered)
        harness.clock.advance(by: .milliseconds(1))
        #expect(await harness.waitFor("-6.0%"))
        #expect(harness.app.framesRendered == rendered + 1, "the snapshot and its log page made one frame")
        #expect(await harness.backend.journalReads == reads)
        // A key draws at once, with the clock standing still.
        harness.press(.character("?"))
        #expect(await harness.waitUntil { harness.app.framesRendered == rendered + 2 })
        harness.keys.yield(.quit(.hangup))
        #expect(await harness.waitForEnd())
    }

    /// The log read after a snapshot finds nothing new most seconds; coming back after the snapshot's frame, it
    /// must not draw that frame again.
    @Test func aLogReadThatFindsNothingNewDrawsNoFrame() async throws {
        let harness = Harness(
            snapshot: DemoFixture.single(generation: 1, rate: "-0.05"), frameCoalescing: .milliseconds(20))
        #expect(await harness.settle(window: .milliseconds(20)))
        // The next read of newer events takes 250 ms of the clock: longer than the 20 ms window.
        await harness.backend.delayNewerEvents(by: .milliseconds(250))
        let rendered = harness.app.framesRendered
        await harness.backend.publish(DemoFixture.single(generation: 2, rate: "-0.06"))
        // Both asleep: the frame (20 ms) and the read (250 ms).
        #expect(await harness.waitUntil { harness.clock.sleeping == 2 })
        harness.clock.advance(by: .milliseconds(20))
        #expect(await harness.waitFor("-6.0%"))
        #expect(harness.app.framesRendered == rendered + 1)
        // The read comes back with nothing new: no frame for it.
        let newer = await harness.backend.newerReads
        harness.clock.advance(by: .milliseconds(230))
        #expect(await harness.waitUntil { harness.clock.sleeping == 0 })
        #expect(await harness.backend.newerReads == newer)
        // The read's (empty) page has been handled once a later key's frame is drawn: still one frame for the poll.
        harness.press(.character("?"))
        #expect(await harness.waitUntil { harness.app.framesRendered == rendered + 2 })
        harness.keys.yield(.quit(.hangup))
        #expect(await harness.waitForEnd())
    }

    /// A snapshot after which nothing is read (the store unchanged, the same actions holding positions) is drawn at
    /// once: there is nothing to wait for, and waiting would cost a timer every second.
    @Test func aSnapshotThatNeedsNoReadIsDrawnAtOnce() async throws {
        let version = StoreVersion(local: 3, shared: 1)
        let harness = Harness(snapshot: Self.snapshot(1, version), frameCoalescing: .seconds(5))
        // The first snapshot reads the journal (and the log, if its first page was in by then): its frame waits
        // out the window. A second snapshot of the same version makes sure the log has been read at it.
        #expect(await harness.settle(window: .seconds(5)))
        await harness.backend.publish(Self.snapshot(2, version))
        #expect(await harness.waitFor("-2.0%") || harness.clock.sleeping == 1)
        harness.clock.advance(by: 5)
        #expect(await harness.waitFor("-2.0%"))
        #expect(await harness.waitUntil { harness.clock.sleeping == 0 && !harness.app.frameScheduled })
        // The same store version: drawn with the clock standing still.
        await harness.backend.publish(Self.snapshot(3, version))
        #expect(await harness.waitFor("-3.0%"))
        // A snapshot that can say nothing of the store is followed by a log read, and its frame waits for the window.
        let newer = await harness.backend.newerReads
        await harness.backend.publish(Self.snapshot(4, nil))
        #expect(await harness.waitUntil { await harness.backend.newerReads == newer + 1 })
        #expect(await harness.waitUntil { harness.clock.sleeping == 1 })
        #expect(harness.screen.lastFrame?.textDump().contains("-4.0%") == false)
        harness.clock.advance(by: 5)
        #expect(await harness.waitFor("-4.0%"))
        harness.keys.yield(.quit(.hangup))
        #expect(await harness.waitForEnd())
    }

    /// The one-position snapshot of `generation` (its profit rate −generation %), carrying the store version given.
    static func snapshot(_ generation: Int, _ version: StoreVersion?) -> Snapshot {
        var snapshot = DemoFixture.single(generation: generation, rate: "-0.0\(generation)")
        snapshot.storeVersion = version
        return snapshot
    }

    @Test func theClockTicksAtHalfPastEachSecond() {
        func wait(_ time: TimeInterval) -> Int { DashboardApp.untilClockTick(Date(timeIntervalSince1970: time)) }
        #expect(wait(100.0) == 500)
        #expect(wait(100.25) == 250)
        #expect(wait(100.5) == 1000, "a tick that wakes on time waits a whole second for the next")
        #expect(wait(100.497) == 1003, "and so does one that wakes a hair early")
        #expect(wait(100.9) == 600)
    }

    @Test func aNewlyDuePositionRingsTheBellOnceAndResizeRedrawsAtOnce() async {
        let harness = Harness(snapshot: DemoFixture.single(generation: 1, rate: "-0.05"))
        #expect(await harness.waitFor("Positions 1"))
        #expect(harness.screen.bells == 0)
        await harness.backend.publish(DemoFixture.single(generation: 2, rate: "-0.12"))
        #expect(await harness.waitFor("MAINT. DUE"))
        await harness.backend.publish(DemoFixture.single(generation: 3, rate: "-0.13"))
        #expect(await harness.waitFor("-13.0%"))
        #expect(harness.screen.bells == 1)
        harness.screen.size = TerminalSize(rows: 30, cols: 100)
        harness.keys.yield(.resize(rows: 30, cols: 100))
        let deadline = ContinuousClock.now + .seconds(20)
        while harness.screen.lastFrame?.cols != 100 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        #expect(harness.screen.lastFrame?.rows == 30)
        harness.keys.yield(.quit(.hangup))
        #expect(await harness.waitForEnd())
    }

    @Test func readOnlyDisarmsAnAutopilotTheConfigArmedAndNeverFeedsIt() async {
        let harness = Harness(readOnly: true, armed: true)
        #expect(await harness.waitFor("READ-ONLY"))
        let deadline = ContinuousClock.now + .seconds(20)
        while await !harness.backend.autopilotStopped && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        #expect(await harness.backend.autopilotStopped)
        #expect(await harness.waitFor("autopilot off"))
        #expect(!harness.app.state.autopilotArmed)
        #expect(await harness.backend.considered == 0)
        harness.press(.character("a"))
        #expect(await harness.waitFor("the autopilot cannot be armed"))
        harness.press(.character("q"))
        #expect(await harness.waitForEnd())
    }

    /// A disarmed autopilot is not handed snapshots (it would start nothing); armed by the config or by `a`, it
    /// is handed every snapshot after.
    @Test func theAutopilotIsHandedSnapshotsOnlyWhileArmed() async {
        let harness = Harness(armed: false)
        #expect(await harness.waitFor("autopilot off"))
        for generation in 2...4 {
            await harness.backend.publish(DemoFixture.snapshot(step: generation))
        }
        #expect(await harness.waitFor("Positions 32"))
        // A last snapshot as a barrier: once it shows, the ones before it have been handed on, or not.
        await harness.backend.publish(DemoFixture.single(generation: 9, rate: "-0.05"))
        #expect(await harness.waitFor("Positions 1"))
        #expect(await harness.backend.considered == 0)
        harness.press(.character("a"))
        let deadline = ContinuousClock.now + .seconds(20)
        while !harness.app.state.autopilotArmed && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        await harness.backend.publish(DemoFixture.snapshot(step: 5))
        while await harness.backend.considered == 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        #expect(await harness.backend.considered == 1)
        harness.press(.character("q"))
        #expect(await harness.waitForEnd())

        let armed = Harness(armed: true)
        while await armed.backend.considered == 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        #expect(await armed.backend.considered >= 1)
        armed.press(.character("q"))
        #expect(await armed.waitForEnd())
    }

    @Test func controlLRepaintsTheWholeScreenEvenThoughNothingChanged() async {
        let harness = Harness()
        #expect(await harness.waitFor("Positions 32"))
        harness.press(.character("t"))
        #expect(await harness.waitFor("theme: light"))
        let frames = harness.screen.frames.count
        harness.press(.control("l"))
        let deadline = ContinuousClock.now + .seconds(20)
        while harness.screen.frames.count == frames && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        #expect(harness.screen.frames.count == frames + 1)
        #expect(harness.screen.frames.last == harness.screen.frames.dropLast().last)
        #expect(harness.screen.invalidations == 1)
        harness.press(.character("q"))
        #expect(await harness.waitForEnd())
    }
}
