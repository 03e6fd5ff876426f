public import Foundation
public import Logging
import OKX

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's log: one line per event on standard error, at a level journald understands.
///
/// Under systemd (`JOURNAL_STREAM` is set when standard error is connected to the journal) each line starts with
/// the syslog priority in angle brackets (`<3>` error … `<7>` debug), which journald turns into the entry's
/// priority and strips, and carries no time stamp (journald adds its own). Elsewhere a line starts with the UTC
/// time and the level's name. A message's line breaks become " | ", so one event is always one line, and the
/// metadata follows as `key=value`.
public struct LineLogHandler: LogHandler {
    public enum Style: Sendable, Equatable {
        /// `<5>okx-anchor: daemon started …`
        case journal
        /// `2026-12-04T18:30:00Z notice okx-anchor: daemon started …`
        case plain
    }

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public let label: String
    let style: Style
    let write: @Sendable (String) -> Void

    public init(
        label: String, level: Logger.Level, style: Style,
        write: @escaping @Sendable (String) -> Void = LineLogHandler.writeToStandardError
    ) {
        self.label = label
        self.logLevel = level
        self.style = style
        self.write = write
    }

    /// `.journal` when standard error goes to the journal, else `.plain`.
    public static func style(environment: [String: String]) -> Style {
        environment["JOURNAL_STREAM"].map { !$0.isEmpty } == true ? .journal : .plain
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(line(event.level, event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }

    /// The whole line, with its newline.
    func line(_ level: Logger.Level, _ message: String, metadata: Logger.Metadata, now: Date = Date()) -> String {
        var text = message.split(whereSeparator: \.isNewline).joined(separator: " | ")
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            text += " \(key)=\("\(value)".split(whereSeparator: \.isNewline).joined(separator: " | "))"
        }
        switch style {
        case .journal:
            return "<\(Self.priority(level))>\(label): \(text)\n"
        case .plain:
            return "\(Self.timestamp(now)) \(level.rawValue) \(label): \(text)\n"
        }
    }

    /// syslog's priorities: error 3, warning 4, notice 5, info 6, debug 7 (trace too); critical 2.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    /// `2026-12-04T18:30:00Z`: OKX's UTC time stamp without its milliseconds.
    static func timestamp(_ date: Date) -> String {
        String(OKXTimestamp.string(from: date).dropLast(".000Z".count)) + "Z"
    }

    /// One write(2) per line, so that lines from several tasks never interleave.
    @Sendable public static func writeToStandardError(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
