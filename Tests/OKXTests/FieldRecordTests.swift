import Foundation
import Testing

@testable import OKX

/// Replies read into records (the positions path) must give exactly what the filtered dictionary parse gives: the
/// same members, the same models, the same failures on damaged bytes, the same errors from OKX.
@Suite struct FieldRecordTests {
    /// The records' members, and the data items of the filtered parse.
    static func both(_ bytes: [UInt8]) -> (records: [[String: JSONValue]], filtered: [[String: JSONValue]])? {
        guard let parsed = try? JSONParser.parseRecords(bytes, filter: Position.dataItemFilter),
            let filtered = try? JSONValue.parse(bytes, keeping: Position.dataItemFilter)
        else { return nil }
        return (parsed.records.map(\.members), items(of: filtered))
    }

    /// The objects of a parsed reply's `data` array.
    static func items(of document: JSONValue) -> [[String: JSONValue]] {
        (document.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue)
    }

    @Test func recordsHoldWhatTheFilteredParseKeeps() throws {
        let bytes = Array(Fixtures.positions.utf8)
        let (records, filtered) = try #require(Self.both(bytes))
        #expect(records.count == 2)
        #expect(records == filtered)
        // The data array holds a stand-in for each record; everything else is as the full parse has it.
        let parsed = try JSONParser.parseRecords(bytes, filter: Position.dataItemFilter)
        #expect(parsed.document.objectValue?["data"] == .array([.object([:]), .object([:])]))
        #expect(parsed.document.objectValue?["code"] == .string("0"))
        let fromRecords = try parsed.records.map { try Position(fields: OKXFields(record: $0)) }
        let fromFull = try (JSONValue.parse(bytes).objectValue?["data"]?.arrayValue ?? []).map {
            try Position(fields: try OKXFields($0))
        }
        #expect(fromRecords == fromFull)
        #expect(fromRecords.first?.liqPx == Decimal(string: "54244.1984429934"))
    }

    /// Escaped strings and keys, numbers as numbers, nulls, booleans, empty strings, nested values, repeated keys,
    /// and objects outside `data` (kept as dictionaries, filtered as before).
    @Test func everyKindOfValueReadsAsTheDictionaryWould() throws {
        let text =
            #"{"code":"0","msg":"","data":[{"instId":"A\u002dB","po\u0073Id":"7","pos":3.5e1,"avgPx":null,"#
            + #""lever":true,"margin":"","mmr":[1,{"x":"y"}],"upl":"1","upl":"-2.25","skip":{"a":[1,2]}}],"#
            + #""other":[{"instId":"kept","zz":"dropped"}]}"#
        let bytes = Array(text.utf8)
        let (records, filtered) = try #require(Self.both(bytes))
        #expect(records == filtered)
        #expect(
            records.first == [
                "instId": .string("A-B"), "posId": .string("7"), "pos": .number("3.5e1"), "avgPx": .null,
                "lever": .bool(true), "margin": .string(""),
                "mmr": .array([.number("1"), .object(["x": .string("y")])]),
                "upl": .string("-2.25"),
            ])
        let parsed = try JSONParser.parseRecords(bytes, filter: Position.dataItemFilter)
        #expect(parsed.records.count == 1)
        // A repeated data member: the last one counts, in the document and in the records.
        let twice = Array(#"{"data":[{"instId":"A"},{"instId":"B"}],"code":"0","data":[{"instId":"C"}]}"#.utf8)
        let (twiceRecords, twiceFiltered) = try #require(Self.both(twice))
        #expect(twiceRecords == twiceFiltered)
        #expect(twiceRecords == [["instId": .string("C")]])
        #expect(parsed.document.objectValue?["other"] == .array([.object(["instId": .string("kept")])]))
        let fields = OKXFields(record: try #require(parsed.records.first))
        #expect(try fields.optionalDecimal("pos") == 35)
        #expect(try fields.optionalDecimal("upl") == Decimal(string: "-2.25"))
        #expect(try fields.optionalDecimal("margin") == nil)
        #expect(try fields.optionalDecimal("avgPx") == nil)
        #expect(try fields.optionalDecimal("notionalUsd") == nil)
        #expect(try fields.optionalString("instId") == "A-B")
        #expect(try fields.optionalBool("lever") == true)
        #expect(throws: DecodingFailure.self) { try fields.optionalDecimal("lever") }
        #expect(throws: DecodingFailure.self) { try fields.optionalDecimal("mmr") }
    }

    /// Truncated and corrupted replies: records are read exactly when the filtered parse succeeds, and hold what it
    /// keeps.
    @Test func recordsAndTheFilteredParseAgreeOnDamagedReplies() {
        for bytes in Fixtures.damaged(Fixtures.positions, count: 5_000) {
            let records = try? JSONParser.parseRecords(bytes, filter: Position.dataItemFilter)
            let filtered = try? JSONValue.parse(bytes, keeping: Position.dataItemFilter)
            #expect((records == nil) == (filtered == nil))
            if let records, let filtered, case .array? = filtered.objectValue?["data"] {
                #expect(records.records.map(\.members) == Self.items(of: filtered))
            }
        }
    }

    /// The envelope read through records judges a reply as the dictionary reader does: OKX's code and message, a
    /// failed item's `sCode` and `sMsg`, an HTTP error with code 0, a malformed body, an item that is not an object.
    @Test func repliesAreJudgedAsTheDictionaryReaderJudgesThem() throws {
        let cases: [(Int, String)] = [
            (200, #"{"code":"0","msg":"","data":[{"instId":"A","pos":"1","posSide":"long"}]}"#),
            (200, #"{"code":"51008","msg":"Insufficient margin","data":[]}"#),
            (200, #"{"code":"1","msg":"failed","data":[{"sCode":"51008","sMsg":"no margin","instId":"A"}]}"#),
            (200, #"{"code":"0","msg":"","data":[{"instId":"A"},{"sCode":"59301","sMsg":"too much"}]}"#),
            (500, #"{"code":"0","msg":"","data":[]}"#),
            (200, #"{"code":"0","msg":"","data":[1]}"#),
            (200, #"{"code":"0","data":{}}"#),
            (200, #"{"msg":"no code"}"#),
            (200, "<html>busy</html>"),
            (200, ""),
        ]
        let endpoint = Endpoint.positions
        for (status, body) in cases {
            let response = HTTPResponse(status: status, body: Array(body.utf8))
            var viaDictionary: Result<[[String: JSONValue]], OKXError>
            do {
                let data = try OKXClient.readEnvelope(response, endpoint: endpoint, fields: Position.dataItemFilter)
                viaDictionary = .success(
                    try data.map { value throws(OKXError) in
                        do { return try OKXFields(value).members } catch {
                            throw OKXClient.malformedItem(error, endpoint: endpoint)
                        }
                    })
            } catch {
                viaDictionary = .failure(error)
            }
            let viaRecords: Result<[[String: JSONValue]], OKXError>
            do {
                viaRecords = .success(
                    try OKXClient.readRecords(response, endpoint: endpoint, filter: Position.dataItemFilter).map(
                        \.members))
            } catch {
                viaRecords = .failure(error)
            }
            #expect(viaRecords == viaDictionary, "\(status) \(body)")
        }
    }
}
