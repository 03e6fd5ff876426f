import CNcurses

extension Key {
    /// Decodes one `wget_wch` result; nil for nothing (`ERR`), for codes this program has no use for, and for the
    /// resize and mouse codes, which the reader handles itself.
    ///
    /// - Parameters:
    ///   - status: what `wget_wch` returned: `OK` (0) for a character, `KEY_CODE_YES` (0400) for a key code.
    ///   - code: the character or key code it stored.
    public static func decode(status: Int32, code: UInt32) -> Key? {
        switch status {
        case OK:
            return decodeCharacter(code)
        case KEY_CODE_YES:
            return decodeKeyCode(Int32(bitPattern: code))
        default:
            return nil
        }
    }

    /// Decodes the button state of a `KEY_MOUSE` event (`MEVENT.bstate`) at a cell.
    public static func decodeMouse(state: UInt32, row: Int, col: Int) -> Key? {
        if state & anchor_mouse_wheel_up() != 0 {
            return .mouseWheelUp
        }
        if state & anchor_mouse_wheel_down() != 0 {
            return .mouseWheelDown
        }
        if state & anchor_mouse_button1() != 0 {
            return .mouseClick(row: row, col: col)
        }
        return nil
    }

    private static func decodeCharacter(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code), TextWidth.of(scalar: scalar) > 0 else {
                return nil
            }
            return .character(Character(scalar))
        }
    }

    private static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
