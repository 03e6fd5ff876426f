/// Why the dashboard will not take over this terminal, in words that say what to run instead.
public struct TerminalRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is missing.
    public enum Reason: Sendable, Hashable {
        case terminalTypeUnset
        case dumbTerminal
        case inputNotTerminal
        case outputNotTerminal
    }

    /// What is missing.
    public var reason: Reason

    /// A refusal for `reason`.
    public init(reason: Reason) {
        self.reason = reason
    }

    /// One line: what is wrong and what to run instead.
    public var description: String {
        let problem: String
        switch reason {
        case .terminalTypeUnset:
            problem = "TERM is not set, so there is no terminal description to draw with"
        case .dumbTerminal:
            problem = "TERM=dumb cannot move the cursor"
        case .inputNotTerminal:
            problem = "standard input is not a terminal (a pipe or a file?)"
        case .outputNotTerminal:
            problem = "standard output is not a terminal (is it redirected?)"
        }
        return "the dashboard needs a full-screen terminal, and \(problem). "
            + "Run `okx-anchor status` (or `okx-anchor status --json`) for a one-shot view without one."
    }

    /// The refusal for this environment, or nil when the dashboard can start.
    ///
    /// - Parameters:
    ///   - inputIsTerminal: `isatty(0)`.
    ///   - outputIsTerminal: `isatty(1)`.
    public static func check(
        environment: [String: String], inputIsTerminal: Bool, outputIsTerminal: Bool
    ) -> TerminalRefusal? {
        let term = environment["TERM"] ?? ""
        if term.isEmpty {
            return TerminalRefusal(reason: .terminalTypeUnset)
        }
        if term == "dumb" {
            return TerminalRefusal(reason: .dumbTerminal)
        }
        if !inputIsTerminal {
            return TerminalRefusal(reason: .inputNotTerminal)
        }
        if !outputIsTerminal {
            return TerminalRefusal(reason: .outputNotTerminal)
        }
        return nil
    }
}
