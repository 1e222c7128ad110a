#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ThrongCore
import ThrongIO

/// Turns the paths given on the command line into the list of log files to read.
public enum InputFiles {
    /// An input left out of the run, and why.
    public struct Skipped: Hashable, Sendable {
        /// The path as found (given, or reached by walking a directory).
        public var path: String
        /// `symlinkLoop`, `repeatedDirectory`, `sameFile`, `sameContent`, `unreadableDirectory`.
        public var code: String
        /// A sentence for people, naming the other path where there is one.
        public var message: String
    }

    /// The files to read and the inputs left out.
    public struct Selection: Sendable {
        /// Files to read, in order: each given file, then each directory's files sorted by path.
        public var files: [String]
        /// Inputs left out (loops, repeats, duplicates, unreadable directories), in the order found.
        public var skipped: [Skipped]
    }

    /// Expands directories (recursively) to the `.csv` and `.csv.zst` files under them,
    /// sorted by path; keeps files and `-` as given. A path that does not exist is kept, so
    /// that reading reports it as unreadable rather than silently dropping it.
    ///
    /// Each directory and each file is read once, identified by device and inode: a directory
    /// reached again (a symlink loop such as `loop -> .`, or two paths to one directory) and a
    /// file reached again (given twice, or by two paths) are skipped and reported; so is a
    /// regular file with the same size and content fingerprint as an earlier one (a copy), and
    /// a directory that cannot be opened.
    public static func select(_ paths: [String]) -> Selection {
        var selection = Selection(files: [], skipped: [])
        var directories: [FileIdentity: String] = [:]
        var files: [FileIdentity: String] = [:]
        var pending: [String] = []   // files found under the current top-level directory
        func addFile(_ path: String) {
            guard path != "-", let id = FileIdentity(path) else { selection.files.append(path); return }
            if let first = files[id] {
                selection.skipped.append(Skipped(path: path, code: "sameFile", message: "\(path): the same file as \(first), read once"))
                return
            }
            files[id] = path
            selection.files.append(path)
        }
        func walk(_ dir: String, ancestors: Set<FileIdentity>) {
            guard let id = FileIdentity(dir) else { return }
            if ancestors.contains(id) {
                selection.skipped.append(Skipped(path: dir, code: "symlinkLoop", message: "\(dir): a link back to \(directories[id] ?? "an enclosing directory") (loop), not followed"))
                return
            }
            if let first = directories[id] {
                selection.skipped.append(Skipped(path: dir, code: "repeatedDirectory", message: "\(dir): the same directory as \(first), read once"))
                return
            }
            directories[id] = dir
            guard let names = readableEntries(of: dir) else {
                selection.skipped.append(Skipped(path: dir, code: "unreadableDirectory", message: "\(dir): cannot be read (errno \(errno)); its files are not counted"))
                return
            }
            var found: [String] = []
            var subdirectories: [String] = []
            for name in names where !name.hasPrefix(".") {
                let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                if isDirectory(full) { subdirectories.append(full) } else if name.hasSuffix(".csv") || name.hasSuffix(".csv.zst") { found.append(full) }
            }
            pending += found   // sorted once per top-level directory, across its whole tree
            for sub in subdirectories.sorted() { walk(sub, ancestors: ancestors.union([id])) }
        }
        for path in paths {
            if path != "-", isDirectory(path) {
                pending = []
                walk(path, ancestors: [])
                for f in pending.sorted() { addFile(f) }
            } else {
                addFile(path)
            }
        }
        removeCopies(&selection)
        return selection
    }

    /// Files that ``select(_:)`` keeps (for estimates; the run uses the selection).
    public static func expand(_ paths: [String]) -> [String] { select(paths).files }

    /// Leaves out regular files whose size and content fingerprint equal an earlier file's.
    /// Only files sharing a size are hashed, so a run without copies reads nothing twice.
    private static func removeCopies(_ selection: inout Selection) {
        var bySize: [Int64: [Int]] = [:]
        for (i, path) in selection.files.enumerated() where path != "-" && isRegularFile(path) {
            let n = size(path)
            if n > 0 { bySize[n, default: []].append(i) }
        }
        var drop = Set<Int>()
        for (_, group) in bySize where group.count > 1 {
            var seen: [String: Int] = [:]
            for i in group {
                let print = fingerprint(selection.files[i])
                guard !print.isEmpty else { continue }
                if let first = seen[print] {
                    drop.insert(i)
                    selection.skipped.append(Skipped(
                        path: selection.files[i], code: "sameContent",
                        message: "\(selection.files[i]): the same content as \(selection.files[first]) (size and fingerprint), read once"))
                } else {
                    seen[print] = i
                }
            }
        }
        selection.files = selection.files.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }

    /// A file's identity: device and inode (following symlinks).
    struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
        init?(_ path: String) {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
        }
    }

    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
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

    /// The names in a directory, `.` and `..` excluded (empty if it cannot be opened).
    static func entries(of dir: String) -> [String] { readableEntries(of: dir) ?? [] }

    /// The names in a directory, `.` and `..` excluded; nil if it cannot be opened (`errno` says why).
    static func readableEntries(of dir: String) -> [String]? {
        guard let d = opendir(dir) else { return nil }
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

    /// A file's ``ContentFingerprint`` (the reader computes the same value while it reads;
    /// this reads the file for it, for copies found before reading and for damaged files).
    /// `-`, FIFOs, devices and unreadable files give an empty string: only regular files are
    /// read a second time.
    public static func fingerprint(_ path: String) -> String {
        guard path != "-", isRegularFile(path) else { return "" }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var print = ContentFingerprint()
        var buffer = [UInt8](repeating: 0, count: ContentFingerprint.blockSize)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            buffer.withUnsafeBytes { print.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return print.finish()
    }
}
