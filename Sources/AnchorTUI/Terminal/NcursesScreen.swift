import CNcurses
import Dispatch
import Foundation

/// The real terminal, through ncursesw.
///
/// curses is one global state, so there is one live screen at a time and all of it runs on the main actor. Drawing
/// writes a whole ``Canvas`` into `stdscr` and lets curses send only the difference (`werase` → cells →
/// `wnoutrefresh` → one `doupdate`), which keeps it light over SSH. ``close()`` gives the terminal back with `endwin`
/// exactly once, and a crash guard restores it if the process dies first.
@MainActor
public final class NcursesScreen: Screen {
    /// How to take over the terminal.
    public struct Options: Sendable {
        /// nil: decide from `NO_COLOR`, `COLORTERM` and the terminal description.
        public var capability: ColorCapability?
        /// Report the mouse wheel and clicks. Terminals then leave text selection to Shift-drag.
        public var mouse: Bool
        /// How long a lone ESC waits to see whether it starts a key sequence; curses' default is a full second.
        public var escapeDelayMilliseconds: Int

        /// Options; the defaults suit the dashboard.
        public init(capability: ColorCapability? = nil, mouse: Bool = true, escapeDelayMilliseconds: Int = 25) {
            self.capability = capability
            self.mouse = mouse
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
        }
    }

    /// The terminal's size now; follows SIGWINCH.
    public internal(set) var size: TerminalSize
    /// `.unicode` when `LC_CTYPE` could be made UTF-8, else `.ascii`.
    public let glyphs: GlyphSet
    /// The theme as this terminal shows it.
    public private(set) var palette: TerminalPalette

    let window: UnsafeMutablePointer<WINDOW>
    let inputFD: Int32
    let outputFD: Int32
    let outputFile: UnsafeMutablePointer<FILE>
    private let inputFile: UnsafeMutablePointer<FILE>
    private let screenHandle: OpaquePointer
    private let ownsFiles: Bool
    private let guarded: Bool
    let listensToSignals: Bool
    let mouse: Bool
    /// Whether `use_default_colors` worked, so −1 may be used as a colour.
    var defaultColors = false
    /// Colour pair numbers by (foreground, background), allocated when first used.
    var pairs: [Int64: Int32] = [:]
    /// curses attributes and pair by role and cell attributes.
    var styleCache: [StyleCacheKey: (attributes: attr_t, pair: Int32)] = [:]
    /// The canvas curses holds now and the screen size it was drawn at; nil after anything that makes curses' copy
    /// unknown (start, a theme, a repaint), so the next draw writes every row.
    var drawnCanvas: Canvas?
    var drawnSize: TerminalSize?
    private(set) var closed = false
    /// How many times `endwin` ran (tests prove it is once).
    package private(set) var endwinCalls = 0
    /// What `isendwin` said right after `endwin`.
    package private(set) var restoredByEndwin = false

    var eventContinuation: AsyncStream<TerminalEvent>.Continuation?
    var readSource: (any DispatchSourceRead)?
    var quitRequested = false
    /// Quit signals received so far (SIGINT, SIGTERM, SIGHUP, SIGQUIT).
    var quitSignals = 0
    var reportedSize: TerminalSize

    private static var isLive = false

    /// Takes over the process's terminal (standard input and output).
    ///
    /// - Throws: ``TerminalRefusal`` when `TERM` is unset or `dumb` or either side is not a terminal, so the caller can
    ///   print it and exit; ``TerminalError`` when curses cannot start.
    /// - Parameter environment: nil for the process's own.
    public static func start(
        theme: Theme, options: Options = Options(), environment: [String: String]? = nil
    ) throws -> NcursesScreen {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let refusal = TerminalRefusal.check(
            environment: environment, inputIsTerminal: isatty(0) == 1, outputIsTerminal: isatty(1) == 1)
        {
            throw refusal
        }
        return try NcursesScreen(
            input: anchor_stdin(), output: anchor_stdout(), ownsFiles: false, terminalType: nil, fixedSize: nil,
            theme: theme, options: options, environment: environment, guarded: true, listensToSignals: true)
    }

    /// Runs `body` with the terminal taken over and gives it back however `body` ends: by returning, by throwing,
    /// or after a quit event it acted on.
    public static func run<T: Sendable>(
        theme: Theme, options: Options = Options(),
        environment: [String: String]? = nil,
        _ body: @MainActor (NcursesScreen) async throws -> T
    ) async throws -> T {
        let screen = try start(theme: theme, options: options, environment: environment)
        defer { screen.close() }
        return try await body(screen)
    }

