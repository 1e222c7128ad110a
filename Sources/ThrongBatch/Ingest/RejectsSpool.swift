import ThrongIO

/// Rejected lines of one input file, written as CSV (`file,line,reason,detail,raw`) to a
/// private temporary file; the run concatenates the spools in input order at the end, so
/// the rejects file does not depend on which worker read which file.
final class RejectsSpool {
    let path: String
    private var writer: ZstdWriter?
    private var buffer: [UInt8] = []

    init(path: String) {
        self.path = path
    }

    func append(_ reject: LineReject) throws {
        if writer == nil { writer = try ZstdWriter(path: path, compressed: false) }
        CSVField.append(reject.file, to: &buffer)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: String(reject.line).utf8)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: reject.reason.code.utf8)
        buffer.append(UInt8(ascii: ","))
        CSVField.append(reject.detail ?? reject.reason.description, to: &buffer)
        buffer.append(UInt8(ascii: ","))
        CSVField.append(reject.rawText, to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty, writer != nil else { return }
        try buffer.withUnsafeBytes { b in try writer!.write(b) }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        try flush()
        if let w = writer.take() { try w.finish() }
    }
}

/// RFC 4180 quoting for one CSV field.
enum CSVField {
    static func append(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            out.append(contentsOf: text.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for b in text.utf8 {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}
