import ThrongCore
import ThrongIO
#if canImport(Glibc)
import Glibc
#endif

/// Follows a directory where controllers write logs (docs/live.md, "Directory feeds"):
///
/// - a `.csv` file is tailed: complete lines are read as they are appended; a partial last
///   line waits for its newline (and is read as it is when the feed stops);
/// - a `.csv` file that shrinks was truncated (rotated in place): reading restarts at its
///   start, as a new source named `path@2`, `@3`, …; a file replaced under the same name (a new
///   inode) is the same: the old one is read to its end first;
/// - a `.csv.zst` file is read whole once its size has not changed for two polls (controllers
///   write compressed files when they rotate); a truncated or corrupt one is reported as batch
///   runs report it.
///
/// One source per file (per generation), so a slow controller holds the watermark back only
/// until the idle timeout.
final class DirectoryFollower: @unchecked Sendable {
    // @unchecked: used by the feed's one thread only.
    private struct Tail {
        var fd: Int32
        var inode: UInt64
        var offset: Int64
        var carry: [UInt8] = []
        var line = 0
        var source: Int
        var generation: Int
        var header: Bool = false
    }

    let path: String
    let engine: LiveEngine
    private var tails: [String: Tail] = [:]
    private var compressed: [String: (size: Int, stableFor: Int, done: Bool)] = [:]

    init(path: String, engine: LiveEngine) {
        self.path = path
        self.engine = engine
    }

    func poll(final: Bool) {
        for name in Self.entries(path).sorted() {
            let full = path + "/" + name
            if name.hasSuffix(".csv") {
                follow(full, final: final)
            } else if name.hasSuffix(".csv.zst") {
                var st = stat()
                guard stat(full, &st) == 0 else { continue }
                var state = compressed[full] ?? (size: -1, stableFor: 0, done: false)
                if state.done { continue }
                state.stableFor = Int(st.st_size) == state.size ? state.stableFor + 1 : 0
                state.size = Int(st.st_size)
                if engine.core.isDone(full) {
                    state.done = true   // read whole before a restart
                } else if state.stableFor >= 2 || final {
                    // Read whole, then added under one lock: a checkpoint has all of the file or none.
                    let source = engine.addSource(full)
                    var batches: [EventBatch] = []
                    let summary = try? EventLogReader(path: full, resolver: engine.resolver, options: engine.readerOptions)
                        .read { batches.append($0) }
                    engine.ingest(batches, from: source, position: "done")
                    engine.endSource(source, summary: summary)
                    state.done = true
                }
                compressed[full] = state
            }
        }
        if final {
            for (name, tail) in tails { finish(name, tail) }
            tails = [:]
        }
    }

    private func follow(_ full: String, final: Bool) {
        var st = stat()
        guard stat(full, &st) == 0 else { return }
        var tail: Tail
        if let t = tails[full] {
            tail = t
            if UInt64(st.st_ino) != tail.inode || Int64(st.st_size) < tail.offset {
                // Replaced or truncated: the old generation ends, a new one starts.
                if UInt64(st.st_ino) != tail.inode { read(&tail, name: full) }
                finish(full, tail)
                guard let fresh = open(full, generation: tail.generation + 1) else { return }
                tail = fresh
            }
        } else if let resumed = resume(full, inode: UInt64(st.st_ino), size: Int64(st.st_size)) {
            tail = resumed
        } else {
            guard let fresh = open(full, generation: 1) else { return }
            tail = fresh
        }
        read(&tail, name: full)
        tails[full] = tail
    }

    /// A file the checkpoint was following: its newest generation, continued at its offset if it
    /// is still the same file (same inode, not shorter); otherwise a new generation starts.
    private func resume(_ full: String, inode: UInt64, size: Int64) -> Tail? {
        var found: (g: Int, id: Int, position: String)?
        for g in 1...64 {
            let name = g == 1 ? full : "\(full)@\(g)"
            if let r = engine.resume(name) { found = (g, r.id, r.position) }
        }
        guard let found else { return nil }
        let parts = found.position.split(separator: ":")
        guard parts.count == 4, parts[0] == "tail", let offset = Int64(parts[1]), let line = Int(parts[2]), let ino = UInt64(parts[3]),
              ino == inode, size >= offset
        else {
            engine.endSource(found.id, summary: nil)
            return open(full, generation: found.g + 1)
        }
        let fd = Glibc.open(full, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        return Tail(fd: fd, inode: inode, offset: offset, line: line, source: found.id, generation: found.g)
    }

    private func open(_ full: String, generation: Int) -> Tail? {
        let fd = Glibc.open(full, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        _ = fstat(fd, &st)
        let name = generation == 1 ? full : "\(full)@\(generation)"
        return Tail(fd: fd, inode: UInt64(st.st_ino), offset: 0, source: engine.addSource(name), generation: generation)
    }

    /// Reads what was appended, delivering complete lines.
    private func read(_ tail: inout Tail, name: String) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(tail.fd, $0.baseAddress, $0.count, off_t(tail.offset)) }
            guard n > 0 else { return }
            tail.offset += Int64(n)
            var bytes = tail.carry
            bytes.append(contentsOf: buffer[0..<n])
            var lines: [ArraySlice<UInt8>] = []
            var start = 0
            for i in bytes.indices where bytes[i] == 0x0A {
                lines.append(bytes[start..<i])
                start = i + 1
            }
            tail.carry = Array(bytes[start...])
            deliver(lines, into: &tail, name: name)
        }
    }

    /// Parses lines as the batch reader does (header, CR, rejects with line numbers).
    private func deliver(_ lines: [ArraySlice<UInt8>], into tail: inout Tail, name: String) {
        guard !lines.isEmpty else { return }
        var batch = EventBatch(file: name, firstLine: tail.line + 1)
        let resolver = engine.resolver
        for line in lines {
            tail.line += 1
            let parsed = line.withUnsafeBytes { raw -> EventLineParser.ParseResult? in
                if tail.line == 1 && EventLineParser.isHeader(raw) { return nil }
                return EventLineParser.parse(raw, resolver: resolver)
            }
            guard let parsed else { tail.header = true; continue }
            batch.lineCount += 1
            switch parsed {
            case .event(let e): batch.events.append(e)
            case .rejected(let reason):
                batch.rejects.append(LineReject(file: name, line: tail.line, reason: reason, raw: Array(line.prefix(200))))
            }
        }
        engine.ingest([batch], from: tail.source, position: "tail:\(tail.offset - Int64(tail.carry.count)):\(tail.line):\(tail.inode)")
    }

    private func finish(_ name: String, _ tail: Tail) {
        var tail = tail
        if !tail.carry.isEmpty {
            let last = tail.carry
            tail.carry = []
            deliver([last[...]], into: &tail, name: name)
        }
        _ = close(tail.fd)
        engine.endSource(tail.source, summary: nil)
    }

    static func entries(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
