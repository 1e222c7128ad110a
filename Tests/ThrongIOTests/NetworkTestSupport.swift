import Foundation
@testable import ThrongIO

/// Paths and temp-folder helpers for the network folder and importer tests.
enum NetworkTestSupport {
    /// The repository root, from this file's path.
    static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `SampleData/london`.
    static let sampleLondon = repoRoot + "/SampleData/london"

    /// The TfL source folder: `$THRONG_TFL_SOURCE` or `../shared/data/london` next to the checkout.
    static let tflSource: String = {
        if let env = ProcessInfo.processInfo.environment["THRONG_TFL_SOURCE"] { return env }
        return URL(fileURLWithPath: repoRoot).deletingLastPathComponent().path + "/shared/data/london"
    }()

    /// Whether the TfL source folder is present.
    static var hasTfLSource: Bool { FileManager.default.fileExists(atPath: tflSource + "/links.csv") }

    /// A new empty temporary folder.
    static func tempDir(_ label: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("throng-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Copies the four network files of `SampleData/london` into a new temp folder.
    static func copyOfSample(_ label: String) throws -> String {
        let dir = try tempDir(label)
        for f in [NetworkFolder.stationsFile, NetworkFolder.linksFile, NetworkFolder.accessPointsFile, NetworkFolder.interchangesFile] {
            try FileManager.default.copyItem(atPath: sampleLondon + "/" + f, toPath: dir + "/" + f)
        }
        return dir
    }

    /// Reads a file as text.
    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// Writes text to a file.
    static func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Physical lines of a file (no trailing empty line).
    static func lines(_ path: String) throws -> [String] {
        var l = try text(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if l.last == "" { l.removeLast() }
        return l
    }

    /// Rewrites one field of the record on 1-based physical line `line` of a single-line-record file.
    static func setField(_ path: String, line: Int, column: Int, to value: String) throws {
        var l = try lines(path)
        var fields = try CSVReader.parse(Array(l[line - 1].utf8), file: path)[0].fields
        fields[column] = value
        var w = CSVWriter()
        w.row(fields)
        l[line - 1] = String(w.text.dropLast())
        try write(l.joined(separator: "\n") + "\n", path)
    }

    /// The 1-based line of the first record whose field `column` is `value`.
    static func firstLine(_ path: String, column: Int, equals value: String) throws -> Int? {
        try CSVReader.read(path: path).first { $0.fields.count > column && $0.fields[column] == value }?.line
    }
}
