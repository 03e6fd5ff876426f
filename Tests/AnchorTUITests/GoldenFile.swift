import Foundation
import Testing

@testable import AnchorTUI

/// Compares a canvas's text and style dump with `Golden/NAME.txt` beside this file; with `RECORD_SNAPSHOTS` set,
/// writes the file instead.
func expectGolden(
    _ canvas: Canvas, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(name + ".txt")
    let actual = canvas.goldenDump()
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(
            "no golden file at \(url.path); run `RECORD_SNAPSHOTS=1 swift test --filter GoldenCanvasTests` to make it",
            sourceLocation: sourceLocation)
        return
    }
    if actual != expected {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let want = line < expectedLines.count ? String(expectedLines[line]) : "(end of file)"
        let got = line < actualLines.count ? String(actualLines[line]) : "(end of dump)"
        Issue.record(
            """
            canvas differs from \(name).txt at line \(line + 1):
              expected: \(want)
              actual:   \(got)
            (re-record with RECORD_SNAPSHOTS=1 if the change is intended)
            """, sourceLocation: sourceLocation)
    }
}
