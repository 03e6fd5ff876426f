/// A key press or mouse action, decoded from what curses reads.
public enum Key: Sendable, Hashable {
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    case tab
    case backTab
    case enter
    case escape
    case backspace
    case delete
    case insert
    /// A printable character, as typed (so `K` and `k` differ).
    case character(Character)
    /// Control and a letter, as the lowercase letter: Ctrl-L is `.control("l")`. Ctrl-C, Ctrl-\ and Ctrl-Z are
    /// signals, and Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M arrive as backspace, tab and enter.
    case control(Character)
    /// F1 to F63.
    case function(Int)
    case mouseWheelUp
    case mouseWheelDown
    /// The primary button at a cell of the screen.
    case mouseClick(row: Int, col: Int)
}
