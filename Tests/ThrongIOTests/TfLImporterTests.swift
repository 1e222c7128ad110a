import Foundation
import Testing
import ThrongCore
@testable import ThrongIO

@Suite("TfLImporter")
struct TfLImporterTests {
    typealias S = NetworkTestSupport

    static let files = [
        "stations.csv", "links.csv", "access_points.csv", "interchanges.csv", "gate_counts_2019.csv",
        "demand/od_daily.csv", "demand/station_profiles_2019.csv", "import_report.txt",
    ]

    /// Imports twice into fresh folders: the two runs and the committed `SampleData/london` must be
    /// byte-identical (a drift in the importer or the committed data fails here).
    @Test(.enabled(if: NetworkTestSupport.hasTfLSource, "needs ../shared/data/london or $THRONG_TFL_SOURCE"))
    func importIsDeterministicAndMatchesCommittedSampleData() throws {
        let a = try S.tempDir("import-a"), b = try S.tempDir("import-b")
        defer {
            try? FileManager.default.removeItem(atPath: a)
            try? FileManager.default.removeItem(atPath: b)
        }
        let report = try TfLImporter.importLondon(source: S.tflSource, destination: a)
        _ = try TfLImporter.importLondon(source: S.tflSource, destination: b + "/london")
        for f in Self.files {
            let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + f))
            #expect(x == (try Data(contentsOf: URL(fileURLWithPath: b + "/london/" + f))), "\(f) differs between two imports")
            #expect(x == (try Data(contentsOf: URL(fileURLWithPath: S.sampleLondon + "/" + f))),
                    "\(f) differs from the committed SampleData/london; re-run scripts/import-london")
        }
        #expect(report.stations == 270 && report.lines == 11 && report.links == 748)
        #expect(report.estimatedLinks.count == 2)
        #expect(report.unmatchedNLCs.contains { $0.contains("NLC 831") })
        #expect(report.unmatchedNLCs.contains { $0.contains("NLC 832") })
        #expect(report.odRowsByYear.map(\.year) == [2012, 2014, 2015, 2016])
    }

    @Test func heathrowT5TimesAreEstimatedAndNoted() throws {
        let n = try NetworkLoader.load(directory: S.sampleLondon)
        let t5 = try #require(n.stationByNaptan["940GZZLUHR5"])
        let t123 = try #require(n.stationByNaptan["940GZZLUHRC"])
        let links = n.links.filter { ($0.from == t5 && $0.to == t123) || ($0.from == t123 && $0.to == t5) }
        #expect(links.count == 2)
        for l in links {
            #expect(l.note?.contains("estimated") == true)
            // 2.4 km crow-fly at a metro speed: between 2 and 6 minutes, peaks slower.
            #expect((2.0...6.0).contains(l.runningMinutes.unimpeded))
            #expect(l.runningMinutes.amPeak >= l.runningMinutes.unimpeded)
        }
        // Distance-split notes: 12 links (Wood Lane on Circle/H&C, Piccadilly at Turnham Green).
        #expect(n.links.filter { $0.note?.contains("split in proportion to distance") == true }.count == 12)
    }

    @Test func stationQuirksAreHandled() throws {
        let n = try NetworkLoader.load(directory: S.sampleLondon)
        let pic = try #require(n.lineByName["Piccadilly"])
        #expect(n.station(naptan: "940GZZLURVP")?.lines.contains(pic) == false)  // trains pass without stopping
        #expect(n.station(naptan: "940GZZLUWIM")?.fareZones == [3])  // "3|Trams fare zone"
        #expect(n.station(naptan: "940GZZLUHR4")?.platforms == 2)  // missing in source
        #expect(n.station(naptan: "940GZZLUMMT")?.countsNLC == 513)
        // The two Paddingtons and Edgware Roads are linked by out-of-station interchanges.
        for (x, y) in [("940GZZLUPAH", "940GZZLUPAC"), ("940GZZLUERC", "940GZZLUERB"), ("940GZZLUBNK", "940GZZLUMMT")] {
            let a = try #require(n.stationByNaptan[x]), b = try #require(n.stationByNaptan[y])
            #expect(n.walkNeighbours(of: a).contains(b) && n.walkNeighbours(of: b).contains(a))
        }
        // District and Circle-loop trains call at Paddington (Praed Street), not at the H&C station.
        let district = try #require(n.lineByName["District"])
        let pac = try #require(n.stationByNaptan["940GZZLUPAC"]), pah = try #require(n.stationByNaptan["940GZZLUPAH"])
        #expect(n.links.filter { $0.line == district && ($0.from == pac || $0.to == pac) }.count == 4)
        #expect(!n.links.contains { $0.line == district && ($0.from == pah || $0.to == pah) })
        #expect(n.station(naptan: "940GZZLUPAH")?.lines.contains(district) == false)
        // Street-level "outstation" pairs are not imported.
        let euston = try #require(n.stationByNaptan["940GZZLUEUS"]), eustonSq = try #require(n.stationByNaptan["940GZZLUESQ"])
        #expect(!n.walkNeighbours(of: euston).contains(eustonSq))
    }

    @Test func accessPointLayoutFollowsTheRule() throws {
        let n = try NetworkLoader.load(directory: S.sampleLondon)
        for (i, s) in n.stations.enumerated() {
            let aps = n.accessPointsOfStation[i].map { n.accessPoints[$0.index] }
            let code = String(s.naptan.dropFirst(8))
            #expect(aps.allSatisfy { $0.id.hasPrefix(code + "-") })
            let e = aps.filter { $0.area == .entrance }.count, t = aps.filter { $0.area == .ticketHall }.count
            let c = aps.filter { $0.area == .corridor }.count
            #expect((1...4).contains(e) && (1...2).contains(t) && (0...3).contains(c), "\(s.naptan)")
            // One platform AP per (line, direction) with a link at the station.
            var dirs: Set<String> = []
            for l in n.links where l.from.index == i || l.to.index == i { dirs.insert("\(l.line.rawValue)-\(l.direction)") }
            let platforms = aps.filter { $0.area == .platform }.map { "\($0.line!.rawValue)-\($0.direction!)" }
            #expect(Set(platforms) == dirs && platforms.count == dirs.count, "\(s.naptan)")
        }
        #expect(n.accessPointByID["KSX-P-VIC-NB"] != nil)
        #expect(n.accessPoints.filter { $0.station == n.stationByNaptan["940GZZLUKSX"]! && $0.area == .ticketHall }.count == 2)
    }

    @Test func everyLinePairAtMultiLineStationsIsListed() throws {
        let n = try NetworkLoader.load(directory: S.sampleLondon)
        for (i, s) in n.stations.enumerated() where s.lines.count > 1 {
            let id = StationID(UInt16(i))
            for a in s.lines {
                for b in s.lines where a != b {
                    let listed = n.interchanges.first { $0.fromStation == id && $0.toStation == id && $0.fromLine == a && $0.toLine == b }
                    let w = try #require(listed, "\(s.naptan) \(n.lines[a.index])→\(n.lines[b.index])").walkMinutes
                    #expect((2.0...6.0).contains(w))
                }
            }
        }
    }

    @Test func demandFilesAreConsistent() throws {
        let n = try NetworkLoader.load(directory: S.sampleLondon)
        let od = try CSVTable.read(path: S.sampleLondon + "/demand/od_daily.csv",
                                   expectedHeader: ["year", "origin_naptan", "destination_naptan", "journeys"])
        var perYear: [String: Int] = [:]
        for r in od.records {
            #expect(n.stationByNaptan[r.fields[1]] != nil && n.stationByNaptan[r.fields[2]] != nil)
            #expect(r.fields[1] != r.fields[2])
            let j = try #require(Int(r.fields[3]))
            #expect(j > 0)
            perYear[r.fields[0], default: 0] += j
        }
        #expect(perYear.keys.sorted() == ["2012", "2014", "2015", "2016"])
        // Each year's total is 4.2–5.0 million journeys a day (README: about 4.3–4.9 million).
        for (_, v) in perYear { #expect((4_200_000...5_000_000).contains(v)) }

        let profiles = try CSVTable.read(path: S.sampleLondon + "/demand/station_profiles_2019.csv",
                                         expectedHeader: try S.lines(S.sampleLondon + "/demand/station_profiles_2019.csv")[0]
                                            .split(separator: ",").map(String.init))
        #expect(profiles.header.count == 4 + 96)
        #expect(profiles.header[4] == "0500-0515" && profiles.header[99] == "0445-0500")
        #expect(profiles.records.count == 270 * 8)
        for r in profiles.records {
            #expect(Int(r.fields[3]) == r.fields[4...].reduce(0) { $0 + Int($1)! })
        }
        // Bank and Monument share NLC 513: their split gate counts add up to the published 113,772.
        let gates = try CSVTable.read(path: S.sampleLondon + "/gate_counts_2019.csv",
                                      expectedHeader: try S.lines(S.sampleLondon + "/gate_counts_2019.csv")[0]
                                        .split(separator: ",").map(String.init))
        let mtt = Dictionary(uniqueKeysWithValues: gates.records.map { ($0.fields[0], Int($0.fields[4])!) })
        #expect(mtt["940GZZLUBNK"]! + mtt["940GZZLUMMT"]! == 113_772)
        #expect(mtt["940GZZLUBNK"]! > mtt["940GZZLUMMT"]!)
        #expect(gates.records.count == 270)
        // Every profile row's total equals the station's gate count for that day type and direction.
        let gateColumn = Dictionary(uniqueKeysWithValues: gates.header.enumerated().map { ($1, $0) })
        let gateRow = Dictionary(uniqueKeysWithValues: gates.records.map { ($0.fields[0], $0.fields) })
        for r in profiles.records {
            let column = (r.fields[2] == "IN" ? "entries_" : "exits_") + r.fields[1].lowercased()
            let g = try #require(gateRow[r.fields[0]])
            #expect(g[try #require(gateColumn[column])] == r.fields[3], "\(r.fields[0]) \(column)")
        }
    }

    @Test func splitSeriesKeepsColumnsAndAgreesWithDayTotals() {
        let q = [3, 0, 7, 1, 1, 9, 2]
        let parts = TfLImporter.splitSeries(q, weights: [6, 2])
        #expect(parts.count == 2)
        #expect(zip(parts[0], parts[1]).map { $0 + $1 } == q)
        #expect(parts.joined().allSatisfy { $0 >= 0 })
        let total = q.reduce(0, +)
        #expect(parts[0].reduce(0, +) == TfLImporter.splitSeries([total], weights: [6, 2])[0][0])
        #expect(parts[0].reduce(0, +) == 6 * total / 8)
        let three = TfLImporter.splitSeries(q, weights: [1, 2, 3])
        #expect(three.count == 3 && (0..<q.count).allSatisfy { j in three.map { $0[j] }.reduce(0, +) == q[j] })
    }

    @Test func splitKeepsTotals() {
        #expect(TfLImporter.split(7, weights: [6, 2]) == [5, 2])
        #expect(TfLImporter.split(10, weights: [1, 1, 1]) == [4, 3, 3])
        #expect(TfLImporter.split(0, weights: [2, 4]) == [0, 0])
        #expect(TfLImporter.split(5, weights: [3]) == [5])
        for v in [1, 13, 999, 113_772] { #expect(TfLImporter.split(v, weights: [6, 2, 3]).reduce(0, +) == v) }
    }
}
