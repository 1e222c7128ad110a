import Foundation
import Testing
import ThrongCore
@testable import ThrongIO

@Suite("NetworkLoader")
struct NetworkLoaderTests {
    typealias S = NetworkTestSupport

    @Test func sampleLondonLoads() throws {
        let n = try NetworkLoader.load(directory: S.sampleLondon)
        #expect(n.stations.count == 270)
        #expect(n.lines.count == 11)
        #expect(n.links.count == 748)
        for (i, s) in n.stations.enumerated() {
            #expect(!n.accessPointsOfStation[i].isEmpty, "\(s.naptan) has no access point")
        }
        for l in n.links {
            #expect(l.runningMinutes.unimpeded > 0 && l.runningMinutes.amPeak > 0 && l.runningMinutes.interPeak > 0)
        }
        let bank = try #require(n.stationByNaptan["940GZZLUBNK"])
        let monument = try #require(n.stationByNaptan["940GZZLUMMT"])
        let central = try #require(n.lineByName["Central"]), district = try #require(n.lineByName["District"])
        let walk = try #require(n.walkMinutes(from: bank, line: central, to: monument, line: district))
        #expect(walk > 0)
        #expect(n.walkMinutes(from: monument, line: district, to: bank, line: central) == walk)
        #expect(n.walkNeighbours(of: bank).contains(monument))
        // Quoted names with commas survive.
        #expect(n.station(naptan: "940GZZLUHRC")?.name == "Heathrow Terminals 1,2,3")
        // Boundary zones.
        #expect(n.station(naptan: "940GZZLUACY")?.fareZones == [2, 3])
        // Every platform AP names a line/direction that has a link at its station.
        for ap in n.accessPoints where ap.area == .platform {
            let line = try #require(ap.line)
            let calls = n.links.contains { $0.line == line && $0.direction == ap.direction && ($0.from == ap.station || $0.to == ap.station) }
            #expect(calls, "\(ap.id)")
        }
    }

    @Test func writerRoundTripIsByteIdentical() throws {
        let n = try NetworkLoader.load(directory: S.sampleLondon)
        let dir = try S.tempDir("roundtrip")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try NetworkWriter.write(n, to: dir)
        for f in [NetworkFolder.stationsFile, NetworkFolder.linksFile, NetworkFolder.accessPointsFile, NetworkFolder.interchangesFile] {
            #expect(try S.text(dir + "/" + f) == S.text(S.sampleLondon + "/" + f), "\(f) differs after write")
        }
        let again = try NetworkLoader.load(directory: dir)
        #expect(again.lines == n.lines)
        #expect(again.stations == n.stations)
        #expect(again.links == n.links)
        #expect(again.accessPoints == n.accessPoints)
        #expect(again.interchanges == n.interchanges)
    }

