#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An `errno` value with its text, used as the ``ThrongIOError/cause`` of system-call failures.
public struct SystemError: Error, Sendable, CustomStringConvertible, Hashable {
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

/// Thin wrappers over POSIX calls that retry on `EINTR`.
enum Posix {
    /// Opens a file; returns the descriptor or throws ``ThrongIOError/Code/cannotOpen``.
    static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws(ThrongIOError) -> Int32 {
        while true {
            let fd = path.withCString { Glibc_open($0, flags | O_CLOEXEC, mode) }
            if fd >= 0 { return fd }
            let e = errno
            if e == EINTR { continue }
            throw ThrongIOError(.cannotOpen, "cannot open", file: path, cause: SystemError(errno: e))
        }
    }

    /// Writes all bytes or throws ``ThrongIOError/Code/writeFailed``.
    static func writeAll(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int, path: String) throws(ThrongIOError) {
        var done = 0
        while done < count {
            let n = write(fd, base + done, count - done)
            if n > 0 { done += n; continue }
            let e = errno
            if n < 0 && e == EINTR { continue }
            throw ThrongIOError(.writeFailed, "write failed after \(done) of \(count) bytes", file: path, cause: SystemError(errno: n < 0 ? e : EIO))
        }
    }

    /// Reads up to `count` bytes; returns 0 at end of file; throws ``ThrongIOError/Code/readFailed``.
    static func readSome(_ fd: Int32, _ base: UnsafeMutableRawPointer, _ count: Int, path: String) throws(ThrongIOError) -> Int {
        while true {
            let n = read(fd, base, count)
            if n >= 0 { return n }
            let e = errno
            if e == EINTR { continue }
            throw ThrongIOError(.readFailed, "read failed", file: path, cause: SystemError(errno: e))
        }
    }

    /// Closes a descriptor; throws ``ThrongIOError/Code/closeFailed`` (not on `EINTR`, where Linux has closed it).
    static func close(_ fd: Int32, path: String) throws(ThrongIOError) {
        if Glibc_close(fd) != 0 {
            let e = errno
            if e == EINTR { return }
            throw ThrongIOError(.closeFailed, "close failed", file: path, cause: SystemError(errno: e))
        }
    }
}

@inline(__always)
private func Glibc_open(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

@inline(__always)
private func Glibc_close(_ fd: Int32) -> Int32 {
    close(fd)
}
