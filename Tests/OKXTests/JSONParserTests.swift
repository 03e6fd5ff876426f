import Foundation
import OKX
import Testing

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    @Test func documentsParseWithNumbersKeptAsText() throws {
        let value = try parse(#" {"code":"0","n":-12.50e3,"ok":true,"no":false,"nil":null,"list":[1,[],{}],"e":""} "#)
        let object = try #require(value.objectValue)
        #expect(object["code"] == .string("0"))
        #expect(object["n"] == .number("-12.50e3"))
        #expect(object["ok"] == .bool(true))
        #expect(object["no"] == .bool(false))
        #expect(object["nil"] == .null)
        #expect(object["list"] == .array([.number("1"), .array([]), .object([:])]))
        #expect(object["e"] == .string(""))
    }

    @Test func escapesAndUnicode() throws {
        let value = try parse(#"["a\"b\\c\/d\n\t", "\u4e2d\u6587", "\ud83d\ude00", "中文"]"#)
        #expect(value == .array([.string("a\"b\\c/d\n\t"), .string("中文"), .string("😀"), .string("中文")]))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "[01]", "[1.]", "[.5]", "[+1]", "tru", "nul", "\"abc",
        "\"\\x\"", "\"\\ud83d\"", "[1] x", "{\"a\":1,}", "\"a\u{01}b\"", "<html>", "NaN",
    ])
    func malformedDocumentsAreRefused(text: String) {
        #expect(throws: (any Error).self) { try parse(text) }
    }

    @Test func deepNestingIsRefusedNotCrashed() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: (any Error).self) { try parse(text) }
    }

    // MARK: - Keeping only the fields a model reads

    /// What the filtered parse must give: the full parse, with the objects of the envelope's data array cut down.
    static func expectedFiltered(_ value: JSONValue, keeping names: Set<String>) -> JSONValue {
        guard case .object(var envelope) = value else { return value }
        for (key, member) in envelope {
            guard case .array(let items) = member else { continue }
            envelope[key] = .array(
                items.map { item in
                    guard case .object(let fields) = item else { return item }
                    return .object(fields.filter { names.contains($0.key) })
                })
        }
        return .object(envelope)
    }

    static let kept = Set(Position.decodedFields + ["sCode", "sMsg"])

    @Test func positionRepliesKeepOnlyTheFieldsAPositionReads() throws {
        let bytes = Array(Fixtures.positions.utf8)
        let full = try JSONValue.parse(bytes)
        let filtered = try JSONValue.parse(bytes, keeping: Position.dataItemFilter)
        #expect(filtered == Self.expectedFiltered(full, keeping: Self.kept))
        let firstItem = try #require(filtered.objectValue?["data"]?.arrayValue?.first?.objectValue)
        #expect(firstItem.count == 24)
        #expect(firstItem["adl"] == nil && firstItem["instId"] == .string("BTC-USDT-SWAP"))
        // Every field the model reads survives: the positions decode the same from either parse.
        func positions(_ value: JSONValue) throws -> [Position] {
            try (value.objectValue?["data"]?.arrayValue ?? []).map { try Position(fields: try OKXFields($0)) }
        }
        #expect(try positions(filtered) == positions(full))
        #expect(try positions(full).count == 2)
    }

    @Test func skippedMembersAreCheckedAsStrictlyAsKeptOnes() throws {
        let text =
            #"{"code":"0","data":[{"instId":"A","x":{"deep":[1,2.5e3,"\u4e2d",true,null,{"k":"v"}]},"#
            + #""e\"scaped":"1","posId":"\u0031","pos":"3"}],"msg":""}"#
        let bytes = Array(text.utf8)
        let filtered = try JSONValue.parse(bytes, keeping: Position.dataItemFilter)
        #expect(filtered == Self.expectedFiltered(try JSONValue.parse(bytes), keeping: Self.kept))
        let item = try #require(filtered.objectValue?["data"]?.arrayValue?.first?.objectValue)
        #expect(item == ["instId": .string("A"), "posId": .string("1"), "pos": .string("3")])
        for broken in [
            "{\"data\":[{\"x\":\"a\u{01}b\"}]}", #"{"data":[{"x":"\q"}]}"#, #"{"data":[{"x":[1,]}]}"#,
            #"{"data":[{"x":{"a" 1}}]}"#, #"{"data":[{"x":tru}]}"#, #"{"data":[{"x":01}]}"#,
            #"{"data":[{"x":"\ud83d"}]}"#, #"{"data":[{"x":"abc}]}"#, #"{"data":[{"x":1}],}"#,
        ] {
            #expect(throws: (any Error).self) {
                try JSONValue.parse(Array(broken.utf8), keeping: Position.dataItemFilter)
            }
            #expect(throws: (any Error).self) { try JSONValue.parse(Array(broken.utf8)) }
        }
    }

    /// An escape, a control character, a multi-byte character or the closing quote is found at every offset of
    /// strings of every length, in keys and values, kept or skipped.
    @Test func stringsAreReadRightWhereverTheirSpecialBytesFall() throws {
        for length in 0..<24 {
            for offset in 0...length {
                let before = String(repeating: "a", count: offset)
                let after = String(repeating: "b", count: length - offset)
                for (special, decoded) in [(#"\n"#, "\n"), (#"\""#, "\""), ("é", "é"), ("中", "中"), ("", "")] {
                    let text = before + special + after
                    let document =
                        #"{"code":"0","data":[{"instId":""# + text + #"","x\#(text)":"\#(text)"}],"k":""# + text
                        + #""}"#
                    let expected = before + decoded + after
                    let value = try JSONValue.parse(Array(document.utf8))
                    #expect(value.objectValue?["k"] == .string(expected), "\(document)")
                    let filtered = try JSONValue.parse(Array(document.utf8), keeping: Position.dataItemFilter)
                    let item = filtered.objectValue?["data"]?.arrayValue?.first?.objectValue
                    #expect(item == ["instId": .string(expected)], "\(document)")
                }
                let broken = #"{"code":"0","data":[{"instId":""# + before + "\u{01}" + after + #""}]}"#
                #expect(throws: (any Error).self) { try JSONValue.parse(Array(broken.utf8)) }
                #expect(throws: (any Error).self) {
                    try JSONValue.parse(Array(broken.utf8), keeping: Position.dataItemFilter)
                }
                let unterminated = #"{"k":""# + before + after
                #expect(throws: (any Error).self) { try JSONValue.parse(Array(unterminated.utf8)) }
            }
        }
    }

    /// Truncated and corrupted replies: the filtered parse fails exactly when the full one does, and otherwise
    /// gives the full parse cut down.
    @Test func filteredAndFullParsesAgreeOnDamagedReplies() throws {
        for bytes in Fixtures.damaged(Fixtures.positions, count: 5_000) {
            let full = try? JSONValue.parse(bytes)
            let filtered = try? JSONValue.parse(bytes, keeping: Position.dataItemFilter)
            #expect((full == nil) == (filtered == nil))
            if let full, let filtered {
                #expect(filtered == Self.expectedFiltered(full, keeping: Self.kept))
            }
        }
    }
}
