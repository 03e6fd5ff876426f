import TOMLKit

/// A parsed TOML value copied out of TOMLKit into plain Swift, so the checks that follow are pure and Sendable and
/// do not depend on how TOMLKit exposes its nodes.
enum TOMLNode: Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// Keys in sorted order, as toml++ keeps them.
    case table([(key: String, value: TOMLNode)])
    case array([TOMLNode])
    /// A date, a time or a date-time, which nothing in the config uses; the name is kept for messages.
    case other(String)

    /// Copies a TOMLKit table.
    init(_ table: TOMLTable) {
        self = .table(table.map { key, value in (key, TOMLNode(value)) })
    }

    /// Copies any TOMLKit value.
    init(_ value: any TOMLValueConvertible) {
        switch value.type {
        case .string: self = .string(value.string ?? "")
        case .int: self = .integer(value.int ?? 0)
        case .double: self = .float(value.double ?? 0)
        case .bool: self = .boolean(value.bool ?? false)
        case .table: self = value.table.map { TOMLNode($0) } ?? .table([])
        case .array: self = .array(value.array.map { $0.map { TOMLNode($0) } } ?? [])
        case .date: self = .other("a date")
        case .time: self = .other("a time")
        case .dateTime: self = .other("a date-time")
        }
    }

    /// The value of `key` in a table, or nil.
    subscript(key: String) -> TOMLNode? {
        guard case .table(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// What kind of value this is, for "found …" in messages: "a string", "an integer", "a table"…
    var kindName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .table: "a table"
        case .array: "an array"
        case .other(let name): name
        }
    }

    /// The value as the user wrote it, for "found …" in messages; long text is cut, and tables and arrays are
    /// named by kind. Never call this on a secret: use `kindName`.
    var shownText: String {
        switch self {
        case .string(let text):
            let cut = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "\""
                + cut.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }
                .joined() + "\""
        case .integer(let value): return String(value)
        case .float(let value): return String(value)
        case .boolean(let value): return String(value)
        default: return kindName
        }
    }
}
