extension Canvas {
    /// The characters of every row, trailing spaces trimmed, rows joined by newlines (for golden files).
    public func textDump() -> String {
        (0..<rows).map { row in
            var line = ""
            for col in 0..<cols where !self[row, col].isContinuation {
                line.append(self[row, col].character)
            }
            while line.last == " " {
                line.removeLast()
            }
            return line
        }.joined(separator: "\n")
    }

    /// One character per cell naming its role (``StyleRole/dumpSymbol``), continuation cells repeating their head
    /// so columns line up with the text; then one line per run of cells with attributes, as
    /// `row 3 cols 0-9: bold+underline`.
    public func styleDump() -> String {
        var lines: [String] = []
        for row in 0..<rows {
            lines.append(String((0..<cols).map { self[row, $0].role.dumpSymbol }))
        }
        for row in 0..<rows {
            var col = 0
            while col < cols {
                let attributes = self[row, col].attributes
                var end = col
                while end + 1 < cols && self[row, end + 1].attributes == attributes {
                    end += 1
                }
                if !attributes.isEmpty {
                    lines.append("row \(row) cols \(col)-\(end): \(attributes.names)")
                }
                col = end + 1
            }
        }
        return lines.joined(separator: "\n")
    }

    /// What a golden file holds: the size, the text dump, and the style dump under a legend of the roles used.
    public func goldenDump() -> String {
        let used = StyleRole.allCases.filter { role in cells.contains { $0.role == role } }
        let legend = used.map { "\($0.dumpSymbol)=\($0.rawValue)" }.joined(separator: " ")
        return """
            canvas \(rows)x\(cols)
            -- text
            \(textDump())
            -- style (\(legend))
            \(styleDump())

            """
    }
}
