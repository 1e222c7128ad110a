import Foundation

/// A strict RFC-4180 CSV reader for the network folder and the TfL source files.
///
/// Accepts UTF-8 (an initial byte-order mark is skipped), `LF` or `CRLF` line ends, fields
/// quoted with `"` (a quote inside a quoted field is written `""`; quoted fields may span
/// lines). Rejects a quote inside an unquoted field, text after a closing quote, an
/// unterminated quote, a bare `CR` and invalid UTF-8, naming file and line. A final line end
/// is optional; every other line is a record (an empty line is a record with one empty field,
/// which the field-count check then reports).
enum CSVReader {
    /// Reads and parses a whole file. `displayName` is used in errors (defaults to `path`).
    static func read(path: String, displayName: String? = nil) throws(ThrongIOError) -> [CSVRecord] {
        let name = displayName ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ThrongIOError(.missingFile, "file not found", file: name)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ThrongIOError(.readFailed, "cannot read file", file: name, cause: DescribedError(error))
        }
        return try parse([UInt8](data), file: name)
    }

    /// Parses CSV bytes. `file` is used in errors.
    static func parse(_ bytes: [UInt8], file: String) throws(ThrongIOError) -> [CSVRecord] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var recordLine = 1
        let n = bytes.count

        func finishField() throws(ThrongIOError) {
            guard let s = String(validating: field, as: UTF8.self) else {
                throw ThrongIOError(.csvSyntax, "invalid UTF-8 in field \(fields.count + 1)", file: file, line: line)
            }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
        }

        if i >= n { return [] }
        while i < n {
            // Start of a field.
            if bytes[i] == quote {
                i += 1
                while true {
                    guard i < n else {
                        throw ThrongIOError(.csvSyntax, "unterminated quoted field \(fields.count + 1)", file: file, line: recordLine)
                    }
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n, bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if b == lf { line += 1 }
                    field.append(b)
                    i += 1
                }
                if i < n, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                    throw ThrongIOError(.csvSyntax, "text after the closing quote of field \(fields.count + 1)", file: file, line: line)
                }
            } else {
                while i < n {
                    let b = bytes[i]
                    if b == comma || b == lf || b == cr { break }
                    if b == quote {
                        throw ThrongIOError(.csvSyntax, "quote inside unquoted field \(fields.count + 1)", file: file, line: line)
                    }
                    field.append(b)
                    i += 1
                }
            }
            try finishField()
            // End of field: comma, line end or end of input.
            if i >= n {
                break
            }
            let b = bytes[i]
            if b == comma {
                i += 1
                if i >= n { fields.append("") }  // trailing comma at end of input
                continue
            }
            if b == cr {
                guard i + 1 < n, bytes[i + 1] == lf else {
                    throw ThrongIOError(.csvSyntax, "carriage return not followed by line feed", file: file, line: line)
                }
                i += 1
            }
            // b is LF here.
            i += 1
            records.append(CSVRecord(fields: fields, line: recordLine))
            fields.removeAll(keepingCapacity: true)
            line += 1
            recordLine = line
        }
        if !fields.isEmpty {
            records.append(CSVRecord(fields: fields, line: recordLine))
        }
        return records
    }
}
