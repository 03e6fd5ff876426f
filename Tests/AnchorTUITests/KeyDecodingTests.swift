import Testing

@testable import AnchorTUI

/// Raw `wget_wch` results: status 0 (OK) with a character, 0400 (KEY_CODE_YES) with a curses key code, −1 (ERR).
@Suite struct KeyDecodingTests {
    static let ok: Int32 = 0
    static let keyCodeYes: Int32 = 0o400

    @Test(arguments: [
        (UInt32(0x6A), Key.character("j")), (0x4A, .character("J")), (0x20, .character(" ")),
        (0x4E2D, .character("中")), (0x3F, .character("?")), (9, .tab), (13, .enter), (10, .enter), (27, .escape),
        (127, .backspace), (8, .backspace), (12, .control("l")), (1, .control("a")), (26, .control("z")),
    ])
    func charactersDecode(code: UInt32, key: Key) {
        #expect(Key.decode(status: Self.ok, code: code) == key)
    }

    @Test(arguments: [UInt32(0), 28, 31, 0x301, 0xD800])
    func unprintableCharactersAreIgnored(code: UInt32) {
        #expect(Key.decode(status: Self.ok, code: code) == nil)
    }

    @Test(arguments: [
        (UInt32(0o403), Key.up), (0o402, .down), (0o404, .left), (0o405, .right), (0o523, .pageUp),
        (0o522, .pageDown), (0o406, .home), (0o550, .end), (0o541, .backTab), (0o527, .enter), (0o407, .backspace),
        (0o512, .delete), (0o513, .insert), (0o411, .function(1)), (0o410 + 12, .function(12)),
    ])
    func keyCodesDecode(code: UInt32, key: Key) {
        #expect(Key.decode(status: Self.keyCodeYes, code: code) == key)
    }

    @Test(arguments: [UInt32(0o632), 0o631, 0o410, 0o777])
    func resizeMouseAndUnknownCodesAreNotKeys(code: UInt32) {
        #expect(Key.decode(status: Self.keyCodeYes, code: code) == nil)
    }

    @Test func errIsNothing() {
        #expect(Key.decode(status: -1, code: 0x6A) == nil)
    }

    /// Button masks of ncurses' mouse version 2: button n's PRESSED bit is 2 << ((n − 1) × 5), CLICKED 4 << it.
    @Test func mouseStatesDecode() {
        #expect(Key.decodeMouse(state: 2 << 15, row: 3, col: 7) == .mouseWheelUp)
        #expect(Key.decodeMouse(state: 2 << 20, row: 3, col: 7) == .mouseWheelDown)
        #expect(Key.decodeMouse(state: 2, row: 3, col: 7) == .mouseClick(row: 3, col: 7))
        #expect(Key.decodeMouse(state: 4, row: 0, col: 1) == .mouseClick(row: 0, col: 1))
        #expect(Key.decodeMouse(state: 1, row: 0, col: 0) == nil)
        #expect(Key.decodeMouse(state: 0, row: 0, col: 0) == nil)
    }
}
