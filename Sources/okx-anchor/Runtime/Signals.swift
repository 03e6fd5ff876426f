@preconcurrency import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Turns termination signals into an async stream (SIGINT, SIGTERM, SIGHUP by default).
final class SignalWatcher: @unchecked Sendable {  // the sources are only cancelled, which is thread-safe
    private let sources: [any DispatchSourceSignal]
    let signals: AsyncStream<Int32>

    init(_ numbers: [Int32] = [SIGINT, SIGTERM, SIGHUP]) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        signals = stream
        sources = numbers.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    /// Stops watching and restores the default handlers.
    func cancel() {
        for source in sources { source.cancel() }
    }

    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