    @Test func writerRoundTripOfASmallHandBuiltNetwork() throws {
        let a = StationID(0), b = StationID(1)
        let red = LineID(0)
        let n = Network(
            lines: ["Red \"Line\""],
            stations: [
                Station(naptan: "A", name: "Alpha, North", nlc: nil, countsNLC: 7, latitude: 51.5, longitude: -0.1,
                        fareZones: [1, 2], lines: [red], platforms: 2),
                Station(naptan: "B", name: "Beta", nlc: 3, countsNLC: nil, latitude: 51.6, longitude: 0.25,
                        fareZones: [3], lines: [red], platforms: 1),
            ],
            links: [
                Link(line: red, direction: "EB", from: a, to: b, distanceKm: 1.25,
                     runningMinutes: RunningTimes(unimpeded: 1.5, amPeak: 2.0, interPeak: 1.75), note: "a \"quoted\"\nnote"),
                Link(line: red, direction: "WB", from: b, to: a, distanceKm: 1.25,
                     runningMinutes: RunningTimes(unimpeded: 1.5, amPeak: 2.0, interPeak: 1.75)),
            ],
            accessPoints: [
                AccessPoint(id: "A-E1", station: a, area: .entrance),
                AccessPoint(id: "A-P", station: a, area: .platform, line: red, direction: "EB"),
                AccessPoint(id: "B-TH", station: b, area: .ticketHall),
            ],
            interchanges: [Interchange(fromStation: a, fromLine: red, toStation: b, toLine: red, walkMinutes: 4.5)])
        let dir = try S.tempDir("handbuilt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try NetworkWriter.write(n, to: dir)
        let m = try NetworkLoader.load(directory: dir)
        #expect(m.lines == n.lines)
        #expect(m.stations == n.stations)
        #expect(m.links == n.links)
        #expect(m.accessPoints == n.accessPoints)
        #expect(m.interchanges == n.interchanges)
    }

    // MARK: Broken copies

    /// Loads `dir` and checks the error's code, file and line.
    func expectError(
        _ dir: String, _ code: ThrongIOError.Code, file: String, line: Int?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try NetworkLoader.load(directory: dir)
            Issue.record("a broken network loaded without error", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(error.file?.hasSuffix("/" + file) == true, "\(error)", sourceLocation: sourceLocation)
            #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(file), sourceLocation: sourceLocation)
        }
    }

    @Test func unknownStationInLinks() throws {
        let dir = try S.copyOfSample("unknown-station")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try S.setField(dir + "/links.csv", line: 7, column: 3, to: "940GZZLUNOPE")
        expectError(dir, .unknownStation, file: "links.csv", line: 7)
    }

    @Test func noThroughRidesLoadAndAreChecked() throws {
        // The committed London folder: the Northern line's branches at Euston, the District at
        // Earl's Court and the Circle at Edgware Road.
        let london = try NetworkLoader.load(directory: S.sampleLondon)
        #expect(london.noThroughRides.count == 12)
        let euston = london.stationByNaptan["940GZZLUEUS"]!, northern = london.lineByName["Northern"]!
        #expect(london.noThroughRides.contains(NoThroughRide(
            line: northern, from: london.stationByNaptan["940GZZLUMTC"]!, via: euston, to: london.stationByNaptan["940GZZLUKSX"]!)))
        // Without the file (optional) nothing is restricted.
        let bare = try S.copyOfSample("no-restrictions")
        defer { try? FileManager.default.removeItem(atPath: bare) }
        try? FileManager.default.removeItem(atPath: bare + "/no_through_rides.csv")
        #expect(try NetworkLoader.load(directory: bare).noThroughRides.isEmpty)
        // A row naming links the line does not have is an error with its file and line.
        let dir = try S.copyOfSample("bad-restriction")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try S.write("line,from_naptan,via_naptan,to_naptan\nNorthern,940GZZLUMTC,940GZZLUEUS,940GZZLUKSX\nVictoria,940GZZLUKSX,940GZZLUEUS,940GZZLUMTC\n",
                    dir + "/no_through_rides.csv")
        expectError(dir, .invalidField, file: "no_through_rides.csv", line: 3)
    }

    @Test func duplicateAccessPoint() throws {
        let dir = try S.copyOfSample("dup-ap")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/access_points.csv"
        var lines = try S.lines(path)
        lines.append(lines[5])
        try S.write(lines.joined(separator: "\n") + "\n", path)
        expectError(dir, .duplicateAccessPoint, file: "access_points.csv", line: lines.count)
    }

    @Test func missingRunningTime() throws {
        let dir = try S.copyOfSample("missing-time")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try S.setField(dir + "/links.csv", line: 40, column: 6, to: "")
        expectError(dir, .missingRunningTime, file: "links.csv", line: 40)
    }

    @Test func nonPositiveRunningTime() throws {
        let dir = try S.copyOfSample("zero-time")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try S.setField(dir + "/links.csv", line: 41, column: 5, to: "0")
        expectError(dir, .invalidRunningTime, file: "links.csv", line: 41)
    }

    @Test func badArea() throws {
        let dir = try S.copyOfSample("bad-area")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try S.setField(dir + "/access_points.csv", line: 3, column: 2, to: "lobby")
        expectError(dir, .invalidArea, file: "access_points.csv", line: 3)
    }

    @Test func platformWithoutLine() throws {
        let dir = try S.copyOfSample("platform-no-line")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/access_points.csv"
        let line = try #require(try S.firstLine(path, column: 2, equals: "platform"))
        try S.setField(path, line: line, column: 3, to: "")
        expectError(dir, .platformWithoutLine, file: "access_points.csv", line: line)
    }

    @Test func platformOfALineNotCallingThere() throws {
        let dir = try S.copyOfSample("not-calling")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/access_points.csv"
        // Acton Town is District and Piccadilly only.
        let line = try #require(try S.firstLine(path, column: 0, equals: "ACT-P-DIS-EB"))
        try S.setField(path, line: line, column: 3, to: "Victoria")
        expectError(dir, .lineNotCalling, file: "access_points.csv", line: line)
    }

    @Test func missingFile() throws {
        let dir = try S.copyOfSample("missing-file")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/interchanges.csv")
        expectError(dir, .missingFile, file: "interchanges.csv", line: nil)
    }

    @Test func badHeader() throws {
        let dir = try S.copyOfSample("bad-header")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try S.setField(dir + "/stations.csv", line: 1, column: 4, to: "latitude")
        expectError(dir, .badCSVHeader, file: "stations.csv", line: 1)
    }

    @Test func wrongFieldCount() throws {
        let dir = try S.copyOfSample("field-count")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/stations.csv"
        var lines = try S.lines(path)
        lines[9] += ",extra"
        try S.write(lines.joined(separator: "\n") + "\n", path)
        expectError(dir, .csvFieldCount, file: "stations.csv", line: 10)
    }

    @Test func duplicateNaptan() throws {
        let dir = try S.copyOfSample("dup-naptan")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/stations.csv"
        var lines = try S.lines(path)
        lines.append(lines[1])
        try S.write(lines.joined(separator: "\n") + "\n", path)
        expectError(dir, .duplicateStation, file: "stations.csv", line: lines.count)
    }

    @Test func duplicateLink() throws {
        let dir = try S.copyOfSample("dup-link")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/links.csv"
        var lines = try S.lines(path)
        lines.insert(lines[1], at: 3)
        try S.write(lines.joined(separator: "\n") + "\n", path)
        expectError(dir, .duplicateLink, file: "links.csv", line: 4)
    }

    @Test func stationWithoutAccessPoints() throws {
        let dir = try S.copyOfSample("no-ap")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/access_points.csv"
        let kept = try S.lines(path).filter { !$0.contains(",940GZZLUALP,") }
        try S.write(kept.joined(separator: "\n") + "\n", path)
        expectError(dir, .stationWithoutAccessPoints, file: "access_points.csv", line: nil)
    }

    @Test func interchangeWithUnknownLine() throws {
        let dir = try S.copyOfSample("ix-line")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try S.setField(dir + "/interchanges.csv", line: 2, column: 3, to: "Elizabeth")
        expectError(dir, .unknownLine, file: "interchanges.csv", line: 2)
    }

    @Test func interchangeWithUnknownStation() throws {
        let dir = try S.copyOfSample("ix-station")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try S.setField(dir + "/interchanges.csv", line: 5, column: 2, to: "940GZZLUNOPE")
        expectError(dir, .unknownStation, file: "interchanges.csv", line: 5)
    }

    @Test func unknownLineInLinks() throws {
        let dir = try S.copyOfSample("link-line")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try S.setField(dir + "/links.csv", line: 2, column: 0, to: "Bakerlooo")
        expectError(dir, .unknownLine, file: "links.csv", line: 2)
    }
}
