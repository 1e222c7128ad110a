/// A CSV file read with a required header: its data records, each with exactly as many
/// fields as the header, and helpers that raise errors naming file and line.
struct CSVTable: Sendable {
    /// The name used in errors (the path).
    let file: String
    /// The header row.
    let header: [String]
    /// The data records (header excluded).
    let records: [CSVRecord]

    /// Reads `path`, checks that the header is exactly `expectedHeader` and that every record
    /// has that many fields.
    static func read(path: String, expectedHeader: [String]) throws(ThrongIOError) -> CSVTable {
        let all = try CSVReader.read(path: path)
        guard let first = all.first else {
            throw ThrongIOError(.badCSVHeader, "empty file; expected header \(expectedHeader.joined(separator: ","))", file: path, line: 1)
        }
        guard first.fields == expectedHeader else {
            throw ThrongIOError(
                .badCSVHeader,
                "header is \"\(first.fields.joined(separator: ","))\", expected \"\(expectedHeader.joined(separator: ","))\"",
                file: path, line: first.line)
        }
        let records = Array(all.dropFirst())
        for r in records where r.fields.count != expectedHeader.count {
            throw ThrongIOError(.csvFieldCount, "\(r.fields.count) fields, expected \(expectedHeader.count)", file: path, line: r.line)
        }
        return CSVTable(file: path, header: first.fields, records: records)
    }

    /// Reads `path` and checks that the header contains every name in `required` (other columns
    /// allowed, for source files); returns the table and the index of each required column.
    static func read(path: String, requiring required: [String]) throws(ThrongIOError) -> (CSVTable, [String: Int]) {
        let all = try CSVReader.read(path: path)
        guard let first = all.first else {
            throw ThrongIOError(.badCSVHeader, "empty file", file: path, line: 1)
        }
        var index: [String: Int] = [:]
        for (i, name) in first.fields.enumerated() where index[name] == nil { index[name] = i }
        for name in required where index[name] == nil {
            throw ThrongIOError(.badCSVHeader, "header has no column \"\(name)\"", file: path, line: first.line)
        }
        let records = Array(all.dropFirst())
        for r in records where r.fields.count != first.fields.count {
            throw ThrongIOError(.csvFieldCount, "\(r.fields.count) fields, expected \(first.fields.count)", file: path, line: r.line)
        }
        return (CSVTable(file: path, header: first.fields, records: records), index)
    }

    /// An error about `record`.
    func error(_ code: ThrongIOError.Code, _ record: CSVRecord, _ message: String) -> ThrongIOError {
        ThrongIOError(code, message, file: file, line: record.line)
    }

    /// A required, non-empty field.
    func text(_ record: CSVRecord, _ column: Int) throws(ThrongIOError) -> String {
        let s = record.fields[column]
        guard !s.isEmpty else { throw error(.invalidField, record, "\(header[column]) is empty") }
        return s
    }

    /// A required finite number.
    func double(_ record: CSVRecord, _ column: Int) throws(ThrongIOError) -> Double {
        let s = try text(record, column)
        guard let v = Double(s), v.isFinite else {
            throw error(.invalidField, record, "\(header[column]) \"\(s)\" is not a number")
        }
        return v
    }

    /// An optional non-negative integer (empty → `nil`).
    func optionalInt(_ record: CSVRecord, _ column: Int) throws(ThrongIOError) -> Int? {
        let s = record.fields[column]
        if s.isEmpty { return nil }
        guard let v = Int(s), v >= 0 else {
            throw error(.invalidField, record, "\(header[column]) \"\(s)\" is not a non-negative integer")
        }
        return v
    }
}
