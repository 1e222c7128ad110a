public import ThrongIO
import ThrongCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plays recorded or simulated logs back in event-time order at a multiple of real time, for
/// demos, tests and benchmarks (`throng replay`).
///
/// Each file is one controller: its lines go out in the file's own order (so its lateness and
/// clock skew are the log's), and the files are merged by each one's next timestamp. A line
/// whose timestamp does not parse (a header, a damaged line) goes out with the file's previous
/// time, so the engine rejects it with its reason as a batch run would.
public struct LogReplayer {
    /// Where lines go: one sink per file (a TCP connection each), or one for all (stdout).
    public enum Target: Sendable {
        /// Every line to standard output.
        case standardOutput
        /// One connection to 127.0.0.1:`port` per file.
        case tcp(port: UInt16)
    }

    private var files: [LineCursor]
    private let speed: Double
    private let target: Target

    /// Opens `paths` (`.csv` or `.csv.zst`). `speed`: event-time seconds per wall second; 0 plays as fast as possible.
    public init(paths: [String], speed: Double, target: Target) throws(ThrongIOError) {
        var cursors: [LineCursor] = []
        for p in paths { cursors.append(try LineCursor(path: p)) }
        files = cursors
        self.speed = speed
        self.target = target
    }

    /// Plays everything; returns the lines written.
    public mutating func run() throws -> Int {
        var sinks: [Int32] = []
        switch target {
        case .standardOutput: sinks = [STDOUT_FILENO]
        case .tcp(let port):
            for _ in files.indices { sinks.append(try Self.connect(port: port)) }
        }
        defer { if case .tcp = target { for fd in sinks { _ = close(fd) } } }
        var buffers = [[UInt8]](repeating: [], count: sinks.count)
        let started = Date()
        var firstTime: Int64?
        var written = 0
        var lastFlush = Date()
        while true {
            // The file whose next line is earliest.
            var pick = -1
            var best = Int64.max
            for i in files.indices where files[i].hasLine {
                if files[i].time < best { best = files[i].time; pick = i }
            }
            guard pick >= 0 else { break }
            if speed > 0, best != .min {
                let t0 = firstTime ?? best
                firstTime = t0
                let due = Double(best - t0) / 1000 / speed
                let ahead = due - Date().timeIntervalSince(started)
                if ahead > 0.002 {
                    for i in buffers.indices { try Self.flush(&buffers[i], to: sinks[i]) }
                    usleep(UInt32(min(ahead, 1) * 1_000_000))
                }
            }
            let sink = sinks.count == 1 ? 0 : pick
            files[pick].appendLine(to: &buffers[sink])
            written += 1
            if buffers[sink].count >= 1 << 16 { try Self.flush(&buffers[sink], to: sinks[sink]) }
            try files[pick].advance()
            if Date().timeIntervalSince(lastFlush) > 0.01 {
                for i in buffers.indices { try Self.flush(&buffers[i], to: sinks[i]) }
                lastFlush = Date()
            }
        }
        for i in buffers.indices { try Self.flush(&buffers[i], to: sinks[i]) }
        return written
    }

    static func flush(_ buffer: inout [UInt8], to fd: Int32) throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LiveError(.feedFailed, "cannot write replayed lines: errno \(errno)")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    static func connect(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LiveError(.feedFailed, "cannot create a socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let r = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard r == 0 else {
            let e = errno
            _ = close(fd)
            throw LiveError(.feedFailed, "cannot connect to 127.0.0.1:\(port): errno \(e)")
        }
        return fd
    }
}

/// One file's lines, one at a time, with the time of the current one.
final class LineCursor {
    private var zstd: ZstdBox?
    private let fd: Int32
    private var chunk = [UInt8](repeating: 0, count: 1 << 18)
    private var bytes: [UInt8] = []
    private var position = 0
    private var lineEnd = -1
    private var eof = false
    private(set) var time: Int64 = .min
    private(set) var hasLine = false

    init(path: String) throws(ThrongIOError) {
        if path.hasSuffix(".zst") {
            zstd = ZstdBox(try ZstdReader(path: path))
            fd = -1
        } else {
            zstd = nil
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ThrongIOError(.cannotOpen, "cannot open \(path)", file: path) }
        }
        try advanceThrowing()
    }

    deinit { if fd >= 0 { _ = close(fd) } }

    /// Appends the current line and its LF.
    func appendLine(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: bytes[position..<lineEnd])
        buffer.append(0x0A)
    }

    func advance() throws {
        position = lineEnd + 1
        try advanceThrowing()
    }

    private func advanceThrowing() throws(ThrongIOError) {
        while true {
            if let lf = bytes[position...].firstIndex(of: 0x0A) {
                lineEnd = lf
                hasLine = true
                let comma = bytes[position..<lf].firstIndex(of: 0x2C) ?? lf
                let parsed = bytes[position..<comma].withUnsafeBytes { Timestamp.parse($0) }
                if case .millis(let m) = parsed { time = m }
                return
            }
            if eof {
                if position < bytes.count {
                    bytes.append(0x0A)   // a last line without LF
                    continue
                }
                hasLine = false
                return
            }
            bytes.removeFirst(position)
            position = 0
            let n: Int
            if zstd != nil {
                let box = zstd!
                n = try chunk.withUnsafeMutableBytes { buffer in
                    Result { () throws(ThrongIOError) in try box.read(into: buffer) }
                }.get()
            } else {
                n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            }
            if n <= 0 { eof = true } else { bytes.append(contentsOf: chunk[0..<n]) }
        }
    }
}

/// A zstd reader in a class, so a cursor can read through it without moving it.
final class ZstdBox {
    private var reader: ZstdReader
    init(_ reader: consuming ZstdReader) { self.reader = reader }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ThrongIOError) -> Int { try reader.read(into: buffer) }
}
