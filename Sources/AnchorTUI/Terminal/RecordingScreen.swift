/// A ``Screen`` that keeps what it was asked to do, for tests of the app without a terminal.
@MainActor
public final class RecordingScreen: Screen {
    public var size: TerminalSize
    public var glyphs: GlyphSet
    /// Every canvas drawn, oldest first.
    public private(set) var frames: [Canvas] = []
    public private(set) var bells = 0
    public private(set) var flashes = 0
    public private(set) var invalidations = 0

    public init(size: TerminalSize = TerminalSize(rows: 24, cols: 80), glyphs: GlyphSet = .unicode) {
        self.size = size
        self.glyphs = glyphs
    }

    /// The canvas drawn last.
    public var lastFrame: Canvas? { frames.last }

    public func draw(_ canvas: Canvas) {
        frames.append(canvas)
    }

    public func bell() {
        bells += 1
    }

    public func flash() {
        flashes += 1
    }

    public func invalidate() {
        invalidations += 1
    }
}
