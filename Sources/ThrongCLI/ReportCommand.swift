import ArgumentParser
import Foundation
import ThrongIO
import ThrongWeb

/// `throng report`: a self-contained HTML report of a snapshot.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of a snapshot: maps by busyness, top stations and links, typical days, top OD pairs and route splits, data quality.",
        discussion: "The file carries its style, script and data; it opens offline in any browser.")

    @Argument(help: "Snapshot (throng batch --out).")
    var snapshot: String

    @Option(name: [.short, .long], help: "HTML file to write.")
    var output = "report.html"

    @Option(help: "Network folder (for the map: station coordinates, line colours).")
    var network = "SampleData/london"

    @Option(help: "Local times on the first service day for the maps and link tables, comma-separated HH:MM.")
    var times = "08:30,13:00,18:00,22:00"

    @Option(help: "Rows in each ranking.")
    var top = 15

    @Option(help: "Report title.")
    var title = "Throng crowding report"

    func validate() throws {
        if top < 1 || top > 500 { throw ValidationError("--top: 1…500") }
        for t in times.split(separator: ",") where t.split(separator: ":").count != 2 { throw ValidationError("--times: expected HH:MM,HH:MM,…; got '\(t)'") }
    }

    func run() throws {
        do {
            let net = try NetworkLoader.load(directory: network)
            var builder = ReportBuilder()
            builder.title = title
            builder.times = times.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            builder.top = top
            let html = try builder.html(snapshotPath: snapshot, network: net)
            let temp = output + ".tmp-\(getpid())"
            try Data(html.utf8).write(to: URL(fileURLWithPath: temp))
            if rename(temp, output) != 0 { throw CocoaError(.fileWriteUnknown) }
            print("report: \(output) (\(html.utf8.count) bytes)")
        } catch let code as ExitCode {
            throw code
        } catch {
            throw CommandFailure(error).report(json: false)
        }
    }
}
