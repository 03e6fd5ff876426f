internal import CCurl
import Synchronization

extension CurlTransport {
    /// What callers and the curl thread share: the multi handle (for `curl_multi_wakeup` only) and, under one
    /// lock, the queue of new requests, the waiting continuations, and the statistics.
    ///
    /// Each request gets an id and an entry. Whoever removes a `.waiting` entry resumes its continuation, so it
    /// is resumed exactly once whichever comes first: the curl thread's result, cancellation, or shutdown.
    final class Engine: @unchecked Sendable {
        // Unchecked because of `multi`: callers only ever call curl_multi_wakeup on it (thread-safe by curl's
        // contract); everything else on it happens on the curl thread, and it is freed in deinit, when neither
        // a caller nor the thread can hold the engine any more.
        let options: TransportOptions
        let multi: UnsafeMutableRawPointer?
        private let shared: Mutex<Shared>

        typealias Continuation = CheckedContinuation<HTTPResponse, any Error>
        typealias Outcome = Result<HTTPResponse, TransportError>

        /// The requests of one `sendAll`: their outcomes as they end, and the caller to resume after the last.
        /// Touched only under the engine's lock.
        final class Group: @unchecked Sendable {
            var outcomes: [Outcome?]
            var remaining: Int
            let continuation: CheckedContinuation<[Outcome], Never>

            init(count: Int, continuation: CheckedContinuation<[Outcome], Never>) {
                outcomes = Array(repeating: nil, count: count)
                remaining = count
                self.continuation = continuation
            }

            /// Records one request's outcome; the caller to resume when it was the last.
            func settle(_ index: Int, _ outcome: Outcome) -> (CheckedContinuation<[Outcome], Never>, [Outcome])? {
                guard outcomes[index] == nil else { return nil }
                outcomes[index] = outcome
                remaining -= 1
                guard remaining == 0 else { return nil }
                return (continuation, outcomes.map { $0! })
            }
        }

        /// A group's caller and what to resume it with.
        typealias GroupWake = (CheckedContinuation<[Outcome], Never>, [Outcome])

        enum Entry {
            /// `send` has started but not yet handed over its continuation.
            case created
            /// The task was cancelled before its continuation existed; `submit` must fail it at once.
            case cancelledEarly
            case waiting(Continuation)
            /// One request of a `sendAll`, at its place in the group.
            case member(Group, Int)
        }

        /// A request the curl thread has yet to start.
        struct Job {
            let id: UInt64
            let request: HTTPRequest
            /// When it was queued: time spent waiting for a free connection counts against its timeout.
            let queued = ContinuousClock.now
        }

        struct Shared {
            var stopping = false
            /// Why requests are refused when the transport never started, else nil.
            var refusal: TransportError?
            var nextID: UInt64 = 0
            var entries: [UInt64: Entry] = [:]
            var queued: [Job] = []
            var cancelled: [UInt64] = []
            var statistics = TransportStatistics()
            /// Set by the curl thread just before it sleeps in `curl_multi_poll`, cleared by whoever wakes it. A
            /// request queued while the thread is awake needs no wake-up: the thread looks for work before it sleeps
            /// again.
            var curlThreadSleeping = false
        }

