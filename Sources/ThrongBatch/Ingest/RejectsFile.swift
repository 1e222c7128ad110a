import ThrongIO
#if canImport(Glibc)
import Glibc
#endif

/// The rejects file: `file,line,reason,detail,raw` with a header, the per-file spools
/// concatenated in input order.
enum RejectsFile {
    static let header = "file,line,reason,detail,raw\n"

    static func write(to path: String, spools: [String]) throws {
        var out = try ZstdWriter(path: path)
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
