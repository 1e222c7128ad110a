#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ThrongCore
import ThrongIO

/// Turns the paths given on the command line into the list of log files to read.
public enum InputFiles {
    /// Expands directories (recursively) to the `.csv` and `.csv.zst` files under them,
    /// sorted by path; keeps files and `-` as given. A path that does not exist is kept, so
    /// that reading reports it as unreadable rather than silently dropping it.
    public static func expand(_ paths: [String]) -> [String] {
        var result: [String] = []
        for path in paths {
            if path != "-", isDirectory(path) {
                var found: [String] = []
                walk(path, into: &found)
                result += found.sorted()
            } else {
                result.append(path)
            }
        }
        return result
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Size in bytes, or 0 if the file cannot be stat'ed (or is `-`).
    public static func size(_ path: String) -> Int64 {
        guard path != "-" else { return 0 }
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : 0
    }

    private static func walk(_ dir: String, into found: inout [String]) {
        for name in entries(of: dir) where !name.hasPrefix(".") {
            let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            if isDirectory(full) {
                walk(full, into: &found)
            } else if name.hasSuffix(".csv") || name.hasSuffix(".csv.zst") {
                found.append(full)
            }
        }
    }

    /// The names in a directory, `.` and `..` excluded (empty if it cannot be opened).
    static func entries(of dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// A content fingerprint of a file: MurmurHash3-128 chained over 1 MiB blocks of the
    /// bytes as stored (compressed bytes for `.zst`), as 32 hex digits. It identifies
    /// inputs in the manifest; it is not a cryptographic hash. `-` and unreadable files
    /// give an empty string.
    public static func fingerprint(_ path: String) -> String {
        guard path != "-" else { return "" }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var key = DeviceKey(high: 0, low: 0)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            key = buffer.withUnsafeBytes { DeviceKey(token: UnsafeRawBufferPointer(rebasing: $0[0..<n]), seed: key.high ^ key.low) }
        }
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(key.high) + hex(key.low)
    }
}
