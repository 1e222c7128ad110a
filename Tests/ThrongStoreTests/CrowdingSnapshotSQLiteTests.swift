import Foundation
import Testing
import ThrongCore
@testable import ThrongStore

@Suite struct CrowdingSnapshotSQLiteTests {
    static let network: Network = {
        let stations = [
            Station(naptan: "940GZZLUKSX", name: "King's Cross St. Pancras", nlc: 628, countsNLC: nil, latitude: 51.5308, longitude: -0.1238,
                    fareZones: [1], lines: [LineID(0), LineID(1)], platforms: 8),
            Station(naptan: "940GZZLUEUS", name: "Euston", nlc: 549, countsNLC: 549, latitude: 51.5282, longitude: -0.1337,
                    fareZones: [1], lines: [LineID(0)], platforms: 6),
            Station(naptan: "940GZZLUWRR", name: "Warren Street", nlc: nil, countsNLC: nil, latitude: 51.5247, longitude: -0.1384,
                    fareZones: [1, 2], lines: [LineID(0)], platforms: 4),
        ]
        let rt = RunningTimes(unimpeded: 1.5, amPeak: 1.75, interPeak: 1.6)
        let links = [
            Link(line: LineID(0), direction: "SB", from: StationID(0), to: StationID(1), distanceKm: 0.8, runningMinutes: rt),
            Link(line: LineID(0), direction: "SB", from: StationID(1), to: StationID(2), distanceKm: 0.6, runningMinutes: rt, note: "estimated"),
        ]
        return Network(lines: ["Victoria", "Northern"], stations: stations, links: links, accessPoints: [], interchanges: [])
    }()

    static func snapshot(occupancy: Int? = 12) -> CrowdingSnapshot {
        let day: Int64 = 1_700_000_000_000
        return CrowdingSnapshot(
            binMillis: 900_000, disclosureThreshold: 5,
            stationBins: [
                StationBinRow(binStart: day, station: StationID(0), occupancy: occupancy, platformOccupancy: nil, concourseOccupancy: 7,
                              entries: 0, exits: 5, interchanges: nil, passThroughs: 9),
                StationBinRow(binStart: day + 900_000, station: StationID(0), occupancy: 20, platformOccupancy: 10, concourseOccupancy: 10,
                              entries: 6, exits: 6, interchanges: 5, passThroughs: 0),
            ],
            originDestination: [ODRow(dayStart: day, origin: StationID(0), destination: StationID(2), journeys: 17)],
            routeSplits: [RouteSplitRow(dayStart: day, origin: StationID(0), destination: StationID(2), route: "Victoria",
                                        path: "940GZZLUKSX>Victoria>940GZZLUWRR", journeys: FixedCount(micros: 16_999_999), share: 0.9999)],
            linkLoads: [
                LinkLoadRow(binStart: day, link: LinkID(0), devices: FixedCount(micros: 5_250_001)),
                LinkLoadRow(binStart: day, link: LinkID(1), devices: nil),
            ],
            interchangeFlows: [InterchangeFlowRow(binStart: day, station: StationID(0), fromLine: LineID(1), toLine: LineID(0), devices: FixedCount(count: 6))],
            distributions: [
                DistributionRow(dayStart: day, metric: .journeyTime, station: nil, count: 40, medianSeconds: 600, p90Seconds: 1200),
                DistributionRow(dayStart: day, metric: .dwell, station: StationID(1), count: nil, medianSeconds: nil, p90Seconds: nil),
            ],
            eventsPerStationHour: [StationHourEventsRow(hourStart: day, station: StationID(2), events: 1234)],
            passengerEstimates: [PassengerEstimateRow(dayStart: day, station: StationID(0), direction: .entries, sampleDevices: 100,
                                                      expansionFactor: 3.5, factorSource: "counts 2019", estimate: 350, lower: 300, upper: 400)],
            quality: QualitySummary(
                linesRead: 1000, accepted: 990, rejectedByReason: ["bad_timestamp": 7, "unknown_ap": 3], devices: 50, journeys: 30,
                journeysBothEnds: 17,
                inputs: [InputFileRecord(path: "logs/day1.csv.zst", bytes: 4096, hash: "ab12", lines: 1000, accepted: 990, rejected: 10, problem: nil)],
                parameters: ["bin": "15m", "k": "5"]
            )
        )
    }

