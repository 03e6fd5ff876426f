public import AnchorCore
import AnchorStore
public import Foundation

/// How a dashboard starts.
public struct DashboardOptions: Sendable {
    /// What stays fixed for the run.
    public var settings: DashboardSettings
    /// The language of every label.
    public var language: Language
    /// The theme asked for (`--theme`, config `theme`): a name or a path.
    public var themeName: String
    /// Where themes are found by name.
    public var themeLoader: ThemeLoader
    /// Tick once a second for the clock (tests turn it off so frames stay put).
    public var ticks: Bool
    /// The time the screen shows and its frames wait on: the system's clock, or a test's.
    public var clock: any WallClock
    /// How long a background change (a snapshot that was followed by a read of the log or the journal, a log page,
    /// the journal) waits for the ones that usually come with it before its frame is rendered: one frame instead of
    /// three. A snapshot that needs no read, keys, resizes, the clock and action progress draw at once.
    public var frameCoalescing: Duration

    /// Options; the defaults suit the real terminal.
    public init(
        settings: DashboardSettings, language: Language, themeName: String, themeLoader: ThemeLoader = .standard(),
        ticks: Bool = true, clock: any WallClock = SystemClock(), frameCoalescing: Duration = .milliseconds(40)
    ) {
        self.settings = settings
        self.language = language
        self.themeName = themeName
        self.themeLoader = themeLoader
        self.ticks = ticks
        self.clock = clock
        self.frameCoalescing = frameCoalescing
    }
}

/// The live dashboard: merges the terminal, the poller, the runner, the autopilot, the store and the clock into one
/// stream of ``AppEvent``s, applies ``Dashboard/update(_:_:)``, runs the effects, and draws only changed frames.
@MainActor
public final class DashboardApp {
    let backend: any DashboardBackend
    let options: DashboardOptions
    private(set) var state: AppState
    private let events: AsyncStream<AppEvent>
    private let sink: AsyncStream<AppEvent>.Continuation
    private var background: [Task<Void, Never>] = []
    private var actions: [PositionKey: Task<Void, Never>] = [:]
    private var lastCanvas: Canvas?
    /// Frames actually sent to the screen (tests show unchanged frames are skipped).
    package private(set) var framesDrawn = 0
    /// Frames rendered, drawn or not (the benchmark and tests count the work saved by coalescing).
    package private(set) var framesRendered = 0
    /// Bumped by every event; a frame is rendered only for a version not rendered yet.
    private var stateVersion = 0
    private var renderedVersion = -1
    /// A frame is waiting to be rendered (tests wait for it to be drawn).
    package private(set) var frameScheduled = false
    private var stopped = false

    /// An app over `backend`; nothing starts before ``run()``.
    public init(backend: any DashboardBackend, options: DashboardOptions) {
        self.backend = backend
        self.options = options
        state = AppState(
            settings: options.settings, language: options.language, themeName: options.themeName,
            size: TerminalSize(rows: 24, cols: 80), now: options.clock.now())
        (events, sink) = AsyncStream<AppEvent>.makeStream(bufferingPolicy: .unbounded)
    }

    /// Takes over the terminal and runs until the trader quits; the terminal is given back however it ends.
    ///
    /// - Throws: ``TerminalRefusal`` (no usable terminal) or ``TerminalError`` before anything was drawn.
    public func run() async throws {
        let choice = options.themeLoader.load(options.themeName)
        try await NcursesScreen.run(theme: choice.theme) { screen in
            let monochrome = { (theme: Theme) in screen.palette.capability == .mono || theme.name == "mono" }
            state.themeName = choice.theme.name
            state.monochrome = monochrome(choice.theme)
            if let warning = choice.warning {
                sink.yield(.themeFailed(warning))
            }
            await run(on: screen, terminal: screen.events()) { theme in
                screen.setTheme(theme)
                return monochrome(theme)
            }
        }
    }