        init(options: TransportOptions) {
            self.options = options
            var shared = Shared()
            let initCode = CurlGlobal.initCode
            if initCode != 0 {
                multi = nil
                shared.refusal = TransportError(.other, "curl_global_init failed", curlCode: initCode)
            } else if let handle = curl_multi_init() {
                multi = handle
                // Keep a whole poll's connections warm: a hundred accounts read at once over HTTP/1.1 use two
                // hundred. (libcurl's default cache shrinks to 4× the transfers in flight, so the next poll would
                // open dozens of connections again.)
                let perHost = max(1, options.maxConnectionsPerHost)
                _ = anchor_curl_multi_setopt_long(
                    handle, CURLMOPT_MAXCONNECTS, max(options.maxCachedConnections, perHost))
                // Past this many, a request waits for a connection to the same host to be free (or shares one
                // over HTTP/2), rather than opening one more.
                _ = anchor_curl_multi_setopt_long(handle, CURLMOPT_MAX_HOST_CONNECTIONS, perHost)
                // HTTP/2 multiplexing where the server offers it (libcurl's default since 7.62; said here).
                _ = anchor_curl_multi_setopt_long(handle, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
            } else {
                multi = nil
                shared.refusal = TransportError(.other, "curl_multi_init failed")
            }
            if shared.refusal != nil { shared.stopping = true }
            self.shared = Mutex(shared)
        }

        deinit {
            if let multi { curl_multi_cleanup(multi) }
        }

        var isStarted: Bool { shared.withLock { !$0.stopping } }

        var statistics: TransportStatistics { shared.withLock { $0.statistics } }

        /// Gives a new request its id, before its cancellation handler can run.
        func register() -> UInt64 {
            shared.withLock { state in
                state.nextID += 1
                state.entries[state.nextID] = .created
                return state.nextID
            }
        }

        func submit(id: UInt64, request: HTTPRequest, continuation: Continuation) {
            let refusal: TransportError? = shared.withLock { state in
                if case .cancelledEarly? = state.entries[id] {
                    state.entries[id] = nil
                    state.statistics.requestsFailed += 1
                    return TransportError(.cancelled, "the task was cancelled")
                }
                if state.stopping {
                    state.entries[id] = nil
                    state.statistics.requestsFailed += 1
                    return state.refusal ?? TransportError(.cancelled, "the transport is shut down")
                }
                state.entries[id] = .waiting(continuation)
                state.queued.append(Job(id: id, request: request))
                state.statistics.requestsInFlight += 1
                // A poll queues a request per account within a few milliseconds: one wake-up, not one each (each
                // also made curl check every cached connection for life).
                if state.curlThreadSleeping {
                    state.curlThreadSleeping = false
                    wake()
                }
                return nil
            }
            if let refusal { continuation.resume(throwing: refusal) }
        }

        /// Queues the requests of one `sendAll` together, with one wake-up; `continuation` is resumed once, with
        /// every outcome, when the last has ended (at once if none could start).
        func submitAll(ids: [UInt64], requests: [HTTPRequest], continuation: CheckedContinuation<[Outcome], Never>) {
            let group = Group(count: ids.count, continuation: continuation)
            let wakeCaller: GroupWake? = shared.withLock { state in
                var done: GroupWake?
                for (index, (id, request)) in zip(ids, requests).enumerated() {
                    if case .cancelledEarly? = state.entries[id] {
                        state.entries[id] = nil
                        state.statistics.requestsFailed += 1
                        done = group.settle(index, .failure(TransportError(.cancelled, "the task was cancelled")))
                    } else if state.stopping {
                        state.entries[id] = nil
                        state.statistics.requestsFailed += 1
                        done = group.settle(
                            index, .failure(state.refusal ?? TransportError(.cancelled, "the transport is shut down")))
                    } else {
                        state.entries[id] = .member(group, index)
                        state.queued.append(Job(id: id, request: request))
                        state.statistics.requestsInFlight += 1
                    }
                }
                if state.curlThreadSleeping && !state.queued.isEmpty {
                    state.curlThreadSleeping = false
                    wake()
                }
                return done
            }
            if let (caller, outcomes) = wakeCaller { caller.resume(returning: outcomes) }
        }

        func cancel(id: UInt64) {
            let cancelled = TransportError(.cancelled, "the task was cancelled")
            let (waiter, groupWake): (Continuation?, GroupWake?) = shared.withLock { state in
                switch state.entries[id] {
                case .created?:
                    state.entries[id] = .cancelledEarly
                    return (nil, nil)
                case .waiting(let continuation)?:
                    unqueue(id, from: &state)
                    return (continuation, nil)
                case .member(let group, let index)?:
                    unqueue(id, from: &state)
                    return (nil, group.settle(index, .failure(cancelled)))
                case .cancelledEarly?, nil:
                    return (nil, nil)
                }
            }
            waiter?.resume(throwing: cancelled)
            if let (caller, outcomes) = groupWake { caller.resume(returning: outcomes) }
        }

        /// Takes a cancelled request's entry away, and the request from the queue or, once it is on the curl
        /// thread, tells that thread to abandon it (only it may take the handle out of the multi handle).
        private func unqueue(_ id: UInt64, from state: inout Shared) {
            state.entries[id] = nil
            state.statistics.requestsInFlight -= 1
            state.statistics.requestsFailed += 1
            if let index = state.queued.firstIndex(where: { $0.id == id }) {
                state.queued.remove(at: index)
            } else {
                state.cancelled.append(id)
                wake()
            }
        }

        /// Fails everything pending and tells the curl thread to end. Idempotent.
        func stop() {
            let shutDown = TransportError(.cancelled, "the transport was shut down")
            let (waiters, groupWakes): ([Continuation], [GroupWake]) = shared.withLock { state in
                guard !state.stopping else { return ([], []) }
                state.stopping = true
                var waiters: [Continuation] = []
                var groupWakes: [GroupWake] = []
                var failed = 0
                for (id, entry) in state.entries {
                    switch entry {
                    case .waiting(let continuation):
                        waiters.append(continuation)
                    case .member(let group, let index):
                        if let wake = group.settle(index, .failure(shutDown)) { groupWakes.append(wake) }
                    case .created, .cancelledEarly:
                        continue
                    }
                    state.entries[id] = nil
                    failed += 1
                }
                state.queued.removeAll()
                state.cancelled.removeAll()
                state.statistics.requestsInFlight -= failed
                state.statistics.requestsFailed += failed
                wake()
                return (waiters, groupWakes)
            }
            for waiter in waiters {
                waiter.resume(throwing: shutDown)
            }
            for (caller, outcomes) in groupWakes { caller.resume(returning: outcomes) }
        }

        /// Refuses every request from now on with this error, when the curl thread could not start.
        func refuseAll(_ error: TransportError) {
            shared.withLock { state in
                state.refusal = error
            }
            stop()
        }

        /// The curl thread's next batch: requests to start and ids to abandon; nil once the engine is stopping.
        func takeWork() -> (jobs: [Job], cancelled: [UInt64])? {
            shared.withLock { state in
                if state.stopping { return nil }
                defer {
                    state.queued.removeAll(keepingCapacity: true)
                    state.cancelled.removeAll(keepingCapacity: true)
                }
                return (state.queued, state.cancelled)
            }
        }

        /// Called by the curl thread before it sleeps: false when work is already queued (then it must not sleep).
        /// Otherwise it is marked sleeping, and the next `submit` wakes it.
        func prepareToSleep() -> Bool {
            shared.withLock { state in
                if state.stopping || !state.queued.isEmpty || !state.cancelled.isEmpty { return false }
                state.curlThreadSleeping = true
                return true
            }
        }

        /// Called by the curl thread when `curl_multi_poll` returns, whatever woke it.
        func didWake() {
            shared.withLock { state in state.curlThreadSleeping = false }
        }

        /// Records a finished transfer and resumes its caller, unless cancellation or shutdown already did.
        func finish(id: UInt64, outcome: Result<HTTPResponse, TransportError>, connections: Int, bytes: Int) {
            let (waiter, groupWake): (Continuation?, GroupWake?) = shared.withLock { state in
                state.statistics.connectionsOpened += connections
                state.statistics.bytesReceived += bytes
                let waiter: Continuation?
                let groupWake: GroupWake?
                switch state.entries[id] {
                case .waiting(let continuation)?:
                    (waiter, groupWake) = (continuation, nil)
                case .member(let group, let index)?:
                    (waiter, groupWake) = (nil, group.settle(index, outcome))
                default:
                    return (nil, nil)
                }
                state.entries[id] = nil
                state.statistics.requestsInFlight -= 1
                switch outcome {
                case .success: state.statistics.requestsCompleted += 1
                case .failure: state.statistics.requestsFailed += 1
                }
                return (waiter, groupWake)
            }
            waiter?.resume(with: outcome)
            if let (caller, outcomes) = groupWake { caller.resume(returning: outcomes) }
        }

        /// Wakeups are sticky: one sent before the curl thread sleeps makes its next poll return at once, so the
        /// thread never sleeps on queued work.
        private func wake() {
            if let multi { curl_multi_wakeup(multi) }
        }
    }
}

/// libcurl's process-wide initialisation, done once, on first use.
enum CurlGlobal {
    /// The result of `curl_global_init`: 0 when libcurl is ready. A Swift static is initialised exactly once
    /// even when several threads race to it, which is what `curl_global_init` needs.
    static let initCode: Int = Int(anchor_curl_global_init_default().rawValue)
}
