import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts bytes at a path atomically with mode 0600, for files that hold secrets.
///
/// The bytes go to a temporary file in the same folder, created with `O_EXCL` and mode 0600 (never written and
/// chmod-ed after), and synced. `link(2)` then puts it in place only if nothing is there, which refuses an existing
/// file without a window between checking and writing; `rename(2)` replaces one when overwriting is asked for.
struct ConfigFileWriter {
    let path: String

    func place(_ bytes: [UInt8], overwrite: Bool) throws(ConfigError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConfigError(file: path, message: "cannot be written: its folder cannot be made (\(folder))")
        }
        if !overwrite && FileManager.default.fileExists(atPath: path) { throw exists() }

        let temporary =
            folder + "/." + URL(fileURLWithPath: path).lastPathComponent + ".tmp-\(getpid())-"
            + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot be written") }
        // After a rename the temporary name is gone; after a link it is a second name to drop.
        var renamed = false
        defer { if !renamed { unlink(temporary) } }

        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let error = failure("cannot be written")
                close(descriptor)
                throw error
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let error = failure("cannot be written")
            close(descriptor)
            throw error
        }
        close(descriptor)

        if !overwrite && link(temporary, path) != 0 {
            guard errno == EPERM || errno == EOPNOTSUPP || errno == ENOTSUP else {
                throw errno == EEXIST ? exists() : failure("cannot be written")
            }
            // A file system without hard links: fall back to a check just before the rename.
            if FileManager.default.fileExists(atPath: path) { throw exists() }
            guard rename(temporary, path) == 0 else { throw failure("cannot be written") }
            renamed = true
        } else if overwrite {
            guard rename(temporary, path) == 0 else { throw failure("cannot be written") }
            renamed = true
        }
        syncFolder(folder)
    }

    private func exists() -> ConfigError {
        ConfigError(file: path, message: "already exists; it was left as it is (ask to overwrite it to replace it)")
    }

    private func failure(_ what: String) -> ConfigError {
        ConfigError(file: path, message: what + ": " + String(cString: strerror(errno)))
    }

    /// Makes the new name itself durable, not only the file's bytes.
    private func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
