public import Foundation

/// A parsed JSON document. OKX replies are decoded into this first, then read field by field, so that
/// `""` can mean "absent", unknown fields are ignored, and a number sent as a string keeps every digit.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A JSON number, kept as the text the decoder could recover (OKX sends numbers as strings; this is a fallback).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses UTF-8 JSON text, strictly (see `JSONParser`).
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONParser.parse(bytes)
    }

    /// Parses as `parse(_:)` does, keeping in the objects at `filter`'s depth only the members it names.
    package static func parse(_ bytes: [UInt8], keeping filter: JSONKeyFilter?) throws -> JSONValue {
        try JSONParser.parse(bytes, filter: filter)
    }

    /// The object's members, if this is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}

/// Why a reply's data could not be read into a model.
public struct DecodingFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var problem: String

    public var description: String { "field \(field): \(problem)" }
}

/// Typed, forgiving-where-OKX-is access to one object of a reply's `data` array.
public struct OKXFields: Sendable {
    private enum Storage: Sendable {
        case members([String: JSONValue])
        case record(FieldRecord)
    }

    private let storage: Storage

    /// Every member, by name.
    public var members: [String: JSONValue] {
        switch storage {
        case .members(let members): members
        case .record(let record): record.members
        }
    }

    public init(_ value: JSONValue) throws(DecodingFailure) {
        guard let members = value.objectValue else {
            throw DecodingFailure(field: "data[]", problem: "expected an object")
        }
        storage = .members(members)
    }

    /// The fields of one object read into a record (see `JSONParser.parseRecords`).
    init(record: FieldRecord) {
        storage = .record(record)
    }

    /// The members of one object.
    init(members: [String: JSONValue]) {
        storage = .members(members)
    }

    /// One member, wherever the fields are kept.
    func member(_ name: String) -> JSONValue? {
        switch storage {
        case .members(let members): members[name]
        case .record(let record): record.value(name)
        }
    }

    /// The text of a field; nil when missing, null or `""`.
    public func optionalString(_ name: String) throws(DecodingFailure) -> String? {
        switch member(name) {
        case nil, .null: return nil
        case .string(let text): return text.isEmpty ? nil : text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: throw DecodingFailure(field: name, problem: "expected a string")
        }
    }

    /// The text of a field that must be present.
    public func string(_ name: String) throws(DecodingFailure) -> String {
        guard let text = try optionalString(name) else {
            throw DecodingFailure(field: name, problem: "missing")
        }
        return text
    }

    /// A decimal field; nil when missing or `""`; an error when the text is not a number.
    public func optionalDecimal(_ name: String) throws(DecodingFailure) -> Decimal? {
        // From a record, the usual number is read from its bytes, with no `String` made for it.
        if case .record(let record) = storage, case .text(let start, let end, let quoted) = record.slot(name) {
            if quoted && start == end { return nil }
            if let value = record.withText(start: start, end: end, { OKXDecimal.parsePlain($0) }) { return value }
        }
        guard let text = try optionalString(name) else { return nil }
        guard let value = OKXDecimal.parse(text) else {
            throw DecodingFailure(field: name, problem: "not a decimal number: \"\(text.prefix(40))\"")
        }
        return value
    }

    /// A decimal field that must be present.
    public func decimal(_ name: String) throws(DecodingFailure) -> Decimal {
        guard let value = try optionalDecimal(name) else {
            throw DecodingFailure(field: name, problem: "missing")
        }
        return value
    }

    /// An integer field (timestamps in ms, tiers); nil when missing or `""`.
    public func optionalInt64(_ name: String) throws(DecodingFailure) -> Int64? {
        guard let text = try optionalString(name) else { return nil }
        guard let value = Int64(text) else {
            throw DecodingFailure(field: name, problem: "not an integer: \"\(text.prefix(40))\"")
        }
        return value
    }

    /// A boolean sent as `true`/`false` or as the strings "true"/"false".
    public func optionalBool(_ name: String) throws(DecodingFailure) -> Bool? {
        switch member(name) {
        case nil, .null: return nil
        case .bool(let flag): return flag
        case .string(let text):
            if text.isEmpty { return nil }
            if text == "true" { return true }
            if text == "false" { return false }
            throw DecodingFailure(field: name, problem: "not a boolean: \"\(text.prefix(40))\"")
        default: throw DecodingFailure(field: name, problem: "expected a boolean")
        }
    }
}

/// A model read from one object of OKX's `data` array.
public protocol OKXDecodable: Sendable {
    init(fields: OKXFields) throws(DecodingFailure)
}

/// A model read on every poll, whose reply objects are parsed keeping only the fields it reads: a position reply
/// carries about sixty fields per position, the model reads about twenty.
package protocol FieldFilteredDecodable: OKXDecodable {
    /// Every field `init(fields:)` reads.
    static var decodedFields: [String] { get }
    /// `JSONKeyFilter.dataItems(keeping: decodedFields)`, made once.
    static var dataItemFilter: JSONKeyFilter { get }
}

extension JSONKeyFilter {
    /// The filter for the objects of a reply's `data` array (the envelope is depth 1, the array 2), keeping also
    /// the per-item outcome the envelope reader checks.
    package static func dataItems(keeping names: [String]) -> JSONKeyFilter {
        JSONKeyFilter(depth: 3, keeping: names + ["sCode", "sMsg"])
    }
}
