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
        buffer.append(contentsOf: CSVWriter.escape(reject.file).utf8)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: String(reject.line).utf8)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: reject.reason.code.utf8)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: CSVWriter.escape(reject.detail ?? reject.reason.description).utf8)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: CSVWriter.escape(reject.rawText).utf8)
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
