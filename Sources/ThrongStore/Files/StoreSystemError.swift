#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An `errno` value with its text, used as the ``ThrongStoreError/cause`` of system-call failures.
public struct StoreSystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `errno` value.
    public var errno: Int32

    /// Wraps an `errno` value.
    public init(errno: Int32) { self.errno = errno }

    /// `strerror(errno)` and the number.
    public var description: String {
        let text = strerror(errno).map { String(cString: $0) } ?? "error"
        return "\(text) (errno \(errno))"
    }
}

/// POSIX calls used by ``AtomicFileReplacement``, retrying on `EINTR` and throwing ``ThrongStoreError``.
enum StorePosix {
    /// Throws ``ThrongStoreError/Code/fileSystemFailed`` with the current `errno`.
    static func fail(_ what: String, _ path: String) -> ThrongStoreError {
        ThrongStoreError(.fileSystemFailed, "\(what) failed: \(path)", cause: StoreSystemError(errno: errno))
    }

    /// Opens a descriptor (with `O_CLOEXEC`).
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(ThrongStoreError) -> Int32 {
        while true {
            let fd = systemOpen(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw fail("open", path)
        }
    }

    /// `fsync`s a path (a file or, opened `O_RDONLY | O_DIRECTORY`, a directory).
    static func fsync(path: String, directory: Bool) throws(ThrongStoreError) {
        let fd = try open(path, directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY)
        defer { _ = systemClose(fd) }
        while systemFsync(fd) != 0 {
            if errno == EINTR { continue }
            throw fail("fsync", path)
        }
    }

    /// `rename(2)`: atomically replaces `to` with `from` (same file system).
    static func rename(_ from: String, _ to: String) throws(ThrongStoreError) {
        if systemRename(from, to) != 0 { throw fail("rename to \(to)", from) }
    }

    /// Removes a file; a missing file is not an error.
    static func unlinkIfPresent(_ path: String) {
        _ = systemUnlink(path)
    }

    /// The permission bits of an existing file, or `nil` if it does not exist.
    static func permissions(_ path: String) -> mode_t? {
        var st = stat()
        guard systemStat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o7777
    }

    /// Sets the permission bits of a file.
    static func chmod(_ path: String, _ mode: mode_t) throws(ThrongStoreError) {
        if systemChmod(path, mode) != 0 { throw fail("chmod", path) }
    }
}

// Unqualified calls inside `StorePosix` would resolve to its own static methods.
@inline(__always) private func systemOpen(_ p: String, _ f: Int32, _ m: mode_t) -> Int32 { open(p, f, m) }
@inline(__always) private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
@inline(__always) private func systemFsync(_ fd: Int32) -> Int32 { fsync(fd) }
@inline(__always) private func systemRename(_ a: String, _ b: String) -> Int32 { rename(a, b) }
@inline(__always) private func systemUnlink(_ p: String) -> Int32 { unlink(p) }
@inline(__always) private func systemStat(_ p: String, _ st: inout stat) -> Int32 { stat(p, &st) }
@inline(__always) private func systemChmod(_ p: String, _ m: mode_t) -> Int32 { chmod(p, m) }
