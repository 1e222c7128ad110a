import Foundation
import Testing
import ThrongCore
import ThrongQuery
import ThrongStore

/// Typical profiles, busyness and observed readings on the synthetic snapshot, against values
/// computed here from the generator's own formula.
@Suite struct TypicalProfileTests {
    let index = SyntheticSnapshot.index
    typealias S = SyntheticSnapshot

    func dates(weekday: Int) -> [CivilDate] {
        (0..<S.dayCount).map { CivilDate(daysSinceEpoch: S.firstDate.daysSinceEpoch + $0) }
            .filter { $0.weekday == weekday && $0 != S.bankHoliday }
    }

    func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Brute force: typical people for a weekday (1 = Monday) and band.
    func expectedTypical(weekday: Int, band: Int) -> Double {
        median(dates(weekday: weekday).map { Double(S.level($0, band: band)) * S.factor })
    }

    var baseline: Double {
        var best = 0.0
        for wd in 0..<7 { for b in 0..<96 where (20..<96).contains(b) || b < 4 { best = max(best, expectedTypical(weekday: wd, band: b)) } }
        let bh = (0..<96).filter { (20..<96).contains($0) || $0 < 4 }.map { Double(S.level(S.bankHoliday, band: $0)) * S.factor }.max()!
        return max(best, bh)
    }

    @Test func typicalIsTheMedianOverDaysAndIgnoresOneUnusualDay() throws {
        let c = index.typicalCrowding(at: S.oxfordCircus, day: .monday, band: 32)
        #expect(c.dataAvailable)
        #expect(c.typicalDays == 3)
        let expected = expectedTypical(weekday: 1, band: 32)
        #expect(abs(c.people!.people - expected) < 1e-6)
        // The unusual day (ten times the level) does not move the median above the normal days.
        let normal = dates(weekday: 1).filter { $0 != S.unusualDate }.map { Double(S.level($0, band: 32)) * S.factor }
        #expect(c.people!.people <= normal.max()!)
    }

    @Test func bankHolidayHasItsOwnProfile() {
        let bh = index.typicalCrowding(at: S.oxfordCircus, day: .bankHoliday, band: 40)
        #expect(bh.typicalDays == 1)
        #expect(abs(bh.people!.people - Double(S.level(S.bankHoliday, band: 40)) * S.factor) < 1e-6)
        let monday = index.typicalCrowding(at: S.oxfordCircus, day: .monday, band: 40)
        #expect(monday.typicalDays == 3)   // 2016-08-29 is not among the Mondays
    }

    @Test func bandsAfterMidnightBelongToTheServiceDay() {
        // Monday's 00:15-00:30 band is the early hours of Tuesday, from Monday's service day.
        let c = index.typicalCrowding(at: S.oxfordCircus, day: .monday, band: 1)
        #expect(c.dataAvailable)
        #expect(abs(c.people!.people - expectedTypical(weekday: 1, band: 1)) < 1e-6)
        // An instant at 00:20 local on Tuesday 2016-08-23 reads Monday's service day.
        let t = S.instant(CivilDate(year: 2016, month: 8, day: 23), minute: 20)
        let observed = try! index.crowding(at: S.oxfordCircus, time: t)
        #expect(observed.source == .observed)
        #expect(observed.day == .monday)
        #expect(observed.devices == Double(S.level(CivilDate(year: 2016, month: 8, day: 22), band: 1)))
        // Bands 01:00-05:00 have no bins: not covered, not zero.
        let night = index.typicalCrowding(at: S.oxfordCircus, day: .monday, band: 12)
        #expect(!night.dataAvailable)
        #expect(night.unavailable == .notCovered)
    }

    @Test func percentageOfBaselineIsOneAtTheBusiestBand() {
        let week = index.typicalWeek(at: S.oxfordCircus)
        #expect(abs(week.baselinePeople - baseline) < 1e-6)
        var top = 0.0
        for d in week.days { for b in d.bands { top = max(top, b.reading.percentageOfBaseline ?? 0) } }
        #expect(abs(top - 1) < 1e-12)
        #expect(!week.isAlwaysQuiet)
        #expect(week.isFound)
        // Observed on the unusual day the level exceeds the baseline, as TfL's live figure can.
        let t = S.instant(S.unusualDate, minute: 8 * 60 + 5)
        let live = try! index.crowding(at: S.oxfordCircus, time: t)
        #expect(live.percentageOfBaseline! > 1)
        #expect(live.level == .veryBusy)
        #expect(abs(live.relativeToUsual! - Double(S.level(S.unusualDate, band: 32)) * S.factor / expectedTypical(weekday: 1, band: 32)) < 1e-9)
    }

