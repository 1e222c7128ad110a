import ThrongCore
import ThrongIO

/// One reader's spilled events of one partition: raw `Event` records in a zstd stream
/// (level 1, fast), in a private temporary file. Written by one reader thread only.
final class SpillFile {
    let path: String
    private var writer: ZstdWriter?
    private(set) var events = 0

    init(path: String) {
        self.path = path
    }

    /// Appends events; opens the file on first use.
    func append(_ events: borrowing [Event]) throws {
        if writer == nil {
            writer = try ZstdWriter(path: path, level: 1, workers: 0, compressed: true, mode: 0o600)
        }
        let count = events.count
        try events.withUnsafeBytes { bytes in
            try writer!.write(bytes)
        }
        self.events += count
    }

    /// Ends the stream and closes the file.
    func finish() throws {
        if let w = writer.take() {
            try w.finish()
        }
    }
}

extension SpillFile {
    /// Appends the events of a spill file to `events`. A damaged spill file is a bug or
    /// a disk fault, never bad input: it is reported as an error, not skipped.
    static func load(path: String, into events: inout [Event]) throws {
        var reader = try ZstdReader(path: path)
        let stride = MemoryLayout<Event>.stride
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try buffer.withUnsafeMutableBytes { b in try reader.read(into: b) }
            if n == 0 { break }
            pending.append(contentsOf: buffer[0..<n])
            let whole = pending.count / stride
            if whole > 0 {
                pending.withUnsafeBytes { raw in
                    for i in 0..<whole {
                        events.append(raw.loadUnaligned(fromByteOffset: i * stride, as: Event.self))
                    }
                }
                pending.removeFirst(whole * stride)
            }
        }
        guard pending.isEmpty else {
            throw ThrongIOError(.corruptData, "spill file ends inside a record (\(pending.count) stray bytes)", file: path)
        }
    }
}
