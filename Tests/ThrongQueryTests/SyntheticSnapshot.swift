import Foundation
import ThrongCore
import ThrongIO
import ThrongQuery
import ThrongStore

/// An independent generator of snapshots with known figures, for cases the simulator cannot
/// produce on demand: an unusual day among normal ones, a bank holiday, suppressed cells,
/// bins after midnight, a station without wifi.
///
/// Days: the service days of 2016-08-15 … 2016-09-05 (BST, so local = UTC + 1), which include
/// the summer bank holiday Monday 2016-08-29. Bins (15 min) from 05:00 to 01:00 local.
/// Occupancy at Oxford Circus is `level(day, band)`; on 2016-09-05 it is ten times that (the
/// unusual day). Bank's 08:00 occupancy is suppressed on every Monday but 2016-08-22, so its typical
/// Monday 08:00 is suppressed (the median falls on a suppressed cell).
enum SyntheticSnapshot {
    static let sampleDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("SampleData/london").path
    }()

    static let network: Network = try! NetworkLoader.load(directory: sampleDirectory)
    static let calendar = ServiceCalendar()
    static let firstDate = CivilDate(year: 2016, month: 8, day: 15)
    static let dayCount = 22
    static let unusualDate = CivilDate(year: 2016, month: 9, day: 5)
    static let bankHoliday = CivilDate(year: 2016, month: 8, day: 29)
    static let factor = 3.0

    static func station(_ naptan: String) -> StationID { network.stationByNaptan[naptan]! }
    static var oxfordCircus: StationID { station("940GZZLUOXC") }
    static var bank: StationID { station("940GZZLUBNK") }

    /// Devices at Oxford Circus on a date in a local quarter hour (band 0…95).
    static func level(_ date: CivilDate, band: Int) -> Int {
        let base = 20 + (band * 37 + date.weekday * 11) % 200
        if date == unusualDate { return base * 10 }
        if date == bankHoliday { return base / 2 + 5 }
        return base + (date.daysSinceEpoch % 3)   // small day-to-day variation
    }

    /// Local instant of a date and minute (BST: UTC + 1 in August and September).
    static func instant(_ date: CivilDate, minute: Int) -> Int64 {
        Int64(date.daysSinceEpoch) * 86_400_000 + Int64(minute) * 60_000 - 3_600_000
    }

    /// The bins written for a service date: 05:00 … 00:45 local (80 bins).
    static func bins(of date: CivilDate) -> [(start: Int64, band: Int)] {
        (20..<100).map { q in (instant(date, minute: q * 15), q % 96) }
    }

    static func snapshot() -> CrowdingSnapshot {
        var rows: [StationBinRow] = []
        var estimates: [PassengerEstimateRow] = []
        for d in 0..<dayCount {
            let date = CivilDate(daysSinceEpoch: firstDate.daysSinceEpoch + d)
            for (start, band) in bins(of: date) {
                let v = level(date, band: band)
                rows.append(StationBinRow(binStart: start, station: oxfordCircus, occupancy: v, platformOccupancy: v / 2,
                                          concourseOccupancy: v - v / 2, entries: v / 4, exits: v / 5, interchanges: 0, passThroughs: 0))
                let suppressedBank = date.weekday == 1 && band == 32 && date != CivilDate(year: 2016, month: 8, day: 22)
                rows.append(StationBinRow(binStart: start, station: bank, occupancy: suppressedBank ? nil : 50, platformOccupancy: 25,
                                          concourseOccupancy: 25, entries: 10, exits: 10, interchanges: 0, passThroughs: 0))
            }
            let dayStart = calendar.start(of: date)
            for s in [oxfordCircus, bank] {
                for dir in [PassengerEstimateRow.Direction.entries, .exits] {
                    estimates.append(PassengerEstimateRow(dayStart: dayStart, station: s, direction: dir, sampleDevices: 100,
                                                          expansionFactor: factor, factorSource: "synthetic", estimate: 300, lower: 250, upper: 350))
                }
            }
        }
        rows.sort { ($0.station, $0.binStart) < ($1.station, $1.binStart) }
        return CrowdingSnapshot(
            binMillis: 900_000, disclosureThreshold: 10, stationBins: rows, originDestination: [], routeSplits: [], linkLoads: [],
            interchangeFlows: [], distributions: [], eventsPerStationHour: [], passengerEstimates: estimates,
            quality: QualitySummary()
        )
    }

    /// The snapshot written to a file and opened as an index (once per process).
    static let path: String = {
        let path = NSTemporaryDirectory() + "throng-query-synthetic-\(getpid()).sqlite"
        try! snapshot().writeSQLite(to: path, network: network)
        return path
    }()

    static let index: CrowdingIndex = try! CrowdingIndex(snapshotPath: path)
}
