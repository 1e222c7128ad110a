import CZstd
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming zstd decompressor over a file or descriptor.
///
/// Reads any sequence of zstd frames: several concatenated frames (as written by `pzstd` or
/// by ``ZstdWriter/endFrame()``), skippable frames (skipped), and long-window frames from
/// `zstd --long` (window up to 2 GiB, `ZSTD_d_windowLogMax` = 31). Damage is an error,
/// never a crash and never a silent early end:
/// - data ending inside a frame throws ``ThrongIOError/Code/truncatedData``;
/// - anything else zstd refuses (bad block, bad checksum, garbage between frames) throws
///   ``ThrongIOError/Code/corruptData``.
///
/// Bytes decoded before the damage are returned first; the error is thrown by the next call
/// (and by every call after it). Bytes returned are not known to be intact until their
/// frame has ended: zstd checks a frame's checksum at its end, so damage early in a frame
/// can decode to wrong bytes that are returned before the error. ``bytesOutVerified`` says
/// how much of the output belongs to frames that ended intact; a call to ``read(into:)``
/// stops at the end of a frame (once it has produced something), so after each call the
/// output is either all verified or all in the frame being decoded. ``verifyFrame()``
/// checks the rest of the current frame ahead of reading it (regular files only).
///
/// After an error ``damageOffset`` tells where in the compressed input the damage can
/// begin: the start of the failing frame for ``ThrongIOError/Code/corruptData`` (the message
/// gives the byte it was detected before; the damage lies between the two), the end of the
/// data for ``ThrongIOError/Code/truncatedData``, and the failing read for I/O errors.
public struct ZstdReader: ~Copyable {
    /// The path read (`-` for standard input).
    public let path: String
    /// Compressed bytes read from the file so far (bytes read again by ``verifyFrame()``
    /// are not counted twice).
    public private(set) var bytesIn: Int = 0
    /// The fingerprint of the compressed bytes read so far, each once in file order (bytes
    /// read again by ``verifyFrame()`` are not taken twice).
    public private(set) var fingerprint = ContentFingerprint()
    /// Decompressed bytes returned so far.
    public private(set) var bytesOut: Int = 0
    /// Decompressed bytes (counted like ``bytesOut``) up to the end of the last frame known
    /// to be intact: decoded completely, its checksum (if it has one) matching. It can exceed
    /// ``bytesOut`` after ``verifyFrame()``: the rest of the current frame is then known intact.
    public private(set) var bytesOutVerified: Int = 0
    /// Complete frames decoded so far (skippable frames included).
    public private(set) var frames: Int = 0
    /// Offset in the compressed input of the frame being decoded.
    public private(set) var frameStart: Int = 0
    /// Where the damage can begin (offset in the compressed input), once an error was thrown.
    public private(set) var damageOffset: Int? = nil
    /// Whether the input is a regular file that ``verifyFrame()`` can read twice.
    public let isSeekable: Bool

    private let fd: Int32
    private let ownsDescriptor: Bool
    private let dctx: OpaquePointer
    private let input: UnsafeMutableRawPointer
    private let inputCapacity: Int
    /// File offset of compressed byte 0 (meaningful when ``isSeekable``).
    private let origin: Int
    private var inputSize = 0
    private var inputPos = 0
    /// Offset in the compressed input of `input[0]`.
    private var inputBase = 0
    private var eof = false
    /// The last `ZSTD_decompressStream` hint: 0 when a frame has just been completed.
    private var lastHint = 0
    private var started = false
    private var pendingError: ThrongIOError? = nil
    /// Offset in the decompressed output where the current frame starts.
    private var frameStartOut = 0
    /// Decompressed bytes of the current frame decoded so far.
    private var frameOut = 0

    /// Compressed bytes given to zstd per call; bounds where a failing call was detected.
    static let sliceSize = 32 * 1024

    /// The largest window accepted, as a log2: 31 (2 GiB), enough for `zstd --long=31`.
    public static let windowLogMax: Int32 = 31

    /// Opens a file for reading; `-` means standard input.
    public init(path: String) throws(ThrongIOError) {
        if path == "-" {
            try self.init(fileDescriptor: STDIN_FILENO, path: path, ownsDescriptor: false)
        } else {
            let fd = try Posix.open(path, flags: O_RDONLY)
            try self.init(fileDescriptor: fd, path: path, ownsDescriptor: true)
        }
    }

