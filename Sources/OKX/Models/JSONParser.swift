/// A strict JSON parser from UTF-8 bytes to `JSONValue`.
///
/// Written by hand because decoding through `JSONDecoder` into an enum tries each type in turn and throws on every
/// miss: it was the most expensive part of a poll. Numbers keep their text, so a decimal never passes through a
/// `Double`. Depth is limited, so a hostile reply cannot exhaust the stack.
struct JSONParser {
    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var problem: String
        var description: String { "invalid JSON at byte \(offset): \(problem)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    /// Members to keep in the objects at one depth; the others are checked as strictly, but not built.
    private let filter: JSONKeyFilter?
    private var index = 0
    private var depth = 0
    /// The member count of the last object closed at each depth: the objects of one array (the positions of a
    /// reply) have the same fields, so the next one reserves that room instead of growing its table six times.
    private var objectSizes: [Int] = []
    private static let maxDepth = 64
    /// Set by `parseRecords`: the document whose bytes the records point into.
    private let recordBody: [UInt8]?
    /// The objects of the root's `data` array read into slots, in order (see `parseRecords`).
    private var records: [FieldRecord] = []
    /// True while the value of the root object's `data` member is being read.
    private var inData = false

    private init(_ bytes: UnsafeBufferPointer<UInt8>, filter: JSONKeyFilter?, recordBody: [UInt8]? = nil) {
        self.bytes = bytes
        self.filter = filter
        self.recordBody = recordBody
    }

    /// Parses one whole document; anything but whitespace after it is an error. With `filter`, the objects at its
    /// depth keep only its members: the document must still be valid JSON throughout, and fails exactly where the
    /// unfiltered parse would.
    static func parse(_ input: [UInt8], filter: JSONKeyFilter? = nil) throws(Failure) -> JSONValue {
        let result: Result<JSONValue, Failure> = input.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer, filter: filter)
            do throws(Failure) {
                parser.skipWhitespace()
                let value = try parser.value()
                parser.skipWhitespace()
                guard parser.index == buffer.count else { throw parser.failure("text after the end of the document") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses as `parse(_:filter:)` does, except that the objects of the root's `data` array are not built: each
    /// becomes a `FieldRecord` (a slot per field `filter` keeps, pointing into `input`) and stands in the document
    /// as an empty object. The document is checked as strictly as by `parse`, and fails exactly where it would.
    static func parseRecords(
        _ input: [UInt8], filter: JSONKeyFilter
    ) throws(Failure) -> (document: JSONValue, records: [FieldRecord]) {
        let result: Result<(JSONValue, [FieldRecord]), Failure> = input.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer, filter: filter, recordBody: input)
            do throws(Failure) {
                parser.skipWhitespace()
                let value = try parser.value()
                parser.skipWhitespace()
                guard parser.index == buffer.count else { throw parser.failure("text after the end of the document") }
                return .success((value, parser.records))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func failure(_ problem: String) -> Failure { Failure(offset: index, problem: problem) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value() throws(Failure) -> JSONValue {
        guard let byte = current else { throw failure("unexpected end") }
        switch byte {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        default:
            throw failure("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("unexpected end") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw failure("unexpected character")
        }
        index += count
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > Self.maxDepth { throw failure("nested too deeply") }
    }

    private mutating func object() throws(Failure) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        let level = depth
        if let recordBody, let filter, inData, level == filter.depth {
            return try record(keptBy: filter, body: recordBody)
        }
        var members: [String: JSONValue] = [:]
        if level < objectSizes.count, objectSizes[level] > 0 { members.reserveCapacity(objectSizes[level]) }
        defer {
            while objectSizes.count <= level { objectSizes.append(0) }
            objectSizes[level] = members.count
        }
        let kept = filter.flatMap { $0.depth == level ? $0 : nil }
        let marksData = recordBody != nil && level == 1
        try forEachMember { (parser: inout JSONParser) throws(Failure) in
            let key = try parser.key(keptBy: kept)
            try parser.colon()
            if let key {
                if marksData {
                    parser.inData = key == "data"
                    // A repeated `data` replaces the earlier one in the document, and so do its records.
                    if parser.inData { parser.records.removeAll() }
                }
                members[key] = try parser.value()
                if marksData { parser.inData = false }
            } else {
                try parser.skipValue()
            }
        }
        return .object(members)
    }

    /// One object of the `data` array, after its `{`, as a record; an empty object stands for it in the document.
    private mutating func record(keptBy filter: JSONKeyFilter, body: [UInt8]) throws(Failure) -> JSONValue {
        var slots = [FieldRecord.Slot](repeating: .absent, count: filter.names.count)
        try forEachMember { (parser: inout JSONParser) throws(Failure) in
            let slot = try parser.slot(keptBy: filter)
            try parser.colon()
            if let slot {
                slots[slot] = try parser.slotValue()
            } else {
                try parser.skipValue()
            }
        }
        records.append(FieldRecord(body: body, filter: filter, slots: slots))
        return .object([:])
    }

    /// A member's slot in `filter`; nil when it keeps no such member.
    private mutating func slot(keptBy filter: JSONKeyFilter) throws(Failure) -> Int? {
        let start = index
        if let plain = plainString() {
            return filter.slot(of: plain)
        }
        index = start
        return filter.slot(of: try string())
    }

    /// A kept member's value: a plain string's or a number's place in the bytes, anything else built.
    private mutating func slotValue() throws(Failure) -> FieldRecord.Slot {
        let start = index
        guard let byte = current else { throw failure("unexpected end") }
        switch byte {
        case UInt8(ascii: "\""):
            if plainString() != nil {
                return .text(start: start + 1, end: index - 1, quoted: true)
            }
            index = start
            return .value(.string(try string()))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
            return .text(start: start, end: index, quoted: false)
        default:
            return .value(try value())
        }
    }

    private mutating func array() throws(Failure) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        try forEachElement { (parser: inout JSONParser) throws(Failure) in elements.append(try parser.value()) }
        return .array(elements)
    }

    /// An object's members after its `{`, through its `}`: `member` reads each one from its key's opening quote to
    /// the end of its value. The one place the object grammar is written, for values built and values skipped.
    @inline(__always)
    private mutating func forEachMember(_ member: (inout JSONParser) throws(Failure) -> Void) throws(Failure) {
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a key") }
            try member(&self)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return
            default: throw failure("expected ',' or '}'")
            }
        }
    }

    /// An array's elements after its `[`, through its `]`, each read by `element`.
    @inline(__always)
    private mutating func forEachElement(_ element: (inout JSONParser) throws(Failure) -> Void) throws(Failure) {
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return
            default: throw failure("expected ',' or ']'")
            }
        }
    }

