import Foundation
import ThrongCore

/// Converts TfL's London Underground open data (the folder `shared/data/london`) into a Throng
/// network folder plus demand files, deterministically (byte-identical on re-run).
///
/// Writes into `destination`: `stations.csv`, `links.csv`, `access_points.csv`,
/// `interchanges.csv` (the network folder, validated by loading it back with
/// ``NetworkLoader``), `gate_counts_2019.csv`, `demand/od_daily.csv`,
/// `demand/station_profiles_2019.csv` and `import_report.txt`. The rules (generated
/// access-point layout, interchange times, estimates, splits of shared NLCs) are in
/// `SampleData/README.md`. Data: "Powered by TfL Open Data".
public enum TfLImporter {
    /// Through movements no train runs that the order of the links cannot show (each branch's
    /// run starts or ends at the junction), from TfL's service patterns:
    /// - District at Earl's Court: the Kensington (Olympia) trains run from High Street
    ///   Kensington only, and Edgware Road branch trains run to Wimbledon, not to the Richmond
    ///   and Ealing branches;
    /// - Circle at Edgware Road (the "teacup" since 2009): trains from Hammersmith via Paddington
    ///   (H&C) continue to Baker Street and round the loop, which ends at Edgware Road from
    ///   Paddington (Praed Street); no train runs Baker Street → Edgware Road → Paddington
    ///   (Praed Street) or from either Paddington to the other through Edgware Road.
    static let serviceRestrictions: [(String, String, String, String)] = [
        ("Circle", "940GZZLUBST", "940GZZLUERC", "940GZZLUPAC"),
        ("Circle", "940GZZLUPAC", "940GZZLUERC", "940GZZLUBST"),
        ("Circle", "940GZZLUPAH", "940GZZLUERC", "940GZZLUPAC"),
        ("Circle", "940GZZLUPAC", "940GZZLUERC", "940GZZLUPAH"),
        ("District", "940GZZLUGTR", "940GZZLUECT", "940GZZLUKOY"),
        ("District", "940GZZLUKOY", "940GZZLUECT", "940GZZLUGTR"),
        ("District", "940GZZLUHSK", "940GZZLUECT", "940GZZLUWKN"),
        ("District", "940GZZLUWKN", "940GZZLUECT", "940GZZLUHSK"),
    ]

