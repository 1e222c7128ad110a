import ArgumentParser
import Foundation
import Throng
import ThrongStore

/// `throng export SNAPSHOT --table T`: one table or named view of a snapshot as CSV, TSV or
/// JSON lines, for tools that cannot read SQLite.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one table or view of a snapshot as CSV (default), TSV or JSON lines.",
        discussion: "Suppressed cells (NULL) are empty fields in CSV/TSV and null in JSON. `--list` names every table and view."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, tsv, jsonl }

    @Argument(help: "The snapshot file written by `throng batch`.")
    var snapshot: String
    @Option(help: "Table or view, e.g. station_bins_named.")
    var table: String?
    @Option(help: "csv, tsv or jsonl.")
    var format: Format = .csv
    @Option(name: [.short, .long], help: "Write here instead of standard output (replaced atomically).")
    var out: String?
    @Flag(help: "List the snapshot's tables and views and exit.")
    var list = false

    func validate() throws {
        if !list && table == nil { throw ValidationError("give --table NAME (or --list)") }
        guard FileManager.default.fileExists(atPath: snapshot) else { throw ValidationError("no snapshot at \(snapshot)") }
    }

    func run() throws {
        let reader: SnapshotReader
        do { reader = try SnapshotReader(path: snapshot, format: CrowdingSnapshotSchema.format) } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(66)
        }
        let names = try reader.query("SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY type, name").rows
        if list {
            for row in names { print("\(row[1].textValue ?? "")\t\(row[0].textValue ?? "")") }
            return
        }
        guard let table, names.contains(where: { $0[0].textValue == table }) else {
            FileHandle.standardError.write(Data("error: no table or view '\(table ?? "")' in \(snapshot); `throng export \(snapshot) --list` names them\n".utf8))
            throw ExitCode(65)
        }
        var text = ""
        var header: [String] = []
        let separator = format == .tsv ? "\t" : ","
        func field(_ v: SQLiteValue) -> String {
            switch v {
            case .null: return ""
            case .text(let s): return format == .tsv ? s.replacingOccurrences(of: "\t", with: " ") : CSVWriter.escape(s)
            default: return v.description
            }
        }
        func json(_ v: SQLiteValue) -> String {
            switch v {
            case .null: return "null"
            case .integer(let i): return String(i)
            case .real(let d): return d.isFinite ? String(d) : "null"
            case .text(let s):
                let data = (try? JSONSerialization.data(withJSONObject: [s], options: [])) ?? Data("[\"\"]".utf8)
                return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
            case .blob: return "\"\(v.description)\""
            }
        }
        try reader.forEachRow("SELECT * FROM \"\(table)\"") { row in
            if header.isEmpty {
                header = (0..<row.columnCount).map { row.columnName(at: $0) }
                if format != .jsonl { text += header.joined(separator: separator) + "\n" }
            }
            let values = row.row()
            if format == .jsonl {
                text += "{" + zip(header, values).map { "\(json(.text($0))):\(json($1))" }.joined(separator: ",") + "}\n"
            } else {
                text += values.map(field).joined(separator: separator) + "\n"
            }
        }
        if let out {
            let tmp = out + ".tmp-\(getpid())"
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: tmp))
                guard rename(tmp, out) == 0 else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                unlink(tmp)
                FileHandle.standardError.write(Data("error: cannot write \(out): \(error)\n".utf8))
                throw ExitCode(73)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
