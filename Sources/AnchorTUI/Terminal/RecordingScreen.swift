/// A ``Screen`` that keeps what it was asked to do, for tests of the app without a terminal.
@MainActor
public final class RecordingScreen: Screen {
    /// The size the app renders for; tests change it to simulate a resize.
    public var size: TerminalSize
    /// The glyphs the app should use.
    public var glyphs: GlyphSet
    /// Every canvas drawn, oldest first.
    public private(set) var frames: [Canvas] = []
    /// How many times the bell rang.
    public private(set) var bells = 0
    /// How many times the screen flashed.
    public private(set) var flashes = 0
    /// How many times a full repaint was asked for.
    public private(set) var invalidations = 0

    /// A recorder that reports `size` and `glyphs`.
    public init(size: TerminalSize = TerminalSize(rows: 24, cols: 80), glyphs: GlyphSet = .unicode) {
        self.size = size
        self.glyphs = glyphs
    }

    /// The canvas drawn last.
    public var lastFrame: Canvas? { frames.last }

    /// Keeps the canvas.
    public func draw(_ canvas: Canvas) {
        frames.append(canvas)
    }

    /// Counts the bell.
    public func bell() {
        bells += 1
    }

    /// Counts the flash.
    public func flash() {
        flashes += 1
    }

    /// Counts the request.
    public func invalidate() {
        invalidations += 1
    }
}