    /// Imports `source` into `destination` (created if needed; files replaced).
    @discardableResult
    public static func importLondon(source: String, destination: String) throws(ThrongIOError) -> ImportReport {
        var report = ImportReport()
        let src = try TfLSource.read(directory: source)
        let parts = try buildStationsAndLinks(src, report: &report)
        let gates = try gateCounts(source: source, parts: parts, report: &report)

        // Access points.
        let codes = AccessPointLayout.stationCodes(parts.stations.map(\.naptan))
        let lineCodes = AccessPointLayout.lineCodes(parts.lines)
        var accessPoints: [AccessPoint] = []
        for (i, s) in parts.stations.enumerated() {
            accessPoints += AccessPointLayout.accessPoints(
                station: StationID(UInt16(i)), code: codes[i], platforms: s.platforms, lineCount: s.lines.count,
                dailyGateCount: gates.weekdayTotal[i], callingDirections: parts.callingDirections[i], lineCodes: lineCodes)
        }

        // Interchanges.
        var interchanges: [Interchange] = []
        for (i, s) in parts.stations.enumerated() where s.lines.count > 1 {
            let id = StationID(UInt16(i))
            for a in s.lines {
                for b in s.lines where a != b {
                    interchanges.append(Interchange(
                        fromStation: id, fromLine: a, toStation: id, toLine: b,
                        walkMinutes: InterchangeRule.inStation(platforms: s.platforms, lineA: parts.lines[a.index], lineB: parts.lines[b.index])))
                }
            }
        }
        let outOfStation = try outOfStationInterchanges(src, parts, report: &report)
        interchanges += outOfStation

        // Branches that do not connect: implied by the order of TfL's links (train runs), plus
        // the District's service pattern at Earl's Court, which the order cannot show.
        var noThroughRides = NoThroughRide.implied(byRunsOf: parts.links)
        for (line, from, via, to) in serviceRestrictions {
            guard let l = parts.lines.firstIndex(of: line),
                  let a = parts.stations.firstIndex(where: { $0.naptan == from }),
                  let v = parts.stations.firstIndex(where: { $0.naptan == via }),
                  let b = parts.stations.firstIndex(where: { $0.naptan == to })
            else { continue }
            let rule = NoThroughRide(line: LineID(UInt8(l)), from: StationID(UInt16(a)), via: StationID(UInt16(v)), to: StationID(UInt16(b)))
            guard parts.links.contains(where: { $0.line == rule.line && $0.from == rule.from && $0.to == rule.via }),
                  parts.links.contains(where: { $0.line == rule.line && $0.from == rule.via && $0.to == rule.to }),
                  !noThroughRides.contains(rule)
            else { continue }
            noThroughRides.append(rule)
            report.notes.append("no through ride \(line) \(from)→\(via)→\(to) (service pattern)")
        }
        let network = Network(
            lines: parts.lines, stations: parts.stations, links: parts.links, accessPoints: accessPoints, interchanges: interchanges,
            noThroughRides: noThroughRides)
        try NetworkWriter.write(network, to: destination)
        let reloaded = try NetworkLoader.load(directory: destination)
        guard reloaded.stations == network.stations, reloaded.links == network.links,
              reloaded.accessPoints == network.accessPoints, reloaded.interchanges == network.interchanges,
              reloaded.noThroughRides == network.noThroughRides
        else {
            throw ThrongIOError(.invalidSource, "written network does not read back identically", file: destination)
        }

        // Demand.
        let demandDir = NetworkFolder.path(destination, "demand")
        do {
            try FileManager.default.createDirectory(atPath: demandDir, withIntermediateDirectories: true)
        } catch {
            throw ThrongIOError(.writeFailed, "cannot create directory", file: demandDir, cause: DescribedError(error))
        }
        let profiles = try stationProfiles(source: source, parts: parts, report: &report)
        let od = try odDaily(source: source, parts: parts, report: &report)
        try NetworkWriter.writeText(gates.csv, to: NetworkFolder.path(destination, "gate_counts_2019.csv"))
        try NetworkWriter.writeText(profiles, to: NetworkFolder.path(demandDir, "station_profiles_2019.csv"))
        try NetworkWriter.writeText(od, to: NetworkFolder.path(demandDir, "od_daily.csv"))

        report.stations = network.stations.count
        report.lines = network.lines.count
        report.links = network.links.count
        report.accessPoints = network.accessPoints.count
        report.interchanges = network.interchanges.count
        report.noThroughRides = network.noThroughRides.count
        report.outOfStationInterchanges = outOfStation.count
        report.files = [
            NetworkFolder.stationsFile, NetworkFolder.linksFile, NetworkFolder.accessPointsFile, NetworkFolder.interchangesFile,
            NetworkFolder.noThroughRidesFile,
            "gate_counts_2019.csv", "demand/od_daily.csv", "demand/station_profiles_2019.csv", "import_report.txt",
        ]
        try NetworkWriter.writeText(report.description, to: NetworkFolder.path(destination, "import_report.txt"))
        return report
    }

    /// Out-of-station interchanges of ``InterchangeRule/osiYear`` between two stations of the
    /// network, of an imported type, for every pair of lines, both ways.
    static func outOfStationInterchanges(
        _ src: TfLSource, _ parts: NetworkParts, report: inout ImportReport
    ) throws(ThrongIOError) -> [Interchange] {
        guard let pairs = src.osi[InterchangeRule.osiYear] else {
            throw ThrongIOError(.invalidSource, "no year \(InterchangeRule.osiYear) in \(TfLSource.osiFile)")
        }
        var result: [Interchange] = []
        var seen: Set<String> = []
        for p in pairs {
            guard let a = parts.stationByNaptan[p.a], let b = parts.stationByNaptan[p.b], a != b else { continue }
            let sa = parts.stations[a.index], sb = parts.stations[b.index]
            guard let walk = InterchangeRule.outOfStation(type: p.type, via: p.via != nil, from: sa, to: sb) else {
                report.notes.append("out-of-station pair \(sa.name) (\(p.a)) – \(sb.name) (\(p.b)) of type \(p.type) not imported")
                continue
            }
            guard seen.insert(min(p.a, p.b) + max(p.a, p.b)).inserted else { continue }
            report.notes.append(
                "out-of-station interchange \(sa.name) (\(p.a)) <-> \(sb.name) (\(p.b)), \(p.type)\(p.via.map { " via \($0)" } ?? ""): \(walk) min")
            for (x, y) in [(a, b), (b, a)] {
                for lx in parts.stations[x.index].lines {
                    for ly in parts.stations[y.index].lines {
                        result.append(Interchange(fromStation: x, fromLine: lx, toStation: y, toLine: ly, walkMinutes: walk))
                    }
                }
            }
        }
        return result
    }
}
