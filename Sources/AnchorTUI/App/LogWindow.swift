public import AnchorStore

/// The part of the event history the log pane holds, and where the reader is in it.
///
/// Events are kept oldest first, as the pane shows them (newest at the bottom). With no cursor the pane follows the
/// newest event; moving the cursor pins the view, and reaching the oldest event held asks the store for an older page.
public struct LogWindow: Sendable, Hashable {
    /// The most events held; older ones are dropped while following and fetched again when scrolled to.
    public static let limit = 5000
    /// Events fetched per page.
    public static let pageSize = 200

    /// The events held, oldest first.
    public private(set) var events: [EventRecord] = []
    /// The highlighted event (an index into `events`); nil follows the newest.
    public private(set) var cursor: Int?
    /// The first event shown when pinned; nil when following.
    public private(set) var top: Int?
    /// The store has events older than the oldest held.
    public private(set) var hasOlder = false
    /// An older page has been asked for and not come yet.
    public private(set) var loadingOlder = false
    /// The first page has come.
    public private(set) var loaded = false

    /// An empty window.
    public init() {}

    /// The newest event's id, to ask for newer ones.
    public var newestId: Int64? { events.last?.id }

    /// True when the pane shows the newest events as they come.
    public var isFollowing: Bool { cursor == nil }

    /// The events shown in `lines` lines.
    public func visibleRange(lines: Int) -> Range<Int> {
        guard lines > 0, !events.isEmpty else { return 0..<0 }
        let first = top ?? max(0, events.count - lines)
        let start = max(0, min(first, events.count - 1))
        return start..<min(events.count, start + lines)
    }

    /// Takes a page from the store.
    public mutating func receive(_ page: [EventRecord], _ kind: LogPage) {
        switch kind {
        case .latest(let hasOlder):
            events = page
            self.hasOlder = hasOlder
            cursor = nil
            top = nil
            loaded = true
        case .newer:
            let newest = newestId ?? Int64.min
            events += page.filter { ($0.id ?? Int64.min) > newest }
            loaded = true
            if isFollowing && events.count > Self.limit {
                events.removeFirst(events.count - Self.limit)
                hasOlder = true
            }
        case .older(let hasOlder):
            loadingOlder = false
            self.hasOlder = hasOlder
            let oldest = events.first?.id ?? Int64.max
            let older = page.filter { ($0.id ?? Int64.max) < oldest }
            events.insert(contentsOf: older, at: 0)
            cursor = cursor.map { $0 + older.count }
            top = top.map { $0 + older.count }
        }
    }

    /// Moves the cursor by `delta` events, showing `lines` lines. Returns the id to load older events before, when
    /// the cursor reached the oldest event held and the store has more.
    public mutating func move(by delta: Int, lines: Int) -> Int64? {
        guard !events.isEmpty else { return nil }
        let start = cursor ?? events.count - (delta < 0 ? 0 : 1)
        let target = max(0, min(events.count - 1, start + delta))
        pin(at: target, lines: lines)
        return olderNeeded()
    }

    /// The oldest event held; asks for older ones.
    public mutating func moveToOldest(lines: Int) -> Int64? {
        guard !events.isEmpty else { return nil }
        pin(at: 0, lines: lines)
        return olderNeeded()
    }

    /// Back to following the newest event.
    public mutating func follow() {
        cursor = nil
        top = nil
    }

    /// The highlighted event.
    public var selectedEvent: EventRecord? {
        cursor.flatMap { $0 < events.count ? events[$0] : nil }
    }

    /// Keeps the cursor on screen after the pane changed height.
    public mutating func fit(lines: Int) {
        if let cursor { pin(at: cursor, lines: lines) }
    }

    private mutating func pin(at index: Int, lines: Int) {
        cursor = index
        let height = max(1, lines)
        var first = top ?? max(0, events.count - height)
        if index < first { first = index }
        if index >= first + height { first = index - height + 1 }
        top = max(0, first)
    }

    private mutating func olderNeeded() -> Int64? {
        guard cursor == 0, hasOlder, !loadingOlder, let oldest = events.first?.id else { return nil }
        loadingOlder = true
        return oldest
    }
}