    /// - Parameters:
    ///   - terminalType: nil for `$TERM`.
    ///   - fixedSize: a size to force with `resizeterm` (for output that is not a terminal).
    init(
        input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>, ownsFiles: Bool, terminalType: String?,
        fixedSize: TerminalSize?, theme: Theme, options: Options, environment: [String: String], guarded: Bool,
        listensToSignals: Bool
    ) throws(TerminalError) {
        guard !Self.isLive else {
            if ownsFiles {
                fclose(input)
                fclose(output)
            }
            throw TerminalError("another curses screen is still open; close it first")
        }
        let utf8 = UTF8Locale.ensure()
        let inputFD = fileno(input)
        let outputFD = fileno(output)
        if guarded {
            TerminalGuard.arm(inputFD: inputFD, outputFD: outputFD)
        }
        let handle: OpaquePointer? =
            if let terminalType {
                terminalType.withCString { newterm($0, output, input) }
            } else {
                newterm(nil, output, input)
            }
        guard let handle, let window = anchor_stdscr() else {
            if guarded {
                TerminalGuard.disarm()
            }
            if ownsFiles {
                fclose(input)
                fclose(output)
            }
            let name = terminalType ?? environment["TERM"] ?? "(unset)"
            throw TerminalError("curses cannot drive a terminal of type \"\(name)\" (no terminfo entry for it?)")
        }
        Self.isLive = true
        self.screenHandle = handle
        self.window = window
        self.inputFile = input
        self.outputFile = output
        self.inputFD = inputFD
        self.outputFD = outputFD
        self.ownsFiles = ownsFiles
        self.guarded = guarded
        self.listensToSignals = listensToSignals
        self.mouse = options.mouse
        self.glyphs = utf8 ? .unicode : .ascii

        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        nodelay(window, true)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(Int32(options.escapeDelayMilliseconds))
        // Until a screen has been through endwin() and back, ncurses flushes its output buffer after every cursor
        // movement (its "not yet running" state, meant for low-level terminfo programs): a second's frame went out
        // in some fifty write(2)s, one per changed run of cells. One round trip before the first frame makes each
        // doupdate write its buffer once. It comes before the fixed size, which that doupdate would otherwise
        // re-measure from a descriptor that is not a terminal.
        endwin()
        doupdate()
        if let fixedSize {
            resizeterm(Int32(fixedSize.rows), Int32(fixedSize.cols))
        }
        self.size = TerminalSize(rows: Int(anchor_lines()), cols: Int(anchor_cols()))
        self.reportedSize = size

        let colors = Int(anchor_numeric_capability("colors"))
        let hasColors = has_colors()
        var capability =
            options.capability
            ?? ColorCapability.detect(
                environment: environment, terminalColors: hasColors ? max(0, colors) : 0,
                hasDirectColor: anchor_has_direct_color() == 1 || colors >= 1 << 24)
        if !hasColors {
            capability = .mono
        }
        if capability != .mono {
            start_color()
        }
        self.palette = TerminalPalette(theme: theme, capability: capability)
        applyPalette()
        if options.mouse {
            mousemask(anchor_mouse_wheel_up() | anchor_mouse_wheel_down() | anchor_mouse_button1(), nil)
            mouseinterval(0)
        }
        if guarded {
            TerminalGuard.setResetSequence(resetSequence())
        }
    }

    isolated deinit {
        close()
    }

    /// Shows the theme `theme` from the next frame on.
    public func setTheme(_ theme: Theme) {
        palette = TerminalPalette(theme: theme, capability: palette.capability)
        styleCache.removeAll()
        applyPalette()
        invalidate()
        drawnCanvas = nil
    }

    /// Rings the bell (`beep`).
    public func bell() {
        guard !closed else {
            return
        }
        beep()
    }

    /// Flashes the screen (`flash`), or rings when the terminal cannot flash.
    public func flash() {
        guard !closed else {
            return
        }
        CNcurses.flash()
    }

    /// Marks every line as garbled (`redrawwin`), so the next draw repaints it all.
    public func invalidate() {
        guard !closed else {
            return
        }
        redrawwin(window)
        drawnCanvas = nil
    }

    /// Gives the terminal back: stops the events, `endwin` (once, however often this is called), frees curses.
    public func close() {
        guard !closed else {
            return
        }
        closed = true
        stopEvents()
        endwin()
        endwinCalls += 1
        restoredByEndwin = isendwin()
        if guarded {
            TerminalGuard.disarm()
        }
        delscreen(screenHandle)
        if ownsFiles {
            fclose(inputFile)
            fclose(outputFile)
        }
        Self.isLive = false
    }

    /// Turns on colours for the palette and sets what `werase` fills the screen with.
    private func applyPalette() {
        if palette.usesTerminalDefault && !defaultColors {
            defaultColors = use_default_colors() == OK
        }
        let background = cursesStyle(for: .background, attributes: [])
        _ = anchor_set_background(window, background.attributes, background.pair)
    }

    /// What the crash guard writes: plain attributes, cursor shown, keypad and mouse reporting off, main screen back.
    private func resetSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx"] {
            bytes += Self.capabilityBytes(capability)
        }
        if mouse && anchor_string_capability("kmous") != nil {
            bytes += Array("\u{1B}[?1006;1000l".utf8)
        }
        return bytes + Self.capabilityBytes("rmcup")
    }

    /// A string capability's bytes without its `$<n>` padding marks, which only curses' own output routine reads.
    private static func capabilityBytes(_ name: String) -> [UInt8] {
        guard let value = anchor_string_capability(name) else {
            return []
        }
        var bytes: [UInt8] = []
        var padding = false
        var previous: UInt8 = 0
        for byte in String(cString: value).utf8 {
            if padding {
                padding = byte != UInt8(ascii: ">")
            } else if previous == UInt8(ascii: "$") && byte == UInt8(ascii: "<") {
                bytes.removeLast()
                padding = true
            } else {
                bytes.append(byte)
            }
            previous = byte
        }
        return bytes
    }
}