    @Test func writesSelfDescribingFile() throws {
        let dir = try makeStoreTempDir()
        let path = dir + "/crowding.sqlite"
        try Self.snapshot().writeSQLite(to: path, network: Self.network, metadata: ["engine": "test"])
        let reader = try CrowdingSnapshotSchema.openReader(path: path)
        #expect(reader.schemaVersion == Int32(CrowdingSnapshot.schemaVersion))
        #expect(reader.metadata["bin_millis"] == "900000")
        #expect(reader.metadata["disclosure_threshold"] == "5")
        #expect(reader.metadata["engine"] == "test")
        #expect(try reader.tableNames() == (CrowdingSnapshotSchema.tables.map(\.name) + ["throng_meta"]).sorted())

        // Names and NaPTANs travel with the data.
        let bins = try reader.query("""
            SELECT s.naptan, s.name, b.bin_start_ms, b.occupancy, b.platform_occupancy, b.entries, b.interchanges
            FROM station_bins b JOIN stations s USING (station_id) ORDER BY b.bin_start_ms
            """)
        #expect(bins.rows.first == ["940GZZLUKSX", "King's Cross St. Pancras", 1_700_000_000_000, 12, nil, 0, nil])
        #expect(bins.rows.count == 2)
        #expect(try reader.query("SELECT fare_zones, innermost_zone, nlc FROM stations WHERE naptan = ?", ["940GZZLUWRR"]).rows == [["1/2", 1, nil]])
        #expect(try reader.query("SELECT station_id, line_id FROM station_lines").rows == [[0, 0], [0, 1], [1, 0], [2, 0]])
        #expect(try reader.query("SELECT note FROM links ORDER BY link_id").rows == [[nil], ["estimated"]])

        // Expected counts: REAL and exact millionths; suppressed → NULL.
        #expect(try reader.query("SELECT expected_devices, expected_devices_micros FROM link_loads ORDER BY link_id").rows
                == [[5.250001, 5_250_001], [nil, nil]])
        #expect(try reader.query("SELECT expected_journeys_micros, share FROM route_splits").rows == [[16_999_999, 0.9999]])
        #expect(try reader.query("SELECT metric, station_id, observations FROM distributions ORDER BY metric").rows
                == [["dwell", 1, nil], ["journey_time", nil, 40]])
        #expect(try reader.query("SELECT name, value FROM quality WHERE name IN ('rejected', 'journeys_both_ends') ORDER BY name").rows
                == [["journeys_both_ends", 17], ["rejected", 10]])
        #expect(try reader.query("SELECT reason, lines FROM rejections").rows == [["bad_timestamp", 7], ["unknown_ap", 3]])
        #expect(try reader.query("SELECT path, hash, problem FROM input_files").rows == [["logs/day1.csv.zst", "ab12", nil]])
        #expect(try reader.query("SELECT value FROM run_parameters WHERE name = 'k'").rows == [["5"]])
        #expect(try reader.query("SELECT direction, estimate FROM passenger_estimates").rows == [["entries", 350.0]])
    }

    @Test func equalSnapshotsGiveIdenticalBytesAndDifferentOnesDoNot() throws {
        let dir = try makeStoreTempDir()
        try Self.snapshot().writeSQLite(to: dir + "/a.sqlite", network: Self.network)
        try Self.snapshot().writeSQLite(to: dir + "/b.sqlite", network: Self.network)
        try Self.snapshot(occupancy: 13).writeSQLite(to: dir + "/c.sqlite", network: Self.network)
        #expect(try fileBytes(dir + "/a.sqlite") == fileBytes(dir + "/b.sqlite"))
        #expect(try fileBytes(dir + "/a.sqlite") != fileBytes(dir + "/c.sqlite"))
    }

    @Test func rowOutsideNetworkIsRejectedAndOldFileKept() throws {
        let dir = try makeStoreTempDir()
        let path = dir + "/crowding.sqlite"
        try Self.snapshot().writeSQLite(to: path, network: Self.network)
        let before = try fileBytes(path)
        var bad = Self.snapshot()
        bad.linkLoads.append(LinkLoadRow(binStart: 0, link: LinkID(9), devices: nil))
        let error = #expect(throws: ThrongStoreError.self) { try bad.writeSQLite(to: path, network: Self.network) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("link_loads") == true)
        #expect(try fileBytes(path) == before)
        #expect(try directoryListing(dir) == ["crowding.sqlite"])
    }
}
