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
/// Bytes decoded before the damage are returned first; the error is thrown by the next call.
/// ``damageOffset`` then tells where in the compressed input it is: the data before that
/// offset decoded fine, and the damage lies within the next 32 KiB plus one zstd block.
public struct ZstdReader: ~Copyable {
    /// The path read (`-` for standard input).
    public let path: String
    /// Compressed bytes read from the file so far.
    public private(set) var bytesIn: Int = 0
    /// Decompressed bytes returned so far.
    public private(set) var bytesOut: Int = 0
    /// Complete frames decoded so far (skippable frames included).
    public private(set) var frames: Int = 0
    /// Offset in the compressed input of the frame being decoded.
    public private(set) var frameStart: Int = 0
    /// Where the damage was detected (offset in the compressed input), once an error was thrown.
    public private(set) var damageOffset: Int? = nil

    private let fd: Int32
    private let ownsDescriptor: Bool
    private let dctx: OpaquePointer
    private let input: UnsafeMutableRawPointer
    private let inputCapacity: Int
    private var inputSize = 0
    private var inputPos = 0
    /// Offset in the file of `input[0]`.
    private var inputBase = 0
    private var eof = false
    /// The last `ZSTD_decompressStream` hint: 0 when a frame has just been completed.
    private var lastHint = 0
    private var started = false
    private var pendingError: ThrongIOError? = nil

    /// Compressed bytes given to zstd per call; bounds the uncertainty of ``damageOffset``.
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
        self.inputCapacity = max(ZSTD_DStreamInSize(), 1 << 18, prefixCount)
        self.input = UnsafeMutableRawPointer.allocate(byteCount: inputCapacity, alignment: 16)
        if let prefix, let base = prefix.baseAddress, prefixCount > 0 {
            input.copyMemory(from: base, byteCount: prefixCount)
            inputSize = prefixCount
            bytesIn = prefixCount
        }
    }

    deinit {
        ZSTD_freeDCtx(dctx)
        input.deallocate()
        if ownsDescriptor { _ = close(fd) }
    }

    /// Decompresses into `buffer`; returns the number of bytes written, 0 at the clean end
    /// of the input (after the last complete frame).
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ThrongIOError) -> Int {
        if let pendingError {
            throw pendingError
        }
        guard let dst = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var output = ZSTD_outBuffer(dst: dst, size: buffer.count, pos: 0)
        while output.pos < output.size {
            if inputPos == inputSize {
                if !eof {
                    inputBase += inputSize
                    inputPos = 0
                    inputSize = 0
                    let n: Int
                    do {
                        n = try Posix.readSome(fd, input, inputCapacity, path: path)
                    } catch {
                        if output.pos > 0 { pendingError = error; break }
                        damageOffset = inputBase
                        throw error
                    }
                    if n == 0 { eof = true } else { inputSize = n; bytesIn += n }
                    continue
                }
                // No more input: let zstd flush what it still holds, then check the frame ended.
                if !started {
                    damageOffset = 0
                    let e = ThrongIOError(.truncatedData, "no zstd frame: the input is empty", file: path)
                    if output.pos > 0 { pendingError = e; break }
                    throw e
                }
                if lastHint == 0 { break }
                var empty = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
                let before = output.pos
                let hint = ZSTD_decompressStream(dctx, &output, &empty)
                if ZSTD_isError(hint) == 0 {
                    lastHint = hint
                    if hint == 0 { frames += 1; frameStart = inputBase + inputPos }
                    if output.pos > before { continue }
                    if hint == 0 { break }
                }
                let offset = inputBase + inputPos
                damageOffset = offset
                let e = ThrongIOError(
                    .truncatedData,
                    "zstd data ends inside frame \(frames + 1) (which starts at byte \(frameStart)) at byte \(offset)",
                    file: path)
                if output.pos > 0 { pendingError = e; break }
                throw e
            }
            started = true
            // Feed at most `sliceSize` bytes per call: zstd leaves `pos` unchanged when it
            // fails, so the slice bounds where the damage is.
            let sliceEnd = min(inputSize, inputPos + Self.sliceSize)
            var inBuf = ZSTD_inBuffer(src: input, size: sliceEnd, pos: inputPos)
            let hint = ZSTD_decompressStream(dctx, &output, &inBuf)
            inputPos = inBuf.pos
            if ZSTD_isError(hint) != 0 {
                let offset = inputBase + inputPos
                damageOffset = offset
                let name = String(cString: ZSTD_getErrorName(hint))
                let e = ThrongIOError(
                    .corruptData,
                    "zstd: \(name), at byte \(offset) (detected before byte \(inputBase + sliceEnd)) in frame \(frames + 1), "
                        + "which starts at byte \(frameStart)",
                    file: path)
                if output.pos > 0 { pendingError = e; break }
                throw e
            }
            lastHint = hint
            if hint == 0 {
                frames += 1
                frameStart = inputBase + inputPos
            }
        }
        bytesOut += output.pos
        return output.pos
    }
}
