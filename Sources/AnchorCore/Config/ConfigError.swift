/// A config file the program will not run with, said in one line that names the file, the line and the key.
///
/// `description` reads `FILE:LINE: policy.leverage: expected a number from 1 to 125, found "ten"`; a syntax error
/// adds the column (`FILE:LINE:COLUMN: …`). An error about the file as a whole (missing, unreadable, readable by
/// others) has neither line nor key, and its message reads as a sentence about the file:
/// `FILE is readable by others (mode 0644) and holds secrets: run chmod 600 FILE`.
///
/// No message ever quotes the value of `api_key`, `secret_key` or `passphrase`.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The config file, as the user named it (or the default path).
    public var file: String
    /// 1-based line of the key or of its table's header, when known.
    public var line: Int?
    /// 1-based column, known only for TOML syntax errors.
    public var column: Int?
    /// Where in the document, e.g. `policy.leverage`, `accounts[1].secret_key_env` (account indexes from 0).
    public var keyPath: String?
    /// What is wrong and, where it helps, what to write instead.
    public var message: String

    /// Makes an error; `message` must not hold a secret.
    public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    /// One line: `FILE:LINE: key.path: message`, or `FILE message` for an error about the whole file.
    public var description: String {
        guard line != nil || keyPath != nil else { return "\(file) \(message)" }
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let keyPath { text += ": \(keyPath)" }
        return text + ": " + message
    }
}