    /// The `:` after a key, and the whitespace around it.
    private mutating func colon() throws(Failure) {
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw failure("expected ':'") }
        index += 1
        skipWhitespace()
    }

    /// A member's key; nil when `filter` is given and does not keep it (then no `String` is made for a plain key).
    private mutating func key(keptBy filter: JSONKeyFilter?) throws(Failure) -> String? {
        guard let filter else { return try string() }
        let start = index
        if let plain = plainString() {
            return filter.contains(plain) ? String(decoding: plain, as: UTF8.self) : nil
        }
        index = start
        let text = try string()
        return filter.contains(text) ? text : nil
    }

    /// A string without escapes or control characters, as its bytes (between the quotes), the index past its
    /// closing quote; nil, with the index left anywhere, for any other string (the caller parses it in full).
    private mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// Checks one value as `value()` would, without building it.
    private mutating func skipValue() throws(Failure) {
        guard let byte = current else { throw failure("unexpected end") }
        switch byte {
        case UInt8(ascii: "{"):
            try enter()
            defer { depth -= 1 }
            index += 1
            try forEachMember { (parser: inout JSONParser) throws(Failure) in
                try parser.skipString()
                try parser.colon()
                try parser.skipValue()
            }
        case UInt8(ascii: "["):
            try enter()
            defer { depth -= 1 }
            index += 1
            try forEachElement { (parser: inout JSONParser) throws(Failure) in try parser.skipValue() }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw failure("unexpected character")
        }
    }

    /// Checks one string as `string()` would; only a string with escapes is built (to check them).
    private mutating func skipString() throws(Failure) {
        let start = index
        if plainString() != nil { return }
        index = start
        _ = try string()
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("control character in a string") }
            index += 1
        }
        var scalars = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escape = current else { throw failure("unexpected end") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard current == UInt8(ascii: "\\"), index + 1 < bytes.count,
                            bytes[index + 1] == UInt8(ascii: "u")
                        else { throw failure("lone surrogate") }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw failure("bad surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw failure("lone surrogate")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("bad \\u escape") }
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw failure("bad escape")
                }
            default:
                if byte < 0x20 { throw failure("control character in a string") }
                scalars.append(byte)
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("unexpected end") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: throw failure("bad \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func number() throws(Failure) -> String {
        let start = index
        try skipNumber()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Checks one number and moves past it.
    private mutating func skipNumber() throws(Failure) {
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, (48...57).contains(first) else { throw failure("bad number") }
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            while let byte = current, (48...57).contains(byte) { index += 1 }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, (48...57).contains(byte) else { throw failure("bad number") }
            while let byte = current, (48...57).contains(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, (48...57).contains(byte) else { throw failure("bad number") }
            while let byte = current, (48...57).contains(byte) { index += 1 }
        }
    }
}

/// The member names a reader keeps in the objects at one depth of a document (1 is the document's own object, 3 the
/// objects of its `data` array), matched on their bytes so the members skipped cost no `String`. Each name has a
/// slot, its place in `names`, where a `FieldRecord` keeps its value.
package struct JSONKeyFilter: Sendable {
    /// The depth of the objects filtered.
    package let depth: Int
    /// The names kept, once each, in the order first given.
    package let names: [String]
    /// The names' bytes and slots, by their length in UTF-8 bytes.
    private let byLength: [[(name: [UInt8], slot: Int)]]

    package init(depth: Int, keeping names: [String]) {
        self.depth = depth
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        self.names = unique
        let longest = unique.map(\.utf8.count).max() ?? 0
        var byLength = [[(name: [UInt8], slot: Int)]](repeating: [], count: longest + 1)
        for (slot, name) in unique.enumerated() { byLength[name.utf8.count].append((Array(name.utf8), slot)) }
        self.byLength = byLength
    }

    /// The slot of the name spelled by `key`'s bytes; nil when it is not kept.
    func slot(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard key.count < byLength.count else { return nil }
        for entry in byLength[key.count] where Self.same(entry.name, key) {
            return entry.slot
        }
        return nil
    }

    func slot(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { slot(of: $0) }
    }

    func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool { slot(of: key) != nil }

    func contains(_ key: String) -> Bool { slot(of: key) != nil }

    /// Byte by byte, for names of equal length.
    private static func same(_ name: [UInt8], _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        name.withUnsafeBufferPointer { name in
            for offset in 0..<name.count where name[offset] != key[offset] { return false }
            return true
        }
    }
}
