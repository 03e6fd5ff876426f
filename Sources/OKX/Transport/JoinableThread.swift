import Foundation
import Synchronization

/// A POSIX thread that runs one closure and can be joined, for the blocking C loops we own (libcurl's multi
/// loop, the loopback test server). Foundation's `Thread` cannot be joined, so a shutdown could not wait for it.
package final class JoinableThread: @unchecked Sendable {
    // Safe to share: `handle` is written once in init, and `joined` guards the one pthread_join.
    private let handle: pthread_t
    private let joined = Mutex(false)

    /// Starts the thread at once.
    /// - Parameters:
    ///   - name: shown by `top -H` and debuggers; truncated to 15 bytes, as Linux allows.
    ///   - stackSize: small by default, because these threads run shallow C loops.
    package init(
        name: String, stackSize: Int = 512 << 10, body: @escaping @Sendable () -> Void
    ) throws(ThreadStartError) {
        let start = ThreadStart(name: String(decoding: name.utf8.prefix(15), as: UTF8.self), body: body)
        let argument = Unmanaged.passRetained(start).toOpaque()
        let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
        pthread_attr_init(attributes)
        defer {
            pthread_attr_destroy(attributes)
            attributes.deallocate()
        }
        pthread_attr_setstacksize(attributes, max(stackSize, Int(PTHREAD_STACK_MIN)))
        #if canImport(Glibc)
            var thread = pthread_t()
            let result = pthread_create(
                &thread, attributes,
                { argument in
                    JoinableThread.run(argument!)
                    return nil
                }, argument)
            guard result == 0 else {
                Unmanaged<ThreadStart>.fromOpaque(argument).release()
                throw ThreadStartError(name: name, errno: result)
            }
            handle = thread
        #else
            var thread: pthread_t?
            let result = pthread_create(
                &thread, attributes,
                { argument in
                    JoinableThread.run(argument)
                    return nil
                }, argument)
            guard result == 0, let thread else {
                Unmanaged<ThreadStart>.fromOpaque(argument).release()
                throw ThreadStartError(name: name, errno: result)
            }
            handle = thread
        #endif
    }

    /// Waits for the closure to return. Safe to call more than once; must not be called from the thread itself.
    package func join() {
        let first = joined.withLock { done in
            defer { done = true }
            return !done
        }
        if first { pthread_join(handle, nil) }
    }

    private static func run(_ argument: UnsafeMutableRawPointer) {
        let start = Unmanaged<ThreadStart>.fromOpaque(argument).takeRetainedValue()
        // Foundation sets the name the system shows (pthread_setname_np is not visible to Swift on Linux).
        Thread.current.name = start.name
        start.body()
    }
}

/// What the new thread needs, handed over through pthread's single pointer argument.
private final class ThreadStart {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }
}

/// The operating system refused to start a thread.
package struct ThreadStartError: Error, Sendable, CustomStringConvertible {
    /// The name the thread would have had.
    package var name: String
    /// pthread_create's error number.
    package var errno: Int32

    /// One line naming the thread and the error number.
    package var description: String { "could not start thread \(name) (error \(errno))" }
}
