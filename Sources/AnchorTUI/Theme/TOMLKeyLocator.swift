/// Finds the line a dotted key sits on in TOML text, because TOMLKit reports lines for syntax errors only and a
/// theme's bad colour should still be reported with its line.
enum TOMLKeyLocator {
    /// The 1-based line that defines `path` (or the inline table or table header holding it); nil if none does.
    static func line(of path: [String], in text: String) -> Int? {
        var table: [String] = []
        var enclosing: Int?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("#") || line.isEmpty {
                continue
            }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = segments(inner)
                if table == path {
                    return index + 1
                }
                if enclosing == nil && path.starts(with: table) && !table.isEmpty {
                    enclosing = index + 1
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                continue
            }
            let key = table + segments(line[..<equals])
            if key == path {
                return index + 1
            }
            if path.starts(with: key) {
                enclosing = index + 1
            }
        }
        return enclosing
    }

    /// `a . "b" .c` → ["a", "b", "c"].
    private static func segments(_ text: Substring) -> [String] {
        text.split(separator: ".").map { part in
            String(part.trimmingSpaces().trimmingQuotes())
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" {
            text = text.dropFirst()
        }
        while let last = text.last, last == " " || last == "\t" {
            text = text.dropLast()
        }
        return text
    }

    fileprivate func trimmingQuotes() -> Substring {
        var text = self
        if text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" {
            text = text.dropFirst().dropLast()
        }
        return text
    }
}
