internal import CCurl

extension CurlTransport {
    /// The curl thread: owns every easy handle and runs `curl_multi_perform` and `curl_multi_poll` until the
    /// engine stops. Nothing here is touched from any other thread.
    final class Loop {
        /// Easy handles kept for reuse; more would only hold memory, since connections live in the multi handle.
        private static let idleHandleLimit = 16
        /// The longest sleep when curl has nothing due sooner; wakeups and curl's own timers cut it short.
        private static let pollTimeoutMilliseconds: Int32 = 1000

        private let engine: Engine
        private let multi: UnsafeMutableRawPointer
        private var transfers: [UInt64: Transfer] = [:]
        private var transfersByHandle: [UnsafeMutableRawPointer: Transfer] = [:]
        private var idleHandles: [UnsafeMutableRawPointer] = []
        /// Requests taken from the engine, not yet handed to curl (from `waitingHead` on).
        private var waiting: [Engine.Job] = []
        private var waitingHead = 0
        /// Transfers in curl's hands at most: the cap on connections to one host (a poll's requests all go to one).
        private let inFlightLimit: Int

        init(engine: Engine) {
            self.engine = engine
            // The engine only starts a loop once it holds a multi handle.
            self.multi = engine.multi!
            inFlightLimit = max(1, engine.options.maxConnectionsPerHost)
        }

        func run() {
            while let work = engine.takeWork() {
                waiting.append(contentsOf: work.jobs)
                for id in work.cancelled { abandon(id) }
                startWaiting()
                var running: Int32 = 0
                curl_multi_perform(multi, &running)
                // Transfers that ended made room: start the next waiting ones at once, without sleeping.
                if collectFinished() > 0 && hasWaiting { continue }
                if engine.prepareToSleep() {
                    curl_multi_poll(multi, nil, 0, Self.pollTimeoutMilliseconds, nil)
                    engine.didWake()
                }
            }
            tearDown()
        }

        private var hasWaiting: Bool { waitingHead < waiting.count }

        /// Hands waiting requests to curl while fewer than the limit are in its hands. Curl would queue the rest
        /// itself (beyond `CURLMOPT_MAX_HOST_CONNECTIONS`), but it walks every handle it holds on each
        /// `curl_multi_perform` and polls each one's socket: two thousand at once made the curl thread spend most
        /// of a poll of a thousand accounts walking its own lists.
        private func startWaiting() {
            while hasWaiting && transfers.count < inFlightLimit {
                let job = waiting[waitingHead]
                waitingHead += 1
                start(job)
            }
            if waitingHead == waiting.count {
                waiting.removeAll(keepingCapacity: waiting.capacity <= 4096)
                waitingHead = 0
            } else if waitingHead > 1024 && waitingHead * 2 > waiting.count {
                waiting.removeFirst(waitingHead)
                waitingHead = 0
            }
        }

        private func start(_ job: Engine.Job) {
            guard let handle = idleHandles.popLast() ?? curl_easy_init() else {
                engine.finish(
                    id: job.id, outcome: .failure(TransportError(.other, "curl_easy_init failed")), connections: 0,
                    bytes: 0)
                return
            }
            // The time it waited for a free connection counts against its timeout, as curl's own queue would.
            var request = job.request
            let allowed = request.timeout ?? engine.options.totalTimeout
            let waited = ContinuousClock.now - job.queued
            guard waited < allowed else {
                recycle(handle)
                let detail = "no free connection within the request's timeout"
                engine.finish(
                    id: job.id, outcome: .failure(TransportError(.connectTimeout, detail)), connections: 0, bytes: 0)
                return
            }
            if waited > .milliseconds(1) { request.timeout = allowed - waited }
            let transfer: Transfer
            do {
                transfer = try Transfer(id: job.id, handle: handle, request: request, options: engine.options)
            } catch {
                recycle(handle)
                engine.finish(id: job.id, outcome: .failure(error), connections: 0, bytes: 0)
                return
            }
            let code = curl_multi_add_handle(multi, handle)
            guard code == CURLM_OK else {
                recycle(handle)
                let detail = "curl_multi_add_handle: " + String(cString: curl_multi_strerror(code))
                engine.finish(id: job.id, outcome: .failure(TransportError(.other, detail)), connections: 0, bytes: 0)
                return
            }
            transfers[job.id] = transfer
            transfersByHandle[handle] = transfer
        }

        /// A cancelled request: take it out of the multi handle, which closes its connection if mid-transfer (or out
        /// of the waiting line, if curl never had it).
        private func abandon(_ id: UInt64) {
            if let index = waiting[waitingHead...].firstIndex(where: { $0.id == id }) {
                waiting.remove(at: index)
                engine.finish(id: id, outcome: .failure(TransportError(.cancelled)), connections: 0, bytes: 0)
                return
            }
            guard let transfer = transfers.removeValue(forKey: id) else { return }
            transfersByHandle[transfer.handle] = nil
            let connections = transfer.connectionsOpened
            curl_multi_remove_handle(multi, transfer.handle)
            recycle(transfer.handle)
            engine.finish(
                id: id, outcome: .failure(TransportError(.cancelled)), connections: connections,
                bytes: transfer.receivedBytes)
        }

        /// Ends the transfers curl says are done; returns how many.
        @discardableResult
        private func collectFinished() -> Int {
            var ended = 0
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                guard let transfer = transfersByHandle.removeValue(forKey: handle) else { continue }
                transfers[transfer.id] = nil
                // Read everything from the handle before it is reset for the next request.
                let outcome = transfer.outcome(code)
                let connections = transfer.connectionsOpened
                curl_multi_remove_handle(multi, handle)
                recycle(handle)
                engine.finish(
                    id: transfer.id, outcome: outcome, connections: connections, bytes: transfer.receivedBytes)
                ended += 1
            }
            return ended
        }

        /// Clears the handle's options (they point into the finished transfer) and keeps it for the next request.
        private func recycle(_ handle: UnsafeMutableRawPointer) {
            curl_easy_reset(handle)
            if idleHandles.count < Self.idleHandleLimit {
                idleHandles.append(handle)
            } else {
                curl_easy_cleanup(handle)
            }
        }

        /// The engine already failed every waiting caller; only the handles remain to free.
        private func tearDown() {
            for transfer in transfers.values {
                curl_multi_remove_handle(multi, transfer.handle)
                curl_easy_cleanup(transfer.handle)
            }
            transfers.removeAll()
            transfersByHandle.removeAll()
            waiting.removeAll()
            for handle in idleHandles { curl_easy_cleanup(handle) }
            idleHandles.removeAll()
        }
    }
}
