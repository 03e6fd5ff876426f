import Foundation

/// Writes one JSON object by hand: OKX's wire format is all strings, and `JSONEncoder` is too slow for the
/// hot paths. Keys are our own constants; string values are escaped.
struct JSONObjectWriter {
    private(set) var text: String
    private var empty = true

    init(capacity: Int = 512) {
        text = "{"
        text.reserveCapacity(capacity)
    }

    /// A string field.
    mutating func field(_ key: String, _ value: String) {
        open(key)
        JSONObjectWriter.appendQuoted(value, to: &text)
    }

    /// A decimal, as OKX writes numbers: a JSON string.
    mutating func field(_ key: String, _ value: Decimal) {
        open(key)
        text.append("\"")
        text.append(value.text)
        text.append("\"")
    }

    /// A decimal that may not apply: `""` when nil.
    mutating func field(_ key: String, _ value: Decimal?) {
        if let value { field(key, value) } else { field(key, "") }
    }

    /// An integer (ms timestamps, codes) as a JSON string.
    mutating func field(_ key: String, _ value: Int64) {
        open(key)
        text.append("\"")
        text.append(String(value))
        text.append("\"")
    }

    /// Raw JSON (a bool, an array, a nested object).
    mutating func raw(_ key: String, _ json: String) {
        open(key)
        text.append(json)
    }

    /// Closes the object and returns it.
    mutating func finish() -> String {
        text.append("}")
        return text
    }

    private mutating func open(_ key: String) {
        if empty { empty = false } else { text.append(",") }
        text.append("\"")
        text.append(key)
        text.append("\":")
    }

    /// Appends `value` as a JSON string literal, escaping quotes, backslashes and control characters.
    static func appendQuoted(_ value: String, to text: inout String) {
        text.append("\"")
        let needsEscape = value.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        if !needsEscape {
            text.append(value)
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text.append("\\\"")
                case "\\": text.append("\\\\")
                case "\n": text.append("\\n")
                case "\r": text.append("\\r")
                case "\t": text.append("\\t")
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text.append("\"")
    }

    /// A JSON string literal.
    static func quoted(_ value: String) -> String {
        var text = ""
        appendQuoted(value, to: &text)
        return text
    }
}

/// OKX's envelope around a list of rows.
enum Envelope {
    /// `{"code":"0","data":[rows],"msg":""}`.
    static func ok(_ rows: [String]) -> String {
        make(code: "0", msg: "", rows: rows)
    }

    /// An error with no data.
    static func error(_ rejection: ExchangeRejection) -> String {
        make(code: rejection.code, msg: rejection.message, rows: [])
    }

    /// Any envelope, with optional extra raw fields (inTime/outTime).
    static func make(code: String, msg: String, rows: [String], extra: [(String, String)] = []) -> String {
        var text = "{\"code\":\""
        text.reserveCapacity(64 + rows.reduce(0) { $0 + $1.utf8.count + 1 })
        text.append(code)
        text.append("\",\"data\":[")
        for (index, row) in rows.enumerated() {
            if index > 0 { text.append(",") }
            text.append(row)
        }
        text.append("],")
        for (key, value) in extra {
            text.append("\"\(key)\":")
            JSONObjectWriter.appendQuoted(value, to: &text)
            text.append(",")
        }
        text.append("\"msg\":")
        JSONObjectWriter.appendQuoted(msg, to: &text)
        text.append("}")
        return text
    }
}
