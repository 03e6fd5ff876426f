import Foundation
import OKX

/// The built `okx-anchor` binary next to the test bundle (`.build/debug/okx-anchor`).
func okxAnchorBinary() throws -> String {
    var candidates: [String] = []
    if let env = ProcessInfo.processInfo.environment["OKX_ANCHOR_BIN"] { candidates.append(env) }
    let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    candidates.append(bundleFolder.appendingPathComponent("okx-anchor").path)
    candidates.append(bundleFolder.deletingLastPathComponent().appendingPathComponent("okx-anchor").path)
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/okx-anchor").path)
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw ProcessFailure("no okx-anchor binary; looked in \(candidates)")
    }
    return found
}

struct ProcessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What a finished command printed and how it ended.
struct CommandOutcome {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs the binary to its end.
func runCommand(
    _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60)
) throws
    -> CommandOutcome
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try okxAnchorBinary())
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (name, value) in environment { env[name] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandOutcome(
        status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
        errors: String(decoding: errData, as: UTF8.self))
}

/// `okx-anchor sim` running in the background, with its config written.
final class SimProcess {
    let process: Process
    let folder: String
    let configPath: String
    let baseURL: String

    init(extra: [String] = []) throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("okx-anchor-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        configPath = folder + "/config.toml"
        process = Process()
        process.executableURL = URL(fileURLWithPath: try okxAnchorBinary())
        process.arguments =
            [
                "sim", "--port", "0", "--json", "--admin", "--seed", "1", "--volatility", "0", "--write-config",
                configPath,
            ]
            + extra
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        guard let object = try JSONSerialization.jsonObject(with: line) as? [String: Any],
            let url = object["baseURL"] as? String
        else {
            process.terminate()
            throw ProcessFailure("sim did not print its JSON line: \(String(decoding: line, as: UTF8.self))")
        }
        baseURL = url
    }

    /// GET on the admin API (through libcurl: Foundation on Linux has no HTTP without FoundationNetworking).
    func admin(_ target: String) async throws -> Any {
        let transport = CurlTransport()
        defer { transport.shutdown() }
        let response = try await transport.send(HTTPRequest(method: .get, url: baseURL + target))
        return try JSONSerialization.jsonObject(with: Data(response.body))
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
