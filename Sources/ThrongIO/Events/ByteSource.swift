/// Something that fills buffers with bytes: a plain file or a zstd decoder.
protocol ByteSource: ~Copyable {
    /// Fills up to `buffer.count` bytes; 0 means the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ThrongIOError) -> Int
    /// Bytes read from the underlying file so far.
    var bytesIn: Int { get }
    /// Bytes delivered so far (decompressed bytes for zstd).
    var bytesOut: Int { get }
    /// Where damage was detected, once `read` has thrown.
    var damageOffset: Int? { get }
    /// Bytes delivered (counted like `bytesOut`) known to be intact; `Int.max` for sources
    /// that cannot be verified later (plain text), whose bytes are taken as they come.
    var bytesOutVerified: Int { get }
    /// Verifies what the source will deliver until its next verification point (the end of
    /// the zstd frame being read); `false` if it cannot (the input cannot be read twice).
    mutating func verifyFrame() throws(ThrongIOError) -> Bool
    /// The fingerprint of the file's bytes read so far, each byte once in file order.
    var fingerprint: ContentFingerprint { get }
}

extension ZstdReader: ByteSource {}

/// Plain bytes from a descriptor it does not own, after an optional already-read prefix.
struct PlainSource: ~Copyable, ByteSource {
    let fd: Int32
    let path: String
    var prefix: [UInt8]
    var prefixPos = 0
    private(set) var bytesIn: Int
    private(set) var bytesOut = 0
    private(set) var damageOffset: Int? = nil
    private(set) var fingerprint = ContentFingerprint()
    var bytesOutVerified: Int { .max }

    init(fileDescriptor: Int32, path: String, prefix: [UInt8]) {
        self.fd = fileDescriptor
        self.path = path
        self.prefix = prefix
        self.bytesIn = prefix.count
        prefix.withUnsafeBytes { fingerprint.update($0) }
    }

    mutating func verifyFrame() throws(ThrongIOError) -> Bool { true }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ThrongIOError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if prefixPos < prefix.count {
            let n = min(buffer.count, prefix.count - prefixPos)
            prefix.withUnsafeBytes { base.copyMemory(from: $0.baseAddress! + prefixPos, byteCount: n) }
            prefixPos += n
            bytesOut += n
            return n
        }
        do {
            let n = try Posix.readSome(fd, base, buffer.count, path: path)
            fingerprint.update(UnsafeRawBufferPointer(start: base, count: n))
            bytesIn += n
            bytesOut += n
            return n
        } catch {
            damageOffset = bytesIn
            throw error
        }
    }
}

/// Plain bytes from memory (the caller keeps them alive for the duration of the read).
struct MemorySource: ~Copyable, ByteSource {
    let bytes: UnsafeRawBufferPointer
    var position = 0
    var bytesIn: Int { position }
    var bytesOut: Int { position }
    var damageOffset: Int? { nil }
    var bytesOutVerified: Int { .max }
    var fingerprint: ContentFingerprint {
        var f = ContentFingerprint()
        f.update(UnsafeRawBufferPointer(rebasing: bytes[..<position]))
        return f
    }

    mutating func verifyFrame() throws(ThrongIOError) -> Bool { true }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ThrongIOError) -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0, let dst = buffer.baseAddress, let src = bytes.baseAddress else { return 0 }
        dst.copyMemory(from: src + position, byteCount: n)
        position += n
        return n
    }
}
