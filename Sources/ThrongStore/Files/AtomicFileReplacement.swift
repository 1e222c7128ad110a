#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file all at once: a crash, kill or error at any moment leaves either the previous
/// file or the complete new one at the target path, never a partial file.
///
/// ``replace(at:_:)`` creates an empty temporary file `.<name>.tmp-<pid>-<random>` in the target's
/// directory (same file system, so `rename(2)` is atomic), lets the caller write it completely and
/// close it, then
/// 1. `fsync`s the temporary file, so its contents are on disk before it gets the target's name;
/// 2. `rename(2)`s it over the target — **the atomic step**: before it the target is untouched,
///    after it the target is the complete new file;
/// 3. `fsync`s the directory, so the rename itself survives a power loss.
///
/// If the caller's closure or any step before the rename throws, the temporary file (and any
/// SQLite `-journal`/`-wal`/`-shm` companions of it) is removed and the previous target is left
/// byte-identical. A process killed before the rename leaves a stale `.<name>.tmp-…` file next to
/// the target, which ``removeStaleTemporaries(for:)`` cleans up.
public enum AtomicFileReplacement {
    /// Builds a new file with `write` and atomically puts it at `path`.
    ///
    /// - Parameters:
    ///   - path: the file to create or replace. Its directory must exist. If it exists, its
    ///     permission bits are copied to the new file; otherwise the new file gets `0644 & ~umask`.
    ///   - write: receives the temporary file's path (an existing, empty file) and must write the
    ///     complete contents and close every descriptor or connection on it before returning.
    /// - Returns: what `write` returned.
    /// - Throws: what `write` threw (unchanged), or ``ThrongStoreError/Code/fileSystemFailed``.
    ///   An error from the final directory `fsync` is thrown *after* the rename: the new file is
    ///   in place but its durability across a power loss is not guaranteed.
    public static func replace<R>(at path: String, _ write: (_ temporaryPath: String) throws -> R) throws -> R {
        let (directory, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw ThrongStoreError(.invalidArgument, "not a file path: \(path)")
        }
        let temporary = temporaryPath(directory: directory, name: name)
        // O_EXCL reserves the name: two writers never share a temporary file.
        let fd = try StorePosix.open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode: 0o644)
        _ = close(fd)
        var renamed = false
        defer { if !renamed { removeTemporary(temporary) } }

        let result = try write(temporary)
        if let mode = StorePosix.permissions(path) { try StorePosix.chmod(temporary, mode) }
        try StorePosix.fsync(path: temporary, directory: false)
        try StorePosix.rename(temporary, path)
        renamed = true
        try StorePosix.fsync(path: directory, directory: true)
        return result
    }

    /// Removes `.<name>.tmp-<pid>-*` files next to `path` left by processes that are no longer
    /// running (a temporary file of a live process — another writer — is kept).
    /// - Returns: the paths removed.
    @discardableResult
    public static func removeStaleTemporaries(for path: String) -> [String] {
        let (directory, name) = split(path)
        let prefix = ".\(name).tmp-"
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var removed: [String] = []
        while let entry = readdir(dir) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix) else { continue }
            let rest = entryName.dropFirst(prefix.count)
            guard let pidText = rest.split(separator: "-").first, let pid = pid_t(pidText) else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }  // alive
            let full = directory + "/" + entryName
            StorePosix.unlinkIfPresent(full)
            removed.append(full)
        }
        return removed
    }

    /// The directory (`.` if none) and last component of a path.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }

    /// `<directory>/.<name>.tmp-<pid>-<16 random hex digits>`.
    static func temporaryPath(directory: String, name: String) -> String {
        var random = SystemRandomNumberGenerator()
        let token = String(random.next() as UInt64, radix: 16)
        let padded = String(repeating: "0", count: 16 - token.count) + token
        return "\(directory)/.\(name).tmp-\(getpid())-\(padded)"
    }

    /// Removes a temporary file and the companions SQLite may have created next to it.
    static func removeTemporary(_ temporary: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            StorePosix.unlinkIfPresent(temporary + suffix)
        }
    }
}
