import CNcurses

/// The last line of defence for the terminal: restores its modes if the process dies or exits while curses holds it.
///
/// Every call into the shim's `anchor_guard_*` functions lives in this file, because those functions keep their state
/// in C statics and each Swift file that calls them gets its own copy of the statics.
package enum TerminalGuard {
    /// Saves the terminal modes of `inputFD` and arms the guard: from now on a crash signal (SIGSEGV, SIGBUS,
    /// SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS) or `exit` writes the reset bytes to `outputFD` and restores the
    /// modes, then lets the signal go on to its earlier handler.
    ///
    /// - Returns: false when `inputFD` is not a terminal (nothing to guard).
    @discardableResult
    static func arm(inputFD: Int32, outputFD: Int32) -> Bool {
        anchor_guard_arm(inputFD, outputFD) == OK
    }

    /// The bytes that undo curses' visible changes (leave the alternate screen, show the cursor, plain attributes),
    /// written before the modes are restored.
    static func setResetSequence(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                anchor_guard_set_reset(characters.baseAddress, characters.count)
            }
        }
    }

    /// The line written on the restored terminal after a fatal signal, e.g. where the crash report goes.
    package static func setCrashNote(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                anchor_guard_set_note(characters.baseAddress, characters.count)
            }
        }
    }

    /// curses has restored the terminal itself.
    static func disarm() {
        anchor_guard_disarm()
    }

    static var isArmed: Bool { anchor_guard_is_armed() == 1 }

    /// Does now what the crash handler would do, once (for tests of the crash path).
    static func restoreNow() {
        anchor_guard_restore()
    }
}
