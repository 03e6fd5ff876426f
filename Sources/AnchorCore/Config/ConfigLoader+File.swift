import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ConfigLoader {
    /// The file's text and mode, read through one descriptor so the mode checked is that of the text read.
    static func readFile(_ file: String, isDefault: Bool) throws(ConfigError) -> (text: String, mode: mode_t) {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT {
                let start =
                    isDefault
                    ? ": to start, try the paper exchange with `okx-anchor --demo`, or write a config with "
                        + "`okx-anchor sim --write-config \(file)`"
                    : ""
                throw ConfigError(file: file, message: "does not exist" + start)
            }
            throw ConfigError(file: file, message: "cannot be opened: " + String(cString: strerror(code)))
        }
        defer { close(descriptor) }

        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw ConfigError(file: file, message: "cannot be read: " + String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw ConfigError(file: file, message: "is not a regular file")
        }
        guard info.st_size <= maximumFileSize else {
            throw ConfigError(file: file, message: "is larger than 1 MiB, which no config is")
        }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw ConfigError(file: file, message: "cannot be read: " + String(cString: strerror(errno)))
            }
            bytes += chunk[..<count]
            guard bytes.count <= maximumFileSize else {
                throw ConfigError(file: file, message: "is larger than 1 MiB, which no config is")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError(file: file, message: "is not UTF-8 text")
        }
        return (text, info.st_mode)
    }
}
