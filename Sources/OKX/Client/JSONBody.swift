/// A request body built field by field in a fixed order, as compact JSON. The exact text is what gets signed.
public struct JSONBody: Sendable, Hashable {
    private var fields: [(String, String)] = []

    public init() {}

    /// Adds a string field.
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, "\"" + Self.escape(value) + "\""))
    }

    /// Adds a boolean field (OKX takes `autoCxl` as a real JSON boolean).
    public mutating func add(_ name: String, _ value: Bool) {
        fields.append((name, value ? "true" : "false"))
    }

    /// The compact JSON text.
    public var text: String {
        "{" + fields.map { "\"\(Self.escape($0.0))\":\($0.1)" }.joined(separator: ",") + "}"
    }

    public static func == (lhs: JSONBody, rhs: JSONBody) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// JSON string escaping (quotes, backslashes, control characters).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A query string in a fixed order. Values are percent-encoded except for characters OKX sends as they are
/// (letters, digits, `-_.~` and the comma of instId lists).
public struct QueryString: Sendable, Hashable {
    private var pairs: [(String, String)] = []

    public init() {}

    /// Adds a parameter; nil and empty values are left out, as OKX's own clients do.
    public mutating func add(_ name: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        pairs.append((name, value))
    }

    /// `a=1&b=2`, or empty.
    public var text: String {
        pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    public static func == (lhs: QueryString, rhs: QueryString) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"), UInt8(ascii: ","):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
