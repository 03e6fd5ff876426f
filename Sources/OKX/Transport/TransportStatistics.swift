/// Running totals of a transport since it started, for the dashboard header and the benchmark.
public struct TransportStatistics: Sendable, Hashable {
    /// Requests that got a response back, whatever its status.
    public var requestsCompleted: Int
    /// Requests that ended in a `TransportError`, cancellations included.
    public var requestsFailed: Int
    /// New connections opened (libcurl's `CURLINFO_NUM_CONNECTS`, summed); a reused connection adds nothing.
    public var connectionsOpened: Int
    /// Response bytes received, status lines and headers included.
    public var bytesReceived: Int
    /// Requests sent and still waiting for their outcome now.
    public var requestsInFlight: Int

    /// Totals as given; all zero by default.
    public init(
        requestsCompleted: Int = 0, requestsFailed: Int = 0, connectionsOpened: Int = 0, bytesReceived: Int = 0,
        requestsInFlight: Int = 0
    ) {
        self.requestsCompleted = requestsCompleted
        self.requestsFailed = requestsFailed
        self.connectionsOpened = connectionsOpened
        self.bytesReceived = bytesReceived
        self.requestsInFlight = requestsInFlight
    }
}
