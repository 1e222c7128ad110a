import CZstd
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming file writer that compresses with zstd, or writes plain bytes.
///
/// Whether output is compressed is chosen by the path's extension (`.zst` → zstd, anything
/// else → plain) unless `compressed:` says otherwise. Output is buffered; call ``finish()``
/// to end the zstd frame, flush and close. If the writer is dropped without `finish()`, it
/// frees its resources and closes the file, leaving an unterminated (truncated) frame:
/// readers report such a file as truncated.
///
/// ```swift
/// var out = try ZstdWriter(path: "events.csv.zst")
/// try out.write("timestamp,device,ap\n")
/// try out.finish()
/// ```
public struct ZstdWriter: ~Copyable {
    /// The path written (`-` for standard output).
    public let path: String
    /// Whether output is zstd-compressed.
    public let isCompressed: Bool
    /// Uncompressed bytes accepted so far.
    public private(set) var bytesIn: Int = 0
    /// Bytes written to the file so far (compressed size for zstd output).
    public private(set) var bytesOut: Int = 0

    private var fd: Int32
    private let ownsDescriptor: Bool
    private var cctx: OpaquePointer?
    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private var used: Int = 0
    private var frameOpen = false

    /// Opens (creates or truncates, mode 0644) a file for writing; `-` means standard output.
    ///
    /// - Parameters:
    ///   - path: the file; `.zst` selects zstd output unless `compressed` is given.
    ///   - level: zstd compression level (1…19, or up to 22 with large windows; negative = fast).
    ///   - workers: zstd worker threads; 0 compresses on the calling thread.
    ///   - compressed: force zstd (`true`) or plain (`false`) output; `nil` decides by extension.
    ///   - mode: permission bits of a file this creates (before the umask); `0o600` for private files.
    public init(path: String, level: Int32 = 3, workers: Int32 = 0, compressed: Bool? = nil, mode: UInt32 = 0o644) throws(ThrongIOError) {
        let zstd = compressed ?? path.hasSuffix(".zst")
        if path == "-" {
            try self.init(fileDescriptor: STDOUT_FILENO, path: path, ownsDescriptor: false, compressed: zstd, level: level, workers: workers)
        } else {
            let fd = try Posix.open(path, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: mode_t(mode))
            try self.init(fileDescriptor: fd, path: path, ownsDescriptor: true, compressed: zstd, level: level, workers: workers)
        }
    }

