import ThrongIO
#if canImport(Glibc)
import Glibc
#endif

/// The rejects file: `file,line,reason,detail,raw` with a header, the per-file spools
/// concatenated in input order.
enum RejectsFile {
    static let header = "file,line,reason,detail,raw\n"

    /// `<dir>/.<name>.tmp-<pid>-<16 hex>`: the form `AtomicFileReplacement` uses, so stale
    /// temporaries of killed runs are found and removed the same way.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var g = SystemRandomNumberGenerator()
        let token = String(g.next() as UInt64, radix: 16)
        return "\(dir.isEmpty ? "/" : dir)/.\(name).tmp-\(getpid())-\(String(repeating: "0", count: 16 - token.count) + token)"
    }

    /// Writes the rejects file at `path`; compressed when `path` ends `.zst` (or the target
    /// does: pass `compressed`).
    static func write(to path: String, spools: [String], compressed: Bool? = nil) throws {
        var out = try ZstdWriter(path: path, compressed: compressed)
        try out.write(header)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for spool in spools {
            let fd = open(spool, O_RDONLY)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                try buffer.withUnsafeBytes { b in try out.write(UnsafeRawBufferPointer(rebasing: b[0..<n])) }
            }
        }
        try out.finish()
    }
}
