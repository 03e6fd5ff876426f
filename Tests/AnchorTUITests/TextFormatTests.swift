import Foundation
import Testing

@testable import AnchorTUI

/// Times on screen are worked out by arithmetic (and the C library's local time), not Foundation's calendar, which
/// loads ICU: they must still read as the calendar says.
@Suite struct TextFormatTests {
    @Test func civilDatesAgreeWithFoundationsGregorianCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // 1586 to 4160: Foundation turns Julian before 1582.
        for days in stride(from: -140_000, through: 800_000, by: 997) {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400 + 3_600)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = TextFormat.civil(fromDays: days)
            #expect(civil.year == parts.year && civil.month == parts.month && civil.day == parts.day, "day \(days)")
        }
    }

    @Test func dateTimeAndClockInAGivenZone() {
        let date = Date(timeIntervalSince1970: 1_795_321_836)  // 2026-11-22 04:30:36 UTC
        #expect(TextFormat.dateTime(date, TimeZone(identifier: "UTC")!) == "2026-11-22 04:30:36")
        #expect(TextFormat.dateTime(date, TimeZone(secondsFromGMT: 8 * 3600)!) == "2026-11-22 12:30:36")
        #expect(TextFormat.clock(date, TimeZone(secondsFromGMT: -5 * 3600)!) == "23:30:36")
        let beforeEpoch = Date(timeIntervalSince1970: -1)
        #expect(TextFormat.dateTime(beforeEpoch, TimeZone(identifier: "UTC")!) == "1969-12-31 23:59:59")
    }

    @Test func noZoneMeansTheMachinesLocalTime() {
        let date = Date(timeIntervalSince1970: 1_795_321_836)
        let local = TimeZone(secondsFromGMT: TimeZone.current.secondsFromGMT(for: date))!
        #expect(TextFormat.dateTime(date, nil) == TextFormat.dateTime(date, local))
    }
}
