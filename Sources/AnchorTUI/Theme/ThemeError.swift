/// Why a theme file could not be used, with where: the file, the line and the key.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path as it was given.
    public var file: String
    /// 1-based; nil when the problem is the file as a whole (it cannot be read).
    public var line: Int?
    /// The dotted key (`roles.profit.fg`); nil for a syntax error.
    public var key: String?
    /// What is wrong with the value.
    public var message: String

    /// An error at a place in a file.
    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `theme FILE, line N, key K: MESSAGE`.
    public var description: String {
        var place = file
        if let line {
            place += ", line \(line)"
        }
        if let key {
            place += ", key \(key)"
        }
        return "theme \(place): \(message)"
    }
}