    /// The loop on any screen. Returns when the trader quits (or the terminal goes away).
    ///
    /// - Parameter applyTheme: shows a theme; returns whether it shows no colour.
    package func run(
        on screen: any Screen, terminal: AsyncStream<TerminalEvent>,
        applyTheme: @escaping @MainActor (Theme) -> Bool = { $0.name == "mono" }
    ) async {
        state.size = screen.size
        let sink = self.sink
        let backend = self.backend
        background.append(
            Task {
                for await event in terminal {
                    switch event {
                    case .key(let key): sink.yield(.key(key))
                    case .resize(let rows, let cols): sink.yield(.resize(TerminalSize(rows: rows, cols: cols)))
                    case .quit(let reason): sink.yield(.quitRequested(reason))
                    }
                }
            })
        let readOnly = options.settings.readOnly
        background.append(
            Task {
                var armed = await backend.startAutopilot(
                    onProgress: { sink.yield(.actionProgress($0)) }, onResult: { sink.yield(.actionFinished($0)) })
                if readOnly && armed {
                    // Read-only means nothing changes, whatever the config's [autopilot] enabled says.
                    await backend.stopAutopilot()
                    armed = false
                }
                sink.yield(.autopilotChanged(armed))
                for await snapshot in await backend.snapshots() {
                    sink.yield(.snapshot(snapshot))
                    // A disarmed autopilot starts nothing: asking it anyway cost two hops between threads every
                    // second. Armed as the app last heard (a snapshot within a second of arming may be skipped,
                    // and the next one is considered).
                    if !readOnly && (armed || self.state.autopilotArmed) {
                        armed = false
                        await backend.considerForAutopilot(snapshot)
                    }
                }
            })
        background.append(Task { await backend.runPolling() })
        if options.ticks {
            let clock = options.clock
            background.append(
                Task {
                    while !Task.isCancelled {
                        let now = clock.now()
                        let next = now.addingTimeInterval(Double(Self.untilClockTick(now)) / 1000)
                        do { try await clock.sleep(until: next) } catch { break }
                        sink.yield(.tick(clock.now()))
                    }
                })
        }
        perform(.loadNewerLog(afterId: nil), screen: screen, applyTheme: applyTheme)
        perform(.loadJournal, screen: screen, applyTheme: applyTheme)
        redraw(screen)

        for await event in events {
            if case .snapshot = event, options.ticks {
                // The snapshot's frame shows the clock as of now: polls start on whole seconds, so this frame is
                // usually the new second's, and the tick half a second later finds nothing to draw.
                _ = Dashboard.update(&state, .tick(options.clock.now()))
            }
            // A log page with nothing new (the read after a snapshot often comes back after its frame) and a tick
            // that changes nothing the clock shows are not changes: counted as such they drew the same frame again.
            let (effects, changed) = Dashboard.apply(&state, event)
            if !changed { continue }
            stateVersion += 1
            var quitting = false
            for effect in effects where perform(effect, screen: screen, applyTheme: applyTheme) {
                quitting = true
            }
            if quitting { break }
            if case .actionFinished(let result) = event {
                actions[result.key] = nil
            }
            // What the trader did draws at once; what the background brings waits a frame for the reads it asked for
            // (a snapshot that asks for none draws at once).
            let drawsNow = Self.drawsAtOnce(event) || (event.isSnapshot && !effects.contains(where: \.isRead))
            if drawsNow {
                redraw(screen)
            } else {
                scheduleFrame(screen)
            }
        }
        stopped = true
        await shutDown()
    }

    /// What the trader did or is waiting on shows at once, and so does the clock (a tick that changes nothing the
    /// clock shows is not rendered at all, see ``Dashboard/apply(_:_:)``); what the background brings may wait a
    /// frame for what follows it. A snapshot waits only when a read follows it (see the loop).
    static func drawsAtOnce(_ event: AppEvent) -> Bool {
        switch event {
        case .snapshot, .journal, .logEvents: false
        default: true
        }
    }

    /// Milliseconds from `now` to the next clock tick: half past each second. A poll's snapshot, which starts on the
    /// whole second, has usually come and drawn the new second by then (see the snapshot branch of the loop); the
    /// tick draws it only when no snapshot did, so a stalled poll shows the clock at most half a second late.
    static func untilClockTick(_ now: Date) -> Int {
        let time = now.timeIntervalSince1970
        var wait = time.rounded(.down) + 0.5 - time
        if wait < 0.05 { wait += 1 }
        return Int((wait * 1000).rounded())
    }

    /// Renders the current state after ``DashboardOptions/frameCoalescing``, unless a frame was rendered for it
    /// meanwhile.
    private func scheduleFrame(_ screen: any Screen) {
        guard !frameScheduled else { return }
        frameScheduled = true
        let delay = options.frameCoalescing
        let clock = options.clock
        Task { @MainActor [weak self] in
            try? await clock.sleep(for: delay)
            guard let self else { return }
            self.frameScheduled = false
            if !self.stopped { self.redraw(screen) }
        }
    }

