import ThrongCore
import ThrongIO

/// Rejected lines of one input file, written as CSV (`file,line,reason,detail,raw`) to a
/// private temporary file; the run concatenates the spools in input order at the end, so
/// the rejects file does not depend on which worker read which file.
final class RejectsSpool {
    let path: String
    /// Pseudonymises device fields of raw lines; nil keeps raw lines (explicit option only).
    let redaction: SipHash?
    private var writer: ZstdWriter?
    private var buffer: [UInt8] = []

    init(path: String, redaction: SipHash?) {
        self.path = path
        self.redaction = redaction
    }

    /// The raw line with its device field (the second) replaced by a keyed pseudonym, and the
    /// first field too unless it looks like a timestamp (a swapped column may hold a token). A
    /// line without a comma is replaced whole. Access point ids and further fields are kept.
    static func redact(_ raw: String, with key: SipHash) -> String {
        var fields = raw.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 2 else { return raw.isEmpty ? raw : key.pseudonym(raw) }
        fields[1] = key.pseudonym(fields[1])
        let timestampLike = fields[0].unicodeScalars.allSatisfy { "0123456789-:.TZ+ \u{FEFF}".unicodeScalars.contains($0) }
        if !timestampLike { fields[0] = key.pseudonym(fields[0]) }
        return fields.joined(separator: ",")
    }

    func append(_ reject: LineReject) throws {
        if writer == nil { writer = try ZstdWriter(path: path, compressed: false, mode: 0o600) }
        buffer.append(contentsOf: CSVWriter.escape(reject.file).utf8)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: String(reject.line).utf8)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: reject.reason.code.utf8)
        buffer.append(UInt8(ascii: ","))
        buffer.append(contentsOf: CSVWriter.escape(reject.detail ?? reject.reason.description).utf8)
        buffer.append(UInt8(ascii: ","))
        let raw = redaction.map { Self.redact(reject.rawText, with: $0) } ?? reject.rawText
        buffer.append(contentsOf: CSVWriter.escape(raw).utf8)
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
