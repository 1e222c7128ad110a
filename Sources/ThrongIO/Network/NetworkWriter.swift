import Foundation
public import ThrongCore

/// Writes a ``Network`` as a network folder that ``NetworkLoader`` reads back to an equal
/// network (same stations, lines, links, access points and interchanges, in the same order).
///
/// Output is deterministic: `LF` line ends, numbers in their shortest round-trip form
/// (`2.0`, `1.74`), fields quoted only when needed.
public enum NetworkWriter {
    /// Writes the five files into `directory`, creating it if needed and replacing the files.
    public static func write(_ network: Network, to directory: String) throws(ThrongIOError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ThrongIOError(.writeFailed, "cannot create directory", file: directory, cause: DescribedError(error))
        }
        let files: [(String, String)] = [
            (NetworkFolder.stationsFile, stationsCSV(network)),
            (NetworkFolder.linksFile, linksCSV(network)),
            (NetworkFolder.accessPointsFile, accessPointsCSV(network)),
            (NetworkFolder.interchangesFile, interchangesCSV(network)),
            (NetworkFolder.noThroughRidesFile, noThroughRidesCSV(network)),
        ]
        for (name, text) in files {
            try writeText(text, to: NetworkFolder.path(directory, name))
        }
    }

    /// The text of `stations.csv`.
    public static func stationsCSV(_ network: Network) -> String {
        var w = CSVWriter()
        w.row(NetworkFolder.stationsHeader)
        for s in network.stations {
            w.row([
                s.naptan, s.name, s.nlc.map(String.init) ?? "", s.countsNLC.map(String.init) ?? "",
                CSVWriter.number(s.latitude), CSVWriter.number(s.longitude),
                s.fareZones.map(String.init).joined(separator: "/"),
                s.lines.map { network.lines[$0.index] }.joined(separator: ";"),
                String(s.platforms),
            ])
        }
        return w.text
    }

    /// The text of `links.csv`.
    public static func linksCSV(_ network: Network) -> String {
        var w = CSVWriter()
        w.row(NetworkFolder.linksHeader)
        for l in network.links {
            w.row([
                network.lines[l.line.index], l.direction,
                network.stations[l.from.index].naptan, network.stations[l.to.index].naptan,
                CSVWriter.number(l.distanceKm), CSVWriter.number(l.runningMinutes.unimpeded),
                CSVWriter.number(l.runningMinutes.amPeak), CSVWriter.number(l.runningMinutes.interPeak),
                l.note ?? "",
            ])
        }
        return w.text
    }

    /// The text of `access_points.csv`.
    public static func accessPointsCSV(_ network: Network) -> String {
        var w = CSVWriter()
        w.row(NetworkFolder.accessPointsHeader)
        for ap in network.accessPoints {
            w.row([
                ap.id, network.stations[ap.station.index].naptan, ap.area.rawValue,
                ap.line.map { network.lines[$0.index] } ?? "", ap.direction ?? "",
            ])
        }
        return w.text
    }

    /// The text of `interchanges.csv`.
    public static func interchangesCSV(_ network: Network) -> String {
        var w = CSVWriter()
        w.row(NetworkFolder.interchangesHeader)
        for x in network.interchanges {
            w.row([
                network.stations[x.fromStation.index].naptan, network.lines[x.fromLine.index],
                network.stations[x.toStation.index].naptan, network.lines[x.toLine.index],
                CSVWriter.number(x.walkMinutes),
            ])
        }
        return w.text
    }

    /// The text of `no_through_rides.csv`.
    public static func noThroughRidesCSV(_ network: Network) -> String {
        var w = CSVWriter()
        w.row(NetworkFolder.noThroughRidesHeader)
        for x in network.noThroughRides {
            w.row([
                network.lines[x.line.index], network.stations[x.from.index].naptan,
                network.stations[x.via.index].naptan, network.stations[x.to.index].naptan,
            ])
        }
        return w.text
    }

    /// Writes UTF-8 text to a file, replacing it.
    static func writeText(_ text: String, to path: String) throws(ThrongIOError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw ThrongIOError(.writeFailed, "cannot write file", file: path, cause: DescribedError(error))
        }
    }
}
