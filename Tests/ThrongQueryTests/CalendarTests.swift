import Testing
import ThrongCore
import ThrongQuery

/// Bank holidays of England and Wales, day categories and local times.
@Suite struct CalendarTests {
    func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day) }

    @Test func bankHolidaysByRuleAndOneOffs() {
        let b = BankHolidays.englandAndWales
        // 2016 (gov.uk): 1 Jan, 25 Mar, 28 Mar, 2 May, 30 May, 29 Aug, 26 Dec, 27 Dec (substitute).
        #expect(b.dates(in: 2016) == [d(2016, 1, 1), d(2016, 3, 25), d(2016, 3, 28), d(2016, 5, 2), d(2016, 5, 30),
                                      d(2016, 8, 29), d(2016, 12, 26), d(2016, 12, 27)])
        // 2022: spring bank holiday moved to 2 June, Platinum Jubilee 3 June, state funeral 19 September;
        // Christmas on a Sunday -> 26 and 27 December.
        #expect(b.dates(in: 2022) == [d(2022, 1, 3), d(2022, 4, 15), d(2022, 4, 18), d(2022, 5, 2), d(2022, 6, 2), d(2022, 6, 3),
                                      d(2022, 8, 29), d(2022, 9, 19), d(2022, 12, 26), d(2022, 12, 27)])
        // 2020: early May moved to Friday 8 May (VE Day); 2021: Christmas on a Saturday -> 27 and 28 December.
        #expect(b.contains(d(2020, 5, 8)) && !b.contains(d(2020, 5, 4)))
        #expect(b.contains(d(2021, 12, 27)) && b.contains(d(2021, 12, 28)) && !b.contains(d(2021, 12, 25)))
        #expect(b.contains(d(2023, 5, 8)))
        #expect(BankHolidays.easterSunday(2024) == d(2024, 3, 31))
        #expect(BankHolidays.easterSunday(2025) == d(2025, 4, 20))
    }

    @Test func dayCategories() {
        #expect(TypicalDay(serviceDate: d(2016, 11, 21)) == .monday)
        #expect(TypicalDay(serviceDate: d(2016, 11, 27)) == .sunday)
        #expect(TypicalDay(serviceDate: d(2016, 8, 29)) == .bankHoliday)
        #expect(TypicalDay("Mon") == .monday && TypicalDay("thursday") == .thursday && TypicalDay("BH") == .bankHoliday)
        #expect(TypicalDay("xyz") == nil && TypicalDay("T") == nil)
    }

    @Test func localTimesInLondon() {
        let local = LocalTime(calendar: ServiceCalendar())
        // GMT in November, BST in August.
        #expect(local.parse("2016-11-21 08:15") == 1_479_716_100_000)
        #expect(local.parse("2016-08-22 08:15") == 1_471_850_100_000)
        #expect(local.parse("2016-11-21T08:15:00Z") == 1_479_716_100_000)
        #expect(local.parse("1479716100000") == 1_479_716_100_000)
        #expect(local.parse("08:15", defaultDate: d(2016, 11, 21)) == 1_479_716_100_000)
        #expect(local.parse("25:00", defaultDate: d(2016, 11, 21)) == nil)
        #expect(local.parse("2016-02-30 08:00") == nil)
        #expect(local.describe(1_471_850_100_000) == "2016-08-22 08:15")
        #expect(TypicalBand.label(from: 95, to: 96) == "23:45-00:00")
    }
}
