import CNcurses

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A cell as curses holds it, read back for tests.
package struct CursesCell: Sendable, Hashable {
    /// The first scalar of the cell's text.
    package var character: Character
    /// Its attributes, colour left out.
    package var attributes: TextAttributes
    /// The foreground of the cell's colour pair; −1 for the terminal's own.
    package var foreground: Int32
    /// The background of the cell's colour pair; −1 for the terminal's own.
    package var background: Int32
}

/// Running curses on outputs we control, to count its bytes (the benchmark) and read its cells back (tests).
extension NcursesScreen {
    /// A screen of a fixed size that draws into a temporary file, with no input, for counting bytes.
    package static func measuring(
        rows: Int, cols: Int, terminalType: String = "xterm-256color", theme: Theme = ThemeLoader.fallback,
        capability: ColorCapability = .palette256
    ) throws(TerminalError) -> NcursesScreen {
        guard let output = tmpfile() else {
            throw TerminalError("cannot make a temporary file for curses output")
        }
        guard let input = fopen("/dev/null", "r") else {
            fclose(output)
            throw TerminalError("cannot open /dev/null")
        }
        return try NcursesScreen(
            input: input, output: output, ownsFiles: true, terminalType: terminalType,
            fixedSize: TerminalSize(rows: rows, cols: cols), theme: theme,
            options: Options(capability: capability, mouse: false), environment: [:], guarded: false,
            listensToSignals: false)
    }

    /// A screen on given descriptors (a pseudo-terminal's secondary side, a pipe for input). The descriptors are
    /// duplicated, so the caller keeps and closes its own.
    ///
    /// - Parameters:
    ///   - guarded: arm the crash guard on these descriptors.
    ///   - listensToSignals: take SIGWINCH and the quit signals for this screen's events.
    package static func attached(
        inputFD: Int32, outputFD: Int32, terminalType: String = "xterm-256color", fixedSize: TerminalSize? = nil,
        theme: Theme = ThemeLoader.fallback, options: Options = Options(mouse: false), guarded: Bool = false,
        listensToSignals: Bool = false
    ) throws(TerminalError) -> NcursesScreen {
        guard let input = fdopen(dup(inputFD), "r") else {
            throw TerminalError("cannot open input descriptor \(inputFD)")
        }
        guard let output = fdopen(dup(outputFD), "w") else {
            fclose(input)
            throw TerminalError("cannot open output descriptor \(outputFD)")
        }
        return try NcursesScreen(
            input: input, output: output, ownsFiles: true, terminalType: terminalType, fixedSize: fixedSize,
            theme: theme, options: options, environment: [:], guarded: guarded, listensToSignals: listensToSignals)
    }

    /// Bytes in the output file so far; nil when the output is not a regular file.
    package var bytesWritten: Int? {
        fflush(outputFile)
        var status = stat()
        guard fstat(outputFD, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return nil
        }
        return Int(status.st_size)
    }

    /// Draws `canvas` and returns how many bytes curses sent for it (0 when the output is not a regular file).
    package func measureBytes(drawing canvas: Canvas) -> Int {
        let before = bytesWritten ?? 0
        draw(canvas)
        return (bytesWritten ?? 0) - before
    }

    /// What curses holds for a cell of `stdscr` after a draw; nil once the screen is closed.
    package func readCell(row: Int, col: Int) -> CursesCell? {
        guard !closed else {
            return nil
        }
        var character: wchar_t = 0
        var attributes: attr_t = 0
        var pair: Int16 = 0
        guard anchor_read_cell(window, Int32(row), Int32(col), &character, &attributes, &pair) == OK,
            let scalar = Unicode.Scalar(UInt32(bitPattern: character))
        else {
            return nil
        }
        var foreground: Int32 = -1
        var background: Int32 = -1
        if pair != 0 {
            _ = anchor_pair_content(Int32(pair), &foreground, &background)
        }
        return CursesCell(
            character: Character(scalar), attributes: Self.textAttributes(attributes), foreground: foreground,
            background: background)
    }
}
