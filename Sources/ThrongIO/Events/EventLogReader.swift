public import ThrongCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one event log (`timestamp,device,ap` lines; plain or zstd; a file or standard
/// input) and delivers parsed events in batches. See `docs/formats.md`, "Event logs".
///
/// Compression is recognised by content: input starting with a zstd frame or skippable-frame
/// magic number is decompressed, anything else is read as text. A path ending in `.zst`
/// whose content does not start with a magic number is reported as a `corruptFrame`
/// (an empty one as `truncatedFrame`) rather than read as text.
///
/// The reader never throws because of the file's content: bad lines are rejects, and damaged
/// compressed data or a failing read ends the file with one file-level reject. The lines of
/// a zstd frame are delivered only once the frame has verified (decoded to its end, checksum
/// matching): if it fails, each of its lines read so far is rejected with the same
/// file-level reason, and every line of the frames before it has been delivered. It throws
/// only what `body` throws.
///
/// ```swift
/// let reader = try EventLogReader(path: "events.csv.zst", resolver: AccessPointResolver(network: net))
/// let summary = try reader.read { batch in consume(batch.events) }
/// ```
public struct EventLogReader: ~Copyable {
    /// Tuning knobs.
    public struct Options: Sendable, Hashable {
        /// Events per batch (a batch is also delivered when it holds this many rejects).
        public var batchSize: Int
        /// Bytes of text read (or decompressed) per step.
        public var chunkSize: Int
        /// How many leading bytes of a rejected line are kept in ``LineReject/raw``.
        public var rawRejectBytes: Int
        /// Events outside this half-open range of Unix milliseconds are rejected as
        /// ``RejectReason/outsideWindow``; `nil` accepts any time.
        public var window: Range<Int64>?
        /// Memory for the lines of a zstd frame held back until the frame verifies (estimated
        /// at 32 bytes per event and the `LineReject` size plus ``rawRejectBytes`` per reject).
        /// Past it, a regular file's frame is verified ahead by decoding it to its end and
        /// reading it again (``ZstdReader/verifyFrame()``); from a pipe, lines stay held.
        public var maxHeldBytes: Int
        /// Deliver the open batch after every read of intact text, however small, instead of
        /// when it is full: for a live feed (a pipe or a socket), where lines must not wait for
        /// 65,536 more. Lines of a zstd frame still wait until the frame verifies.
        public var deliversEachRead = false

        /// Creates options; the defaults suit files of any size.
        public init(
            batchSize: Int = 65_536, chunkSize: Int = 1 << 20, rawRejectBytes: Int = 200, window: Range<Int64>? = nil,
            maxHeldBytes: Int = 32 << 20
        ) {
            self.window = window
            self.batchSize = max(1, batchSize)
            self.chunkSize = max(1, chunkSize)
            self.rawRejectBytes = max(0, rawRejectBytes)
            self.maxHeldBytes = max(0, maxHeldBytes)
        }
    }

    /// The path read (`-` for standard input).
    public let path: String
    /// The options in use.
    public let options: Options
    private let resolver: AccessPointResolver
    private let fd: Int32
    private let ownsDescriptor: Bool

    /// Opens a file; `-` means standard input.
    /// - Throws: ``ThrongIOError/Code/cannotOpen`` if the file cannot be opened.
    public init(path: String, resolver: AccessPointResolver, options: Options = Options()) throws(ThrongIOError) {
        if path == "-" {
            self.init(fileDescriptor: STDIN_FILENO, path: path, ownsDescriptor: false, resolver: resolver, options: options)
        } else {
            let fd = try Posix.open(path, flags: O_RDONLY)
            self.init(fileDescriptor: fd, path: path, ownsDescriptor: true, resolver: resolver, options: options)
        }
    }

    /// Reads from an open descriptor (a pipe, standard input, an inherited file).
    ///
    /// - Parameters:
    ///   - fileDescriptor: the descriptor; read to its end.
    ///   - path: the name used in rejects and for the `.zst` rule.
    ///   - ownsDescriptor: whether the reader closes the descriptor when done.
    ///   - resolver: maps access point ids to the network's access points.
    ///   - options: batch and chunk sizes.
    public init(
        fileDescriptor: Int32, path: String = "-", ownsDescriptor: Bool = false,
        resolver: AccessPointResolver, options: Options = Options()
    ) {
        self.fd = fileDescriptor
        self.path = path
        self.ownsDescriptor = ownsDescriptor
        self.resolver = resolver
        self.options = options
    }

    deinit {
        if ownsDescriptor { _ = close(fd) }
    }

    /// Reads the whole input, calling `body` with each batch, and returns what was read.
    /// Every line is either accepted or rejected (`summary.isBalanced`).
    public consuming func read(_ body: (EventBatch) throws -> Void) throws -> ReadSummary {
        var state = BatchBuilder(file: path, resolver: resolver, options: options)
        state.summary.files = 1

        // Sniff the first four bytes.
        var magic = [UInt8](repeating: 0, count: 4)
        var have = 0
        var sniffError: ThrongIOError? = nil
        do throws(ThrongIOError) {
            while have < 4 {
                let n = try magic.withUnsafeMutableBytes { m in
                    Result { () throws(ThrongIOError) in try Posix.readSome(fd, m.baseAddress! + have, 4 - have, path: path) }
                }.get()
                if n == 0 { break }
                have += n
            }
        } catch {
            sniffError = error
        }
        magic.removeLast(4 - have)

        if let sniffError {
            state.summary.bytesIn = have
            state.fileLevel(.unreadableFile, fragment: UnsafeRawBufferPointer(start: nil, count: 0), offset: have, detail: sniffError.message + (sniffError.cause.map { ": \($0)" } ?? ""))
        } else if Self.isZstdMagic(magic) {
            state.summary.compressedFiles = 1
            var source = try ZstdReader(fileDescriptor: fd, path: path, ownsDescriptor: false, prefix: magic.withUnsafeBytes { $0 })
            try Self.pump(&source, &state, body)
        } else if path.hasSuffix(".zst") {
            state.summary.bytesIn = have
            let reason: RejectReason = have == 0 ? .truncatedFrame : .corruptFrame
            state.fileLevel(reason, fragment: UnsafeRawBufferPointer(start: nil, count: 0), offset: 0,
                            detail: have == 0 ? "empty .zst file" : "not zstd data: no zstd magic number at the start of a .zst file")
        } else {
            var source = PlainSource(fileDescriptor: fd, path: path, prefix: magic)
            try Self.pump(&source, &state, body)
        }
        return try state.finishThrowing(body)
    }

    /// Whether bytes start with a zstd frame (`28 B5 2F FD`) or skippable frame (`5? 2A 4D 18`).
    public static func isZstdMagic(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        if bytes[0] == 0x28 && bytes[1] == 0xB5 && bytes[2] == 0x2F && bytes[3] == 0xFD { return true }
        return bytes[0] & 0xF0 == 0x50 && bytes[1] == 0x2A && bytes[2] == 0x4D && bytes[3] == 0x18
    }

    static func pump<S: ByteSource & ~Copyable>(
        _ source: inout S, _ state: inout BatchBuilder, _ body: (EventBatch) throws -> Void
    ) throws {
        // The splitter keeps lines of up to 4096 bytes plus a byte order mark whole; the
        // parser rejects what is longer.
        var splitter = LineSplitter(chunkSize: state.options.chunkSize, maxLine: EventLineParser.maxLineLength + BatchBuilder.bomLength)
        var canVerifyAhead = true
        do {
            while true {
                // Lines are held back unless the source has verified what it is about to deliver.
                state.setTrusted(source.bytesOutVerified > source.bytesOut)
                let checkpoint = state.checkpoint
                let stepStart = source.bytesOut
                let more = try splitter.pump(&source, { (line, overlong) throws(any Error) in
                    try state.line(line, overlong: overlong, body)
                })
                try settle(&source, &state, stepStart: stepStart, checkpoint: checkpoint, canVerifyAhead: &canVerifyAhead, body)
                if !more { break }
                if state.options.deliversEachRead && state.trusted && state.held.isEmpty {
                    try deliverEachRead(&state, body)
                }
            }
        } catch {
            switch error {
            case .consumer(let e):
                throw e
            case .source(let e):
                let reason: RejectReason =
                    switch e.code {
                    case .truncatedData: .truncatedFrame
                    case .corruptData: .corruptFrame
                    default: .unreadableFile
                    }
                let cause = e.cause.map { ": \($0)" } ?? ""
                let offset = source.damageOffset ?? source.bytesIn
                try state.failHeldLines(reason, offset: offset, detail: "not used, its zstd frame failed: " + e.message + cause, body)
                state.fileLevel(reason, fragment: splitter.fragment, offset: offset, detail: e.message + cause)
            }
        }
        state.summary.bytesIn = source.bytesIn
        state.summary.bytesOut = source.bytesOut
        if state.summary.fileErrors.isEmpty {
            var print = source.fingerprint
            state.summary.fingerprint = print.finish()
        }
    }

    /// Delivers the open batch now (``Options/deliversEachRead``).
    private static func deliverEachRead(_ state: inout BatchBuilder, _ body: (EventBatch) throws -> Void) throws(PumpError<any Error>) {
        do { try state.closeBatch(body) } catch { throw .consumer(error) }
    }

    /// After a read: delivers the lines the source has verified since, and verifies ahead
    /// when too much is held back.
    private static func settle<S: ByteSource & ~Copyable>(
        _ source: inout S, _ state: inout BatchBuilder, stepStart: Int, checkpoint: HoldCheckpoint,
        canVerifyAhead: inout Bool, _ body: (EventBatch) throws -> Void
    ) throws(PumpError<any Error>) {
        do {
            if source.bytesOutVerified >= source.bytesOut {
                try state.commitAll(body)
                return
            }
            // The frame ended at the start of this read: the lines before it are intact.
            if source.bytesOutVerified >= stepStart { try state.commit(to: checkpoint, body) }
        } catch {
            throw .consumer(error)
        }
        guard canVerifyAhead && state.heldBytes > state.options.maxHeldBytes else { return }
        let verified: Bool
        do {
            verified = try source.verifyFrame()
        } catch {
            throw .source(error)
        }
        guard verified else {
            canVerifyAhead = false
            return
        }
        do {
            try state.commitAll(body)
        } catch {
            throw .consumer(error)
        }
    }
}

/// Opens and reads several files one after another, merging the summaries. A file that
/// cannot be opened counts as one `unreadableFile` line; reading goes on with the next.
extension EventLogReader {
    /// Reads `paths` in order with one resolver, delivering every batch to `body`.
    public static func readFiles(
        paths: [String], resolver: AccessPointResolver, options: Options = Options(), _ body: (EventBatch) throws -> Void
    ) throws -> ReadSummary {
        var total = ReadSummary()
        for path in paths {
            let reader: EventLogReader
            do {
                reader = try EventLogReader(path: path, resolver: resolver, options: options)
            } catch {
                var s = ReadSummary()
                s.files = 1
                s.linesRead = 1
                s.count(.unreadableFile)
                let reject = LineReject(file: path, line: 1, reason: .unreadableFile, raw: [], offset: 0, detail: error.description)
                s.fileErrors.append(reject)
                try body(EventBatch(file: path, rejects: [reject], firstLine: 1, lineCount: 1))
                total.merge(s)
                continue
            }
            total.merge(try reader.read(body))
        }
        return total
    }
}
