#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into LF-terminated lines, reading it in chunks into one reused
/// buffer. A line that spans two chunks is carried over; a line longer than `maxLine`
/// bytes (plus one for a CR) is reported once, as overlong with its first bytes, and the
/// rest of it is skipped without being buffered. The LF is not part of the line; a CR
/// before it is (the parser ignores it). A last line without LF is still a line; a final
/// LF does not start an (empty) line.
struct LineSplitter: ~Copyable {
    /// Bytes read from the source per call.
    let chunkSize: Int
    /// Longest line kept whole.
    let maxLine: Int
    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int
    /// Bytes of an incomplete line at the start of `buffer`.
    private var carry = 0
    /// Inside an overlong line that has been reported: skip to the next LF.
    private var skipping = false

    init(chunkSize: Int, maxLine: Int) {
        self.chunkSize = max(1, chunkSize)
        self.maxLine = maxLine
        self.capacity = self.chunkSize + maxLine + 2
        self.buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// The incomplete line held when the source failed or ended (not yet delivered).
    var fragment: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: buffer, count: carry) }

    /// Reads one chunk and delivers its complete lines to `line(bytes, overlong)`. At the end
    /// of the source delivers the last unterminated line, if any, and returns `false`.
    /// Errors of the source propagate; ``fragment`` then holds the incomplete line.
    @inline(__always)
    mutating func pump<S: ByteSource & ~Copyable, E: Error>(
        _ source: inout S, _ line: (UnsafeRawBufferPointer, Bool) throws(E) -> Void
    ) throws(PumpError<E>) -> Bool {
        let n: Int
        do {
            n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + carry, count: chunkSize))
        } catch {
            throw .source(error)
        }
        do {
            if n == 0 {
                if carry > 0 && !skipping {
                    let last = UnsafeRawBufferPointer(start: buffer, count: carry)
                    carry = 0
                    try line(last, false)
                }
                carry = 0
                skipping = false
                return false
            }
            let end = carry + n
            var pos = 0
            while pos < end, let lf = memchr(buffer + pos, 0x0A, end - pos) {
                let lfIndex = buffer.distance(to: lf)
                if skipping {
                    skipping = false
                } else {
                    try line(UnsafeRawBufferPointer(start: buffer + pos, count: lfIndex - pos), false)
                }
                pos = lfIndex + 1
            }
            if skipping {
                carry = 0
                return true
            }
            let rest = end - pos
            if rest > maxLine + 1 {
                carry = 0
                skipping = true
                try line(UnsafeRawBufferPointer(start: buffer + pos, count: rest), true)
            } else {
                if pos > 0 && rest > 0 { memmove(buffer, buffer + pos, rest) }
                carry = rest
            }
            return true
        } catch {
            throw .consumer(error)
        }
    }
}

/// A failure while pumping lines: the source's or the line consumer's.
enum PumpError<E: Error>: Error {
    /// Reading or decoding the input failed.
    case source(ThrongIOError)
    /// The consumer threw.
    case consumer(E)
}