    /// Reads from an open descriptor.
    ///
    /// - Parameters:
    ///   - fileDescriptor: the descriptor to read.
    ///   - path: a name for messages.
    ///   - ownsDescriptor: whether the reader closes the descriptor when dropped.
    ///   - prefix: bytes already read from the descriptor (e.g. to sniff the magic number),
    ///     decoded before anything read from it.
    public init(
        fileDescriptor: Int32, path: String = "-", ownsDescriptor: Bool = false, prefix: UnsafeRawBufferPointer? = nil
    ) throws(ThrongIOError) {
        guard let dctx = ZSTD_createDCtx() else {
            if ownsDescriptor { _ = close(fileDescriptor) }
            throw ThrongIOError(.corruptData, "ZSTD_createDCtx failed (out of memory)", file: path)
        }
        let r = ZSTD_DCtx_setParameter(dctx, ZSTD_d_windowLogMax, Self.windowLogMax)
        if ZSTD_isError(r) != 0 {
            // 32-bit builds cap the window lower; use the library's maximum there.
            _ = ZSTD_DCtx_setParameter(dctx, ZSTD_d_windowLogMax, ZSTD_dParam_getBounds(ZSTD_d_windowLogMax).upperBound)
        }
        self.path = path
        self.fd = fileDescriptor
        self.ownsDescriptor = ownsDescriptor
        self.dctx = dctx
        let prefixCount = prefix?.count ?? 0
        // A regular file whose position is known can be read again from a frame's start.
        var info = stat()
        let position = lseek(fileDescriptor, 0, SEEK_CUR)
        let regular = fstat(fileDescriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        self.isSeekable = regular && position >= prefixCount
        self.origin = isSeekable ? Int(position) - prefixCount : 0
        self.inputCapacity = max(ZSTD_DStreamInSize(), 1 << 18, prefixCount)
        self.input = UnsafeMutableRawPointer.allocate(byteCount: inputCapacity, alignment: 16)
        if let prefix, let base = prefix.baseAddress, prefixCount > 0 {
            input.copyMemory(from: base, byteCount: prefixCount)
            inputSize = prefixCount
            bytesIn = prefixCount
            fingerprint.update(UnsafeRawBufferPointer(start: base, count: prefixCount))
        }
    }

    deinit {
        ZSTD_freeDCtx(dctx)
        input.deallocate()
        if ownsDescriptor { _ = close(fd) }
    }

    /// Decompresses into `buffer`; returns the number of bytes written, 0 at the clean end
    /// of the input (after the last complete frame). A call returns early at the end of a
    /// frame once it has written something, so its output never spans two frames' data.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ThrongIOError) -> Int {
        if let pendingError {
            throw pendingError
        }
        guard let dst = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var output = ZSTD_outBuffer(dst: dst, size: buffer.count, pos: 0)
        do {
            try decode(&output, stopAtEmptyFrameEnd: false)
        } catch {
            pendingError = error
            if output.pos == 0 { throw error }
        }
        bytesOut += output.pos
        return output.pos
    }