    /// Draws the frame for the current state unless it is the frame already shown.
    private func redraw(_ screen: any Screen) {
        guard renderedVersion != stateVersion else { return }
        renderedVersion = stateVersion
        framesRendered += 1
        let canvas = Dashboard.render(state, glyphs: screen.glyphs)
        guard canvas != lastCanvas else { return }
        screen.draw(canvas)
        lastCanvas = canvas
        framesDrawn += 1
    }

    /// Runs one effect; true for `.quit`.
    @discardableResult
    private func perform(_ effect: Effect, screen: any Screen, applyTheme: @MainActor (Theme) -> Bool) -> Bool {
        let sink = self.sink
        let backend = self.backend
        switch effect {
        case .makePlan(let kind, let key, let requestId):
            Task {
                do {
                    sink.yield(.planReady(requestId: requestId, try await backend.plan(kind, for: key)))
                } catch {
                    sink.yield(.planFailed(requestId: requestId, "\(error)"))
                }
            }
        case .runPlan(let plan):
            actions[plan.key] = Task {
                let result = await backend.run(plan) { sink.yield(.actionProgress($0)) }
                sink.yield(.actionFinished(result))
            }
        case .resume(let actionId, let key):
            actions[key] = Task {
                let result = await backend.resume(actionId: actionId) { sink.yield(.actionProgress($0)) }
                sink.yield(.actionFinished(result))
            }
        case .abandon(let actionId, _):
            Task { sink.yield(.actionFinished(await backend.abandon(actionId: actionId))) }
        case .pollNow:
            Task { await backend.pollNow() }
        case .refreshAccount(let account):
            Task { await backend.refresh(account: account) }
        case .toggleAutopilot:
            Task { sink.yield(.autopilotChanged(await backend.toggleAutopilot())) }
        case .loadOlderLog(let beforeId):
            Task {
                do {
                    let page = try await backend.events(limit: LogWindow.pageSize, beforeId: beforeId)
                    sink.yield(.logEvents(page, .older(hasOlder: page.count == LogWindow.pageSize)))
                } catch {
                    sink.yield(.problem("\(error)"))
                }
            }
        case .loadNewerLog(let afterId):
            Task {
                do {
                    if let afterId {
                        sink.yield(.logEvents(try await backend.events(afterId: afterId), .newer))
                    } else {
                        let page = try await backend.events(limit: LogWindow.pageSize, beforeId: nil)
                        sink.yield(.logEvents(page, .latest(hasOlder: page.count == LogWindow.pageSize)))
                    }
                } catch {
                    sink.yield(.logReadFailed("\(error)"))
                }
            }
        case .ringBell:
            screen.bell()
        case .setTheme(let name):
            let choice = options.themeLoader.load(name)
            let monochrome = applyTheme(choice.theme)
            // Colours are not in the canvas: the next frame must be drawn even if its cells are the same.
            lastCanvas = nil
            stateVersion += 1
            sink.yield(.themeLoaded(name: choice.theme.name, monochrome: monochrome))
            if let warning = choice.warning { sink.yield(.themeFailed(warning)) }
        case .checkAccount(let name):
            Task {
                if let check = await backend.checkAccount(named: name) {
                    sink.yield(.accountChecked(check))
                } else {
                    sink.yield(.problem("no account named \(name)"))
                }
            }
        case .loadJournal:
            Task {
                do {
                    sink.yield(.journal(try await backend.unfinishedActions()))
                } catch {
                    sink.yield(.journalReadFailed("\(error)"))
                }
            }
        case .repaint:
            screen.invalidate()
            lastCanvas = nil
            stateVersion += 1
        case .quit:
            return true
        }
        return false
    }

    /// Waits until every task has ended or the time is up, whichever comes first.
    private static func wait(for tasks: [Task<Void, Never>], atMost limit: Duration) async {
        final class Once {
            var done = false
        }
        let once = Once()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finish = { @MainActor in
                if !once.done {
                    once.done = true
                    continuation.resume()
                }
            }
            Task { @MainActor in
                for task in tasks { await task.value }
                finish()
            }
            Task { @MainActor in
                try? await Task.sleep(for: limit)
                finish()
            }
        }
    }

    /// Stops the background work. Actions still running are cancelled: the runner then writes them to the journal
    /// as interrupted, so they can be resumed later; a few seconds are allowed for that write.
    private func shutDown() async {
        await backend.stopAutopilot()
        for task in background { task.cancel() }
        background.removeAll()
        let running = Array(actions.values)
        actions.removeAll()
        for task in running { task.cancel() }
        if !running.isEmpty {
            await Self.wait(for: running, atMost: .seconds(5))
        }
        sink.finish()
    }
}
