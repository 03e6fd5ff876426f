public import Foundation
public import OKX

/// The swaps OKX lists, read once and refreshed hourly (or at once when an unknown instrument shows up).
public actor InstrumentCatalog {
    private let client: OKXClient
    private let maxAge: TimeInterval
    private let clock: any WallClock
    private var instruments: [String: Instrument] = [:]
    private var loadedAt: Date?
    private var loading: Task<[String: Instrument], any Error>?

    /// - Parameter client: any client of the base URL (the endpoint is public).
    public init(client: OKXClient, maxAge: TimeInterval = 3600, clock: any WallClock = SystemClock()) {
        self.client = client
        self.maxAge = maxAge
        self.clock = clock
    }

    /// Every instrument, refreshed when older than `maxAge`.
    public func all() async throws -> [String: Instrument] {
        if let loadedAt, clock.now().timeIntervalSince(loadedAt) < maxAge { return instruments }
        return try await reload()
    }

    /// One instrument; an unknown id triggers one reload (a new listing).
    public func instrument(_ instId: String) async throws -> Instrument? {
        if let known = try await all()[instId] { return known }
        return try await reload()[instId]
    }

    /// Whatever is loaded, without any request.
    public var cached: [String: Instrument] { instruments }

    /// Whatever is loaded, and how many loads made it (so a reader can tell a list it has seen from a new one).
    public var cachedWithLoad: (instruments: [String: Instrument], load: Int) { (instruments, loads) }
    private var loads = 0

    /// Reads the list again now. Concurrent callers share one request.
    @discardableResult
    public func reload() async throws -> [String: Instrument] {
        if let loading { return try await loading.value }
        let client = self.client
        let task = Task { () async throws -> [String: Instrument] in
            let list = try await client.swapInstruments()
            return Dictionary(list.map { ($0.instId, $0) }, uniquingKeysWith: { first, _ in first })
        }
        loading = task
        defer { loading = nil }
        let loaded = try await task.value
        instruments = loaded
        loads += 1
        loadedAt = clock.now()
        return loaded
    }
}
