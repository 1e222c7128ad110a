public import ThrongCore

/// A file's content fingerprint, computed as the bytes go by: MurmurHash3-128 chained over
/// consecutive 1 MiB blocks of the bytes as stored (compressed bytes for `.zst`; the last
/// block may be shorter), each block hashed with the previous result's `high ^ low` as seed,
/// as 32 hex digits. Not a cryptographic hash: it identifies inputs in the manifest and finds
/// copies. The reader computes it in the same pass that reads, so a pipe is never read twice.
public struct ContentFingerprint: Sendable {
    /// Block size, bytes.
    public static let blockSize = 1 << 20
    private var buffer: [UInt8] = []
    private var key = DeviceKey(high: 0, low: 0)
    /// Bytes taken so far.
    public private(set) var count = 0

    /// An empty fingerprint.
    public init() {}

    /// Takes the next bytes of the file.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
        var rest = bytes
        while !rest.isEmpty {
            if buffer.isEmpty && rest.count >= Self.blockSize {
                key = DeviceKey(token: UnsafeRawBufferPointer(rebasing: rest[..<(rest.startIndex + Self.blockSize)]), seed: key.high ^ key.low)
                rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + Self.blockSize)...])
                continue
            }
            let take = min(Self.blockSize - buffer.count, rest.count)
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<(rest.startIndex + take)]))
            rest = UnsafeRawBufferPointer(rebasing: rest[(rest.startIndex + take)...])
            if buffer.count == Self.blockSize { flush() }
        }
    }

    private mutating func flush() {
        key = buffer.withUnsafeBytes { DeviceKey(token: $0, seed: key.high ^ key.low) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The fingerprint of everything taken, as 32 hex digits.
    public mutating func finish() -> String {
        if !buffer.isEmpty { flush() }
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(key.high) + hex(key.low)
    }
}
