import CNcurses
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension NcursesScreen {
    /// The terminal's keys, size changes and quit requests as one stream, from now until ``close()``.
    ///
    /// Keys are read when standard input becomes readable (a dispatch read source on the main queue, then
    /// `wget_wch` in no-delay mode until nothing is left). SIGWINCH becomes `.resize` after curses has been told the
    /// new size; SIGINT, SIGTERM, SIGHUP and SIGQUIT become `.quit`. If a second quit signal comes before the app has
    /// closed the screen, the screen closes itself and the process exits, so a stuck app can still be stopped.
    /// Calling this again ends the earlier stream.
    public func events() -> AsyncStream<TerminalEvent> {
        stopEvents()
        let (stream, continuation) = AsyncStream<TerminalEvent>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        guard !closed else {
            continuation.finish()
            return stream
        }
        eventContinuation = continuation
        let source = DispatchSource.makeReadSource(fileDescriptor: inputFD, queue: .main)
        source.setEventHandler { [weak self] in
            MainActor.assumeIsolated {
                self?.readInput()
            }
        }
        source.resume()
        readSource = source
        if listensToSignals {
            SignalHub.shared.listen { [weak self] signo in
                self?.handleSignal(signo)
            }
        }
        return stream
    }

    /// Ends the event stream and stops reading.
    func stopEvents() {
        readSource?.cancel()
        readSource = nil
        if listensToSignals {
            SignalHub.shared.stopListening()
        }
        eventContinuation?.finish()
        eventContinuation = nil
    }

    /// Reads every key curses has, and notices when the input has gone away.
    func readInput() {
        guard !closed else {
            return
        }
        while true {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR {
                break
            }
            if status == KEY_CODE_YES && Int32(bitPattern: code) == KEY_RESIZE {
                reportSize()
            } else if status == KEY_CODE_YES && Int32(bitPattern: code) == KEY_MOUSE {
                var row: Int32 = 0
                var col: Int32 = 0
                var state: mmask_t = 0
                if anchor_get_mouse(&row, &col, &state) == OK,
                    let key = Key.decodeMouse(state: UInt32(state), row: Int(row), col: Int(col))
                {
                    eventContinuation?.yield(.key(key))
                }
            } else if let key = Key.decode(status: status, code: UInt32(code)) {
                eventContinuation?.yield(.key(key))
            }
        }
        // Checked after every read: libdispatch on Linux wakes a read source for readable data, not for a hang-up
        // alone, so the wake-up that brought the last keys may be the only one that sees the end.
        if inputHasEnded() {
            readSource?.cancel()
            readSource = nil
            requestQuit(.inputClosed, signal: nil)
        }
    }

    /// Hung up, or readable with nothing to read (end of file), once curses has taken every key.
    private func inputHasEnded() -> Bool {
        var descriptor = pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else {
            return false
        }
        if descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            return true
        }
        return anchor_bytes_available(inputFD) == 0
    }

    func handleSignal(_ signo: Int32) {
        guard !closed else {
            return
        }
        switch signo {
        case SIGWINCH:
            refreshSize()
        case SIGINT:
            requestQuit(.interrupt, signal: signo)
        case SIGTERM:
            requestQuit(.terminate, signal: signo)
        case SIGHUP:
            requestQuit(.hangup, signal: signo)
        case SIGQUIT:
            requestQuit(.quitSignal, signal: signo)
        default:
            break
        }
    }

    /// A second quit *signal* means the orderly way out is stuck: restore the terminal and exit at once. A quit
    /// from the input's end does not count toward it: when an SSH link drops, the input ends and the kernel's SIGHUP
    /// follows a moment later, and that pair must still shut down in order (actions in flight journalled, the
    /// database closed).
    private func requestQuit(_ reason: QuitReason, signal signo: Int32?) {
        if let signo {
            if quitSignals > 0 {
                close()
                exit(128 + signo)
            }
            quitSignals += 1
        }
        guard !quitRequested else { return }
        quitRequested = true
        eventContinuation?.yield(.quit(reason))
    }

    /// Asks the kernel for the terminal's size, tells curses, and reports it if it changed.
    func refreshSize() {
        var rows: Int32 = 0
        var cols: Int32 = 0
        if anchor_window_size(outputFD, &rows, &cols) == OK
            && (Int(rows) != Int(anchor_lines()) || Int(cols) != Int(anchor_cols()))
        {
            resizeterm(rows, cols)
        }
        reportSize()
    }

    private func reportSize() {
        size = TerminalSize(rows: Int(anchor_lines()), cols: Int(anchor_cols()))
        if size != reportedSize {
            reportedSize = size
            eventContinuation?.yield(.resize(rows: size.rows, cols: size.cols))
        }
    }
}