    @Test func observedReadingExpandsDevicesWithAPoissonInterval() throws {
        let date = CivilDate(year: 2016, month: 8, day: 17)
        let t = S.instant(date, minute: 17 * 60 + 50)
        let c = try index.crowding(at: S.oxfordCircus, time: t)
        let n = S.level(date, band: 71)
        #expect(c.source == .observed)
        #expect(c.devices == Double(n))
        #expect(abs(c.people!.people - Double(n) * S.factor) < 1e-9)
        // Binomial sample at rate 1/3: the Poisson interval narrowed about n by √(1 − 1/3).
        let (lo, hi) = PoissonInterval.ninetyFive(count: n)
        let shrink = (2.0 / 3.0).squareRoot()
        #expect(abs(c.people!.lower95 - (Double(n) - (Double(n) - lo) * shrink) * S.factor) < 1e-6)
        #expect(abs(c.people!.upper95 - (Double(n) + (hi - Double(n)) * shrink) * S.factor) < 1e-6)
        #expect(c.start == S.instant(date, minute: 17 * 60 + 45))
        #expect(c.end - c.start == 900_000)
    }

    @Test func suppressedCellsSaySoAndAreNeverFilledIn() throws {
        let monday = CivilDate(year: 2016, month: 8, day: 15)
        let c = try index.crowding(at: S.bank, time: S.instant(monday, minute: 8 * 60 + 1))
        #expect(!c.dataAvailable)
        #expect(c.unavailable == .suppressed)
        #expect(c.devices == nil && c.people == nil && c.percentageOfBaseline == nil)
        // The typical Monday 08:00 median falls on a suppressed day: suppressed, not a number.
        let typical = index.typicalCrowding(at: S.bank, day: .monday, band: 32)
        #expect(typical.unavailable == .suppressed)
        #expect(typical.people == nil)
        // The published Monday is still there.
        let published = try index.crowding(at: S.bank, time: S.instant(CivilDate(year: 2016, month: 8, day: 22), minute: 8 * 60))
        #expect(published.devices == 50)
    }

    @Test func stationWithoutWifiHasNoData() throws {
        let amersham = S.station("940GZZLUAMS")
        let c = try index.crowding(at: amersham, time: S.instant(CivilDate(year: 2016, month: 8, day: 17), minute: 8 * 60))
        #expect(!c.dataAvailable)
        #expect(c.unavailable == .notObserved)
        #expect(!index.typicalWeek(at: amersham).isFound)
    }

    @Test func outsideTheIndexFallsBackToTypicalOrFailsWhenObservedIsRequired() throws {
        let later = CivilDate(year: 2016, month: 10, day: 3)   // a Monday after the snapshot
        let t = S.instant(later, minute: 8 * 60 + 5)
        let c = try index.crowding(at: S.oxfordCircus, time: t)
        #expect(c.source == .typical)
        #expect(abs(c.people!.people - expectedTypical(weekday: 1, band: 32)) < 1e-6)
        #expect(c.start == S.instant(later, minute: 8 * 60))
        #expect(throws: ThrongQueryError.self) { try index.crowding(at: S.oxfordCircus, time: t, basis: .observed) }
        do {
            _ = try index.crowding(at: S.oxfordCircus, time: t, basis: .observed)
        } catch {
            #expect(error.code == .outsideIndex)
        }
    }

    @Test func peaksAreTheBusiestTwoHoursAndBusiestBandsAreSorted() {
        let d = index.typicalDay(at: S.oxfordCircus, day: .wednesday)
        let am = d.amPeak!
        var best = -1.0, bestStart = -1
        for first in 20...40 {
            let mean = (first..<(first + 8)).map { expectedTypical(weekday: 3, band: $0) }.reduce(0, +) / 8
            if mean > best + 1e-9 { best = mean; bestStart = first }
        }
        #expect(am.firstBand == bestStart)
        #expect(am.timeBand == TypicalBand.label(from: bestStart, to: bestStart + 8))
        let busiest = d.busiestBands(3)
        #expect(busiest.count == 3)
        #expect(busiest[0].reading.people!.people >= busiest[1].reading.people!.people)
        #expect(d.busiest?.band == busiest[0].band)
        let quietest = d.quietestBands(2)
        #expect(quietest[0].reading.people!.people <= quietest[1].reading.people!.people)
    }

    @Test func alwaysQuietWhenTheBusiestBandIsBelowTheAbsoluteFloor() throws {
        let quiet = try CrowdingIndex(snapshotPath: SyntheticSnapshot.path, bands: BusynessBands(quietBelowPeople: 1e9))
        #expect(quiet.typicalWeek(at: S.oxfordCircus).isAlwaysQuiet)
        #expect(!index.typicalWeek(at: S.oxfordCircus).isAlwaysQuiet)
    }
}
