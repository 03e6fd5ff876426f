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

        init(engine: Engine) {
            self.engine = engine
            // The engine only starts a loop once it holds a multi handle.
            self.multi = engine.multi!
        }

        func run() {
            while let work = engine.takeWork() {
                for job in work.jobs { start(job) }
                for id in work.cancelled { abandon(id) }
                var running: Int32 = 0
                curl_multi_perform(multi, &running)
                collectFinished()
                if engine.prepareToSleep() {
                    curl_multi_poll(multi, nil, 0, Self.pollTimeoutMilliseconds, nil)
                    engine.didWake()
                }
            }
            tearDown()
        }

        private func start(_ job: Engine.Job) {
            guard let handle = idleHandles.popLast() ?? curl_easy_init() else {
                engine.finish(
                    id: job.id, outcome: .failure(TransportError(.other, "curl_easy_init failed")), connections: 0,
                    bytes: 0)
                return
            }
            let transfer: Transfer
            do {
                transfer = try Transfer(id: job.id, handle: handle, request: job.request, options: engine.options)
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

        /// A cancelled request: take it out of the multi handle, which closes its connection if mid-transfer.
        private func abandon(_ id: UInt64) {
            guard let transfer = transfers.removeValue(forKey: id) else { return }
            transfersByHandle[transfer.handle] = nil
            let connections = transfer.connectionsOpened
            curl_multi_remove_handle(multi, transfer.handle)
            recycle(transfer.handle)
            engine.finish(
                id: id, outcome: .failure(TransportError(.cancelled)), connections: connections,
                bytes: transfer.receivedBytes)
        }

        private func collectFinished() {
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
            }
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
            for handle in idleHandles { curl_easy_cleanup(handle) }
            idleHandles.removeAll()
        }
    }
}
