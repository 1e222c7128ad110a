import ArgumentParser
import Foundation
import Throng

/// `throng network …`: check a network folder, import TfL open data into one.
struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Check a network folder or import one from TfL open data.",
        subcommands: [Check.self, Import.self]
    )

    /// `throng network check --network DIR`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Load and validate a network folder; print its size, or the first inconsistency (file:line)."
        )

        @Option(name: .long, help: "The network folder (stations.csv, links.csv, access_points.csv, interchanges.csv).")
        var network: String

        func run() throws {
            do {
                let n = try NetworkLoader.load(directory: network)
                let outOfStation = n.interchanges.filter { $0.fromStation != $0.toStation }.count
                print("""
                    network \(network): OK
                    stations: \(n.stations.count)
                    lines: \(n.lines.count) (\(n.lines.joined(separator: ", ")))
                    links: \(n.links.count)
                    access points: \(n.accessPoints.count)
                    interchanges: \(n.interchanges.count) (out-of-station: \(outOfStation))
                    """)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
    }

    /// `throng network import --source DIR --out DIR`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Convert TfL London Underground open data into a network folder plus demand files (deterministic)."
        )

        @Option(name: .long, help: "The TfL source folder (stations.csv, links.csv, rods_od_daily.csv, …).")
        var source: String

        @Option(name: .long, help: "The destination folder, e.g. SampleData/london (files are replaced).")
        var out: String

        @Flag(name: .long, help: "Print only the counts, not the full report.")
        var quiet = false

        func run() throws {
            do {
                let report = try TfLImporter.importLondon(source: source, destination: out)
                if quiet {
                    print("imported \(report.stations) stations, \(report.lines) lines, \(report.links) links, "
                        + "\(report.accessPoints) access points, \(report.interchanges) interchanges into \(out)")
                } else {
                    print(report.description, terminator: "")
                }
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}
