import CNcurses

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pseudo-terminal pair: a real terminal with no one at it, for tests and the benchmark.
///
/// curses runs on the `secondary` side as on any terminal; whatever it sends can be read from `primary`, and keys
/// written to `primary` reach it as typed.
package final class PseudoTerminal {
    /// The side a terminal emulator would hold.
    package let primary: Int32
    /// The side the program uses as its terminal.
    package let secondary: Int32
    private var closed = false

    /// Opens a new pair; the primary side does not block on reads.
    package init() throws(TerminalError) {
        var primary: Int32 = -1
        var secondary: Int32 = -1
        guard anchor_open_pty(&primary, &secondary) == OK else {
            throw TerminalError("cannot open a pseudo-terminal")
        }
        self.primary = primary
        self.secondary = secondary
        _ = fcntl(primary, F_SETFL, fcntl(primary, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close()
    }

    /// Sets the size the kernel reports for the terminal (as a terminal emulator does when its window changes).
    package func setSize(_ size: TerminalSize) {
        _ = anchor_set_window_size(secondary, Int32(size.rows), Int32(size.cols))
    }

    /// Everything the program has written so far and not yet read.
    package func readAvailable() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(primary, $0.baseAddress, $0.count) }
            if count <= 0 {
                break
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    /// Types `text` at the terminal.
    package func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(primary, $0.baseAddress, $0.count) }
    }

    /// Whether the secondary side is in canonical (line) mode with echo, as a shell leaves it.
    package var isCooked: Bool {
        let modes = anchor_local_modes(secondary)
        return modes >= 0 && modes & anchor_flag_icanon() != 0 && modes & anchor_flag_echo() != 0
    }

    /// Closes both sides, once.
    package func close() {
        guard !closed else {
            return
        }
        closed = true
        closeDescriptor(secondary)
        closeDescriptor(primary)
    }
}

/// `close(2)`, out of the reach of ``PseudoTerminal/close()``, which hides the C function inside the class.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
