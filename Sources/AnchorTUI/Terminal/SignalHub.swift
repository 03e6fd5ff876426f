import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the terminal's signals into calls on the main actor, for the screen that is listening.
///
/// The dispatch sources are made once and kept for the life of the process: libdispatch installs its own handler the
/// first time a signal gets a source and never again, so cancelling and remaking them would leave a signal with no
/// handler at all. With no screen listening, SIGWINCH is ignored and the others take their default action.
@MainActor
final class SignalHub {
    static let shared = SignalHub()

    /// The signals a full-screen program must handle: every polite request to stop, and size changes. SIGWINCH comes
    /// last so that once a resize has been heard, every other source has its handler in place too (libdispatch
    /// registers sources in order on one serial queue); the tests rely on this.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH]

    private var sources: [any DispatchSourceSignal] = []
    private var listener: (@MainActor (Int32) -> Void)?

    /// Starts delivering `handled` signals to `listener`, replacing any earlier listener.
    func listen(_ listener: @escaping @MainActor (Int32) -> Void) {
        installOnce()
        self.listener = listener
    }

    /// Stops delivering; signals go back to their usual effect.
    func stopListening() {
        listener = nil
    }

    private func installOnce() {
        guard sources.isEmpty else {
            return
        }
        for signo in Self.handled {
            // Ignored until libdispatch's handler is in place, so a signal in between cannot kill the process.
            signal(signo, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signo, queue: .main)
            source.setEventHandler {
                MainActor.assumeIsolated {
                    SignalHub.shared.deliver(signo)
                }
            }
            source.resume()
            sources.append(source)
        }
    }

    private func deliver(_ signo: Int32) {
        if let listener {
            listener(signo)
        } else if signo != SIGWINCH {
            // No screen: behave as if we had never caught it.
            signal(signo, SIG_DFL)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, signo)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            raise(signo)
            exit(128 + signo)
        }
    }
}
