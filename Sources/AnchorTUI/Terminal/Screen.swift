/// Where canvases are shown: the terminal through curses, or a recorder in tests.
@MainActor
public protocol Screen: AnyObject {
    /// The size to render for now.
    var size: TerminalSize { get }
    /// Whether box lines and the ellipsis may be Unicode.
    var glyphs: GlyphSet { get }
    /// Shows a frame. Only what changed since the last frame reaches the terminal.
    func draw(_ canvas: Canvas)
    /// Rings the bell once.
    func bell()
    /// Flashes the screen once, for users who turned the bell off.
    func flash()
    /// Forgets what the terminal shows, so the next draw repaints everything (Ctrl-L after line noise).
    func invalidate()
}
