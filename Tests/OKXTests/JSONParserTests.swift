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
}
