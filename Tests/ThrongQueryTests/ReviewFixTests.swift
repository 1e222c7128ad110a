import Foundation
import Testing
import ThrongCore
import ThrongQuery
import ThrongStore

/// Regressions found in review: bin widths other than 15 minutes, clock changes, bad ids.
@Suite struct ReviewFixTests {
    typealias S = SyntheticSnapshot

    @Test func twentyMinuteBinsFillEveryBand() throws {
        var snapshot = S.snapshot()
        // Re-bin Oxford Circus into 20-minute bins 05:00-01:00 of one day.
        let date = CivilDate(year: 2016, month: 8, day: 16)
        snapshot.binMillis = 1_200_000
        snapshot.stationBins = (15..<75).map { q in
            StationBinRow(binStart: S.instant(date, minute: q * 20), station: S.oxfordCircus, occupancy: 50 + q, platformOccupancy: 0,
                          concourseOccupancy: 0, entries: 0, exits: 0, interchanges: 0, passThroughs: 0)
        }
        let path = NSTemporaryDirectory() + "throng-query-20min-\(getpid()).sqlite"
        try snapshot.writeSQLite(to: path, network: S.network)
        let index = try CrowdingIndex(snapshotPath: path)
        let day = index.typicalDay(at: S.oxfordCircus, day: .tuesday)
        for band in 20..<96 { #expect(day.bands[band].reading.dataAvailable, "band \(band)") }
        // Band 08:45 comes from the 08:40 bin (the bin containing the band's start).
        #expect(day.bands[35].reading.devices == Double(50 + 26))
        #expect(day.amPeak != nil)
    }

    @Test func localTimesAcrossClockChanges() {
        let local = LocalTime(calendar: ServiceCalendar())
        // 01:30 on 2016-10-30 happens twice: the first is 00:30Z (BST).
        #expect(local.instant(date: CivilDate(year: 2016, month: 10, day: 30), minuteOfDay: 90) == 1_477_787_400_000)
        // 01:30 on 2016-03-27 does not exist: an hour later, 02:30 BST = 01:30Z.
        #expect(local.instant(date: CivilDate(year: 2016, month: 3, day: 27), minuteOfDay: 90) == 1_459_042_200_000)
        // An ordinary summer time.
        #expect(local.instant(date: CivilDate(year: 2016, month: 8, day: 22), minuteOfDay: 8 * 60 + 15) == 1_471_850_100_000)
        // HH:MM before 04:30 is the early hours after the default date.
        #expect(local.parse("00:30", defaultDate: CivilDate(year: 2016, month: 11, day: 21)) == 1_479_774_600_000)
        #expect(local.parse("-5") == nil)
    }

    @Test func unknownIdsAreErrorsNotTraps() {
        let index = S.index
        #expect(throws: ThrongQueryError.self) { try index.crowding(at: StationID(60_000), time: 1_471_850_100_000) }
        #expect(!index.typicalWeek(at: StationID(60_000)).isFound)
        #expect(index.interchangeFlows(at: StationID(60_000), time: 1_471_850_100_000).isEmpty)
        #expect(throws: ThrongQueryError.self) { try index.crowding(at: S.oxfordCircus, time: Int64.max) }
        #expect(throws: ThrongQueryError.self) {
            try index.crowding(along: PlannedRoute(legs: [.ride(line: LineID(0), from: StationID(60_000), to: S.bank, links: [])]), departure: 0)
        }
    }
}
