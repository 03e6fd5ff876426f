/// The line of every key and table header in a TOML text, by key path (`policy.leverage`, `accounts[1].name`,
/// `policy.margin_targets[2]`), because TOMLKit reports positions only for syntax errors.
///
/// It runs on text TOMLKit has already accepted, so it only needs to follow valid TOML: `[table]` and
/// `[[array]]` headers, dotted and quoted keys, inline tables, arrays over several lines, and strings (multi-line
/// ones included) whose text must not be mistaken for keys. `[[name]]` tables are indexed from 0 in order.
struct KeyLocator: Sendable {
    private let lines: [String: Int]

    init(text: String) {
        var scanner = LineScanner(bytes: Array(text.utf8))
        scanner.scanDocument()
        lines = scanner.lines
    }

    /// The line of `path`, or of the nearest enclosing key or header that has one (a missing key is reported at
    /// its table's header).
    func line(of path: String) -> Int? {
        var path = Substring(path)
        while true {
            if let line = lines[String(path)] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = path[..<cut]
        }
    }
}

/// A byte-level walk over TOML text that records the first line of each key path.
private struct LineScanner {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lines: [String: Int] = [:]
    /// How many `[[name]]` headers have been seen, by path without the index.
    var arrayTableCounts: [String: Int] = [:]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    mutating func advance() {
        guard index < bytes.count else { return }
        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
    }

    mutating func record(_ path: String, _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    mutating func scanDocument() {
        var table = ""
        while let byte = current {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): advance()
            case UInt8(ascii: "#"): skipToLineEnd()
            case UInt8(ascii: "["):
                let isArray = peek(1) == UInt8(ascii: "[")
                let headerLine = line
                advance()
                if isArray { advance() }
                let keys = readKey()
                skipToLineEnd()
                guard !keys.isEmpty else { continue }
                table = headerPath(keys, isArray: isArray)
                record(table, headerLine)
            default:
                let keyLine = line
                let keys = readKey()
                skipBlank()
                guard !keys.isEmpty, current == UInt8(ascii: "=") else {
                    skipToLineEnd()
                    continue
                }
                advance()
                let path = join(table, keys)
                record(path, keyLine)
                scanValue(path)
                skipToLineEnd()
            }
        }
    }

    /// The path a header opens; `[[a]]` gets the next index, and a prefix naming an array of tables means its
    /// latest element, as in TOML.
    mutating func headerPath(_ keys: [String], isArray: Bool) -> String {
        var path = ""
        for key in keys.dropLast() {
            path = join(path, [key])
            if let count = arrayTableCounts[path] { path += "[\(count - 1)]" }
        }
        path = join(path, [keys[keys.count - 1]])
        guard isArray else { return path }
        record(path, line)
        let count = (arrayTableCounts[path] ?? 0) + 1
        arrayTableCounts[path] = count
        return path + "[\(count - 1)]"
    }

    func join(_ prefix: String, _ keys: [String]) -> String {
        ([prefix] + keys).filter { !$0.isEmpty }.joined(separator: ".")
    }

    /// A dotted key of bare and quoted parts; empty when there is none here.
    mutating func readKey() -> [String] {
        var keys: [String] = []
        while true {
            skipBlank()
            guard let byte = current else { break }
            var part: [UInt8] = []
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                advance()
                while let next = current, next != byte, next != UInt8(ascii: "\n") {
                    if byte == UInt8(ascii: "\""), next == UInt8(ascii: "\\") { advance() }
                    if let escaped = current { part.append(escaped) }
                    advance()
                }
                advance()
            } else {
                while let next = current, isBareKeyByte(next) {
                    part.append(next)
                    advance()
                }
                if part.isEmpty { break }
            }
            keys.append(String(decoding: part, as: UTF8.self))
            skipBlank()
            guard current == UInt8(ascii: ".") else { break }
            advance()
        }
        return keys
    }

    func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    mutating func scanValue(_ path: String) {
        skipBlank()
        guard let byte = current else { return }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): skipString(quote: byte)
        case UInt8(ascii: "{"): scanInlineTable(path)
        case UInt8(ascii: "["): scanArray(path)
        default:
            while let next = current, !isValueEnd(next) { advance() }
        }
    }

    func isValueEnd(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "\n"),
            UInt8(ascii: "\r"):
            true
        default: false
        }
    }

    mutating func scanInlineTable(_ path: String) {
        advance()
        while current != nil {
            skipSpaceAndComments()
            if current == UInt8(ascii: "}") {
                advance()
                return
            }
            let keyLine = line
            let before = index
            let keys = readKey()
            skipBlank()
            guard !keys.isEmpty, current == UInt8(ascii: "=") else {
                if index == before { advance() }
                continue
            }
            advance()
            let keyPath = join(path, keys)
            record(keyPath, keyLine)
            scanValue(keyPath)
            skipSpaceAndComments()
            if current == UInt8(ascii: ",") { advance() }
        }
    }

    mutating func scanArray(_ path: String) {
        advance()
        var position = 0
        while current != nil {
            skipSpaceAndComments()
            if current == UInt8(ascii: "]") {
                advance()
                return
            }
            let itemPath = "\(path)[\(position)]"
            record(itemPath, line)
            let before = index
            scanValue(itemPath)
            skipSpaceAndComments()
            if current == UInt8(ascii: ",") {
                advance()
                position += 1
            } else if current != UInt8(ascii: "]") && index == before {
                advance()
            }
        }
    }

    mutating func skipString(quote: UInt8) {
        let isMultiLine = peek(1) == quote && peek(2) == quote
        advance()
        if isMultiLine {
            advance()
            advance()
        }
        while let byte = current {
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                advance()
                advance()
                continue
            }
            if !isMultiLine && byte == UInt8(ascii: "\n") { return }
            if byte == quote && (!isMultiLine || (peek(1) == quote && peek(2) == quote)) {
                // A multi-line string may end with up to two more quotes that belong to its text.
                while current == quote { advance() }
                return
            }
            advance()
        }
    }

    mutating func skipBlank() {
        while current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { advance() }
    }

    mutating func skipSpaceAndComments() {
        while let byte = current {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): advance()
            case UInt8(ascii: "#"): skipToLineEnd()
            default: return
            }
        }
    }

    mutating func skipToLineEnd() {
        while let byte = current, byte != UInt8(ascii: "\n") { advance() }
    }
}
