import ArgumentParser
import Foundation
import Throng

/// `throng read --network DIR FILE…`: reads event logs and prints what was read (lines,
/// accepted, rejected by reason, bytes, speed). Hidden: a diagnostic and benchmarking aid
/// (`Benchmarks/ReaderBenchmarks/compare-zstd.sh` uses it).
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read event logs (.csv, .csv.zst, - for stdin) and print a summary of accepted and rejected lines.",
        shouldDisplay: false
    )

    @Option(name: .long, help: "The network folder whose access point ids the logs use.")
    var network: String

    @Option(name: .long, help: "Print at most this many rejected lines to standard error.")
    var showRejects: Int = 10

    @Option(name: .long, help: "Events per batch.")
    var batchSize: Int = 65_536

    @Argument(help: "Event log files; - reads standard input.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one event log file (or - for standard input)") }
    }

    func run() throws {
        let net: Network
        do {
            net = try NetworkLoader.load(directory: network)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let resolver = AccessPointResolver(network: net)
        var shown = 0
        var events = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let summary = try EventLogReader.readFiles(paths: files, resolver: resolver, options: .init(batchSize: batchSize)) { batch in
            events &+= batch.events.count
            for reject in batch.rejects where shown < showRejects {
                FileHandle.standardError.write(Data("reject: \(reject)\n".utf8))
                shown += 1
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        precondition(events == summary.accepted)
        print(summary)
        print(String(
            format: "elapsed: %.3f s (%.2f M lines/s, %.0f MB/s of text, %.0f MB/s of input)",
            seconds, Double(summary.linesRead) / seconds / 1e6, Double(summary.bytesOut) / seconds / 1e6,
            Double(summary.bytesIn) / seconds / 1e6))
        if !summary.isBalanced {
            FileHandle.standardError.write(Data("error: accepted + rejected != lines read\n".utf8))
            throw ExitCode.failure
        }
    }
}
