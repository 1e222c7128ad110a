import Testing
import ThrongCore

@Suite("Service calendar and time zones")
struct ServiceCalendarTests {
    @Test func civilDatesRoundTripAcrossFourCenturies() {
        for days in stride(from: -150_000, through: 150_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect((1...CivilDate.daysIn(month: date.month, year: date.year)).contains(date.day))
        }
        #expect(CivilDate(year: 2016, month: 11, day: 21).daysSinceEpoch == 17_126)
        #expect(CivilDate(year: 2016, month: 11, day: 21).weekday == 1)  // a Monday
        #expect(CivilDate(year: 2000, month: 2, day: 29).description == "2000-02-29")
    }

    @Test func londonSwitchesToSummerTimeOnTheLastSundayOfMarchAt0100UTC() {
        let london = TimeZoneRule.europeLondon
        let switchInstant = Int64(CivilDate(year: 2016, month: 3, day: 27).daysSinceEpoch) * 86_400_000 + 3_600_000
        #expect(london.offsetMillis(at: switchInstant - 1) == 0)
        #expect(london.offsetMillis(at: switchInstant) == 3_600_000)
        let back = Int64(CivilDate(year: 2016, month: 10, day: 30).daysSinceEpoch) * 86_400_000 + 3_600_000
        #expect(london.offsetMillis(at: back - 1) == 3_600_000)
        #expect(london.offsetMillis(at: back) == 0)
    }

    @Test func parsesZoneNamesAndOffsets() {
        #expect(TimeZoneRule("Europe/London") == .europeLondon)
        #expect(TimeZoneRule("+01:00") == .fixed(minutes: 60))
        #expect(TimeZoneRule("-0530") == .fixed(minutes: -330))
        #expect(TimeZoneRule("UTC") == .utc)
        #expect(TimeZoneRule("+25:00") == nil)
        #expect(TimeZoneRule("Mars/Olympus") == nil)
        #expect(TimeZoneRule.fixed(minutes: -330).description == "-05:30")
    }

    @Test func aJourneyAfterMidnightBelongsToTheServiceDayBefore() {
        let calendar = ServiceCalendar(timeZone: .europeLondon)
        let saturday = CivilDate(year: 2016, month: 11, day: 26)
        let at0040 = Int64(saturday.daysSinceEpoch) * 86_400_000 + 40 * 60_000  // GMT = UTC in November
        #expect(calendar.serviceDate(of: at0040) == CivilDate(year: 2016, month: 11, day: 25))
        #expect(calendar.dayType(of: at0040) == .friday)
        #expect(calendar.serviceDayStart(of: at0040) == Int64(saturday.daysSinceEpoch - 1) * 86_400_000 + 270 * 60_000)
        // In summer the service day starts at 04:30 BST = 03:30 UTC.
        let july = CivilDate(year: 2016, month: 7, day: 4)
        #expect(calendar.start(of: july) == Int64(july.daysSinceEpoch) * 86_400_000 + 210 * 60_000)
        #expect(calendar.timeBand(at: Int64(july.daysSinceEpoch) * 86_400_000 + 7 * 3_600_000) == .amPeak)  // 08:00 BST
        #expect(calendar.timeBand(at: Int64(july.daysSinceEpoch) * 86_400_000 + 11 * 3_600_000) == .interPeak)
    }
}
