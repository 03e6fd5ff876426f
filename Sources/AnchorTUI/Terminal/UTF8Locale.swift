import CNcurses

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The locale curses needs: the user's, with a UTF-8 `LC_CTYPE` so wide characters are drawn and measured.
enum UTF8Locale {
    /// Takes the locale from the environment, then makes `LC_CTYPE` UTF-8 if it is not (trying `C.UTF-8` and
    /// `en_US.UTF-8`). `LC_NUMERIC` stays "C" so no C library we call starts writing decimal commas.
    ///
    /// - Returns: true when `LC_CTYPE` is UTF-8 afterwards; false means the screen must keep to ASCII.
    @discardableResult
    static func ensure() -> Bool {
        setlocale(LC_ALL, "")
        setlocale(LC_NUMERIC, "C")
        if isUTF8 {
            return true
        }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8 {
                return true
            }
        }
        return false
    }

    /// Whether the current `LC_CTYPE` encodes UTF-8.
    static var isUTF8: Bool {
        guard let codeset = anchor_codeset() else {
            return false
        }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