    /// Writes to an open descriptor (a pipe, a socket, standard output).
    ///
    /// - Parameters:
    ///   - fileDescriptor: the descriptor to write to.
    ///   - path: a name for messages.
    ///   - ownsDescriptor: whether ``finish()`` (or dropping the writer) closes the descriptor.
    ///   - compressed: zstd (`true`) or plain (`false`) output.
    ///   - level: zstd compression level.
    ///   - workers: zstd worker threads (0 = none).
    public init(
        fileDescriptor: Int32, path: String = "-", ownsDescriptor: Bool = false, compressed: Bool,
        level: Int32 = 3, workers: Int32 = 0
    ) throws(ThrongIOError) {
        self.path = path
        self.fd = fileDescriptor
        self.ownsDescriptor = ownsDescriptor
        self.isCompressed = compressed
        var ctx: OpaquePointer? = nil
        if compressed {
            guard let c = ZSTD_createCCtx() else {
                if ownsDescriptor { _ = close(fileDescriptor) }
                throw ThrongIOError(.compressionFailed, "ZSTD_createCCtx failed (out of memory)", file: path)
            }
            ctx = c
            var failure: String? = nil
            let r1 = ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level)
            if ZSTD_isError(r1) != 0 { failure = "level \(level): " + String(cString: ZSTD_getErrorName(r1)) }
            if failure == nil && workers > 0 {
                let r2 = ZSTD_CCtx_setParameter(c, ZSTD_c_nbWorkers, workers)
                if ZSTD_isError(r2) != 0 { failure = "workers \(workers): " + String(cString: ZSTD_getErrorName(r2)) }
            }
            if failure == nil {
                let r3 = ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1)
                if ZSTD_isError(r3) != 0 { failure = "checksum: " + String(cString: ZSTD_getErrorName(r3)) }
            }
            if let failure {
                ZSTD_freeCCtx(c)
                if ownsDescriptor { _ = close(fileDescriptor) }
                throw ThrongIOError(.invalidArgument, "zstd parameter rejected: \(failure)", file: path)
            }
        }
        self.cctx = ctx
        self.capacity = compressed ? max(ZSTD_CStreamOutSize(), 1 << 17) : 1 << 18
        self.buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        if let cctx { ZSTD_freeCCtx(cctx) }
        if ownsDescriptor && fd >= 0 { _ = close(fd) }
        buffer.deallocate()
    }

    /// Appends bytes (compressing them for zstd output).
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(ThrongIOError) {
        guard fd >= 0 else { throw ThrongIOError(.invalidArgument, "write after finish", file: path) }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        bytesIn += bytes.count
        if let cctx {
            frameOpen = true
            var input = ZSTD_inBuffer(src: base, size: bytes.count, pos: 0)
            while input.pos < input.size {
                try compress(cctx, &input, ZSTD_e_continue)
            }
        } else {
            if used + bytes.count <= capacity {
                (buffer + used).copyMemory(from: base, byteCount: bytes.count)
                used += bytes.count
                return
            }
            try flushPlain()
            if bytes.count >= capacity {
                try Posix.writeAll(fd, base, bytes.count, path: path)
                bytesOut += bytes.count
            } else {
                buffer.copyMemory(from: base, byteCount: bytes.count)
                used = bytes.count
            }
        }
    }

    /// Appends a string's UTF-8 bytes.
    public mutating func write(_ text: String) throws(ThrongIOError) {
        var copy = text
        let result: Result<Void, ThrongIOError> = copy.withUTF8 { utf8 in
            do throws(ThrongIOError) {
                try self.write(UnsafeRawBufferPointer(utf8))
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Ends the current zstd frame; later writes start a new frame in the same file (the
    /// result is a multi-frame file, which every zstd decoder reads as one stream).
    /// For plain output it only flushes.
    public mutating func endFrame() throws(ThrongIOError) {
        guard fd >= 0 else { throw ThrongIOError(.invalidArgument, "endFrame after finish", file: path) }
        if let cctx {
            guard frameOpen else { return }
            var input = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
            while try compress(cctx, &input, ZSTD_e_end) {}
            frameOpen = false
        } else {
            try flushPlain()
        }
    }

    /// Ends the frame, flushes and closes the file (unless the descriptor is not owned).
    /// A zstd output with nothing written still gets one (empty) frame, so the file is valid zstd.
    public consuming func finish() throws(ThrongIOError) {
        guard fd >= 0 else { return }
        if isCompressed && bytesOut == 0 { frameOpen = true }
        try endFrame()
        let fd = self.fd
        self.fd = -1
        if ownsDescriptor { try Posix.close(fd, path: path) }
    }

    /// Runs one `ZSTD_compressStream2` step and writes what it produced. Returns whether
    /// zstd has more to flush (only meaningful for `ZSTD_e_end`/`ZSTD_e_flush`).
    @discardableResult
    private mutating func compress(_ cctx: OpaquePointer, _ input: inout ZSTD_inBuffer, _ mode: ZSTD_EndDirective) throws(ThrongIOError) -> Bool {
        var output = ZSTD_outBuffer(dst: buffer, size: capacity, pos: 0)
        let remaining = ZSTD_compressStream2(cctx, &output, &input, mode)
        if ZSTD_isError(remaining) != 0 {
            throw ThrongIOError(.compressionFailed, String(cString: ZSTD_getErrorName(remaining)), file: path)
        }
        if output.pos > 0 {
            try Posix.writeAll(fd, buffer, output.pos, path: path)
            bytesOut += output.pos
        }
        return remaining != 0
    }

    private mutating func flushPlain() throws(ThrongIOError) {
        guard used > 0 else { return }
        try Posix.writeAll(fd, buffer, used, path: path)
        bytesOut += used
        used = 0
    }
}