    /// Checks the rest of the frame being read before it is returned: decodes it to its end
    /// (discarding the bytes), which verifies its checksum, then reads the frame again from
    /// its start (a regular file only) and skips what ``read(into:)`` already returned, so
    /// reading goes on where it was. Afterwards ``bytesOutVerified`` is the end of the frame.
    ///
    /// Memory stays at one output buffer; the cost is decoding the frame a second time.
    /// If the file changes between the two passes, the second pass's own checksum check
    /// reports it as usual, but output already verified by the first pass is not re-checked.
    ///
    /// - Returns: `true` if the frame (or nothing, between frames) is verified; `false`,
    ///   changing nothing, if the input cannot be read twice (a pipe; see ``isSeekable``).
    /// - Throws: what reading the frame throws (the damage of this frame); ``read(into:)``
    ///   throws it again.
    public mutating func verifyFrame() throws(ThrongIOError) -> Bool {
        if let pendingError { throw pendingError }
        if !started || lastHint == 0 || bytesOutVerified > bytesOut { return true }
        guard isSeekable else { return false }
        let saved = (frames: frames, frameStart: frameStart, frameStartOut: frameStartOut, returned: frameOut)
        let scratchSize = max(ZSTD_DStreamOutSize(), 1 << 16)
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchSize, alignment: 16)
        defer { scratch.deallocate() }
        do throws(ThrongIOError) {
            // Pass 1: the rest of the frame, discarded; zstd checks the checksum at its end.
            while frames == saved.frames {
                var out = ZSTD_outBuffer(dst: scratch, size: scratchSize, pos: 0)
                try decode(&out, stopAtEmptyFrameEnd: true)
                if out.pos == 0 && frames == saved.frames { throw changed(saved.frames) }
            }
            // Pass 2: back to the frame's start, skipping what was returned already.
            guard lseek(fd, off_t(origin + saved.frameStart), SEEK_SET) >= 0 else {
                let e = errno
                damageOffset = saved.frameStart
                throw ThrongIOError(
                    .readFailed, "cannot seek back to byte \(saved.frameStart) to read frame \(saved.frames + 1) again",
                    file: path, cause: SystemError(errno: e))
            }
            _ = ZSTD_DCtx_reset(dctx, ZSTD_reset_session_only)
            inputBase = saved.frameStart
            inputPos = 0
            inputSize = 0
            eof = false
            lastHint = 1
            frames = saved.frames
            frameStart = saved.frameStart
            frameStartOut = saved.frameStartOut
            frameOut = 0
            var skip = saved.returned
            while skip > 0 {
                var out = ZSTD_outBuffer(dst: scratch, size: min(scratchSize, skip), pos: 0)
                try decode(&out, stopAtEmptyFrameEnd: true)
                skip -= out.pos
                if out.pos == 0 || (frames != saved.frames && skip > 0) { throw changed(saved.frames) }
            }
            return true
        } catch {
            pendingError = error
            throw error
        }
    }

    /// The error for a frame that decodes differently the second time.
    private mutating func changed(_ frame: Int) -> ThrongIOError {
        damageOffset = frameStart
        return ThrongIOError(.corruptData, "frame \(frame + 1) (from byte \(frameStart)) changed while being read", file: path)
    }

    /// Decodes into `output` until it is full, the input ends cleanly, or a frame ends: once
    /// `output` holds something, or at any frame end with `stopAtEmptyFrameEnd`.
    private mutating func decode(_ output: inout ZSTD_outBuffer, stopAtEmptyFrameEnd: Bool) throws(ThrongIOError) {
        let start = output.pos
        while output.pos < output.size {
            if inputPos == inputSize {
                if !eof {
                    try refill()
                    continue
                }
                // No more input: let zstd flush what it still holds, then check the frame ended.
                if !started {
                    damageOffset = 0
                    throw ThrongIOError(.truncatedData, "no zstd frame: the input is empty", file: path)
                }
                if lastHint == 0 { return }
                var empty = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
                let before = output.pos
                let hint = ZSTD_decompressStream(dctx, &output, &empty)
                if ZSTD_isError(hint) == 0 {
                    frameOut += output.pos - before
                    lastHint = hint
                    if hint == 0 {
                        endFrame()
                        return
                    }
                    if output.pos > before { continue }
                }
                let offset = inputBase + inputPos
                damageOffset = offset
                throw ThrongIOError(
                    .truncatedData,
                    "zstd data ends inside frame \(frames + 1) (which starts at byte \(frameStart)) at byte \(offset)",
                    file: path)
            }
            started = true
            // Feed at most `sliceSize` bytes per call, so a failing call names a close upper
            // bound for the damage.
            let sliceEnd = min(inputSize, inputPos + Self.sliceSize)
            var inBuf = ZSTD_inBuffer(src: input, size: sliceEnd, pos: inputPos)
            let before = output.pos
            let hint = ZSTD_decompressStream(dctx, &output, &inBuf)
            inputPos = inBuf.pos
            if ZSTD_isError(hint) != 0 {
                // Earlier damage in the frame can go unnoticed until later blocks or the
                // checksum: all that is certain is that it lies in this frame, before here.
                damageOffset = frameStart
                let name = String(cString: ZSTD_getErrorName(hint))
                throw ThrongIOError(
                    .corruptData,
                    "zstd: \(name), in frame \(frames + 1), detected before byte \(inputBase + sliceEnd); "
                        + "the damage lies between the frame's start at byte \(frameStart) and there",
                    file: path)
            }
            frameOut += output.pos - before
            lastHint = hint
            if hint == 0 {
                endFrame()
                if stopAtEmptyFrameEnd || output.pos > start { return }
            }
        }
    }

    /// Books a frame that zstd has just completed (and verified).
    private mutating func endFrame() {
        frames += 1
        frameStart = inputBase + inputPos
        frameStartOut += frameOut
        frameOut = 0
        bytesOutVerified = max(bytesOutVerified, frameStartOut)
    }

    /// Reads the next piece of compressed input.
    private mutating func refill() throws(ThrongIOError) {
        inputBase += inputSize
        inputPos = 0
        inputSize = 0
        let n: Int
        do {
            n = try Posix.readSome(fd, input, inputCapacity, path: path)
        } catch {
            damageOffset = inputBase
            throw error
        }
        if n == 0 {
            eof = true
        } else {
            inputSize = n
            // Only bytes beyond those already taken (a verification pass reads some twice).
            let fresh = inputBase + n - fingerprint.count
            if fresh > 0, fresh <= n { fingerprint.update(UnsafeRawBufferPointer(start: input + (n - fresh), count: fresh)) }
            bytesIn = max(bytesIn, inputBase + n)
        }
    }
}
