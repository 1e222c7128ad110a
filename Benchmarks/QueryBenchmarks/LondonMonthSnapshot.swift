import Foundation
import ThrongCore
import ThrongIO
import ThrongQuery
import ThrongStore

/// A 29-day London snapshot (the 2016 pilot's length, every station with wifi) with synthetic
/// counts: every station × 15-minute bin 05:00–01:00 and every link × bin. Written once per
/// machine to the temporary directory (the file name carries the generator version).
enum LondonMonthSnapshot {
    static let days = 29
    static let firstDate = CivilDate(year: 2016, month: 11, day: 21)

    static let network: Network = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return try! NetworkLoader.load(directory: url.appendingPathComponent("SampleData/london").path)
    }()

    static let path: String = {
        let path = NSTemporaryDirectory() + "throng-bench-london-29d-v1.sqlite"
        if FileManager.default.fileExists(atPath: path) { return path }
        var stationBins: [StationBinRow] = []
        var linkLoads: [LinkLoadRow] = []
        var estimates: [PassengerEstimateRow] = []
        let calendar = ServiceCalendar()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 41) }
        for d in 0..<days {
            let date = CivilDate(daysSinceEpoch: firstDate.daysSinceEpoch + d)
            let dayStart = calendar.start(of: date)
            for q in 20..<100 {   // 05:00 … 00:45 local (GMT)
                let bin = Int64(date.daysSinceEpoch) * 86_400_000 + Int64(q) * 900_000
                let shape = 1 + 3 * max(0, 8 - abs(q - 34)) + 2 * max(0, 8 - abs(q - 71))
                for s in 0..<network.stations.count {
                    let v = shape * (1 + s % 7) + next() % 5
                    stationBins.append(StationBinRow(binStart: bin, station: StationID(UInt16(s)), occupancy: v < 10 ? nil : v,
                                                     platformOccupancy: v / 2, concourseOccupancy: v - v / 2, entries: v / 4,
                                                     exits: v / 5, interchanges: v / 10, passThroughs: v / 3))
                }
                for l in 0..<network.links.count {
                    linkLoads.append(LinkLoadRow(binStart: bin, link: LinkID(UInt32(l)), devices: FixedCount(Double(shape * (2 + l % 5)) + 0.25)))
                }
            }
            for s in 0..<network.stations.count {
                for dir in [PassengerEstimateRow.Direction.entries, .exits] {
                    estimates.append(PassengerEstimateRow(dayStart: dayStart, station: StationID(UInt16(s)), direction: dir, sampleDevices: 500,
                                                          expansionFactor: 2.5, factorSource: "synthetic", estimate: 1250, lower: 1100, upper: 1400))
                }
            }
        }
        stationBins.sort { ($0.station, $0.binStart) < ($1.station, $1.binStart) }
        linkLoads.sort { ($0.link, $0.binStart) < ($1.link, $1.binStart) }
        let snapshot = CrowdingSnapshot(
            binMillis: 900_000, disclosureThreshold: 10, stationBins: stationBins, originDestination: [], routeSplits: [],
            linkLoads: linkLoads, interchangeFlows: [], distributions: [], eventsPerStationHour: [], passengerEstimates: estimates,
            quality: QualitySummary()
        )
        try! snapshot.writeSQLite(to: path + ".tmp", network: network)
        try! FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
        return path
    }()

    static let index: CrowdingIndex = try! CrowdingIndex(snapshotPath: path)
}
