import ThrongIO

/// Minimal reading of the simulator's truth files: zstd text, RFC 4180 fields.
enum TruthCSV {
    /// The decompressed text of a `.zst` file.
    static func text(ofZstd path: String) throws(EvaluationError) -> String {
        var bytes: [UInt8] = []
        do {
            var reader = try ZstdReader(path: path)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = try chunk.withUnsafeMutableBytes { (b: UnsafeMutableRawBufferPointer) throws(ThrongIOError) -> Int in
                    try reader.read(into: b)
                }
                if n == 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
            }
        } catch {
            throw EvaluationError(.unreadableTruth, "cannot read \(path)", cause: error)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Splits one line into fields (quotes: `"a,b"`, `""` inside a quoted field).
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "," {
                out.append(field)
                field = ""
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else {
                field.append(c)
            }
        }
        out.append(field)
        return out
    }
}
