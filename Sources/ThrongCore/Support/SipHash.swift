/// SipHash-2-4 (Aumasson & Bernstein), a keyed pseudorandom function: without the 128-bit
/// key, its output cannot be computed or linked to its input. Used to pseudonymise device
/// tokens wherever they could leave the process (rejects file, spill files).
public struct SipHash: Sendable, Hashable {
    /// The two 64-bit halves of the key.
    public var k0: UInt64
    /// The two 64-bit halves of the key.
    public var k1: UInt64

    /// A key drawn from the system's secure random generator.
    public static func random() -> SipHash {
        var g = SystemRandomNumberGenerator()
        return SipHash(k0: g.next(), k1: g.next())
    }

    /// Creates a hasher with a key.
    public init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// The 64-bit SipHash-2-4 of `bytes`.
    public func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 { sip(bytes, wide: false).first }

    /// The 128-bit SipHash-2-4 of `bytes` (the reference's 128-bit output variant), as (high, low)
    /// where `low` is the first 64 output bits.
    public func hash128(_ bytes: UnsafeRawBufferPointer) -> (high: UInt64, low: UInt64) {
        let out = sip(bytes, wide: true)
        return (out.second, out.first)
    }

    /// SipHash-2-4: compression of 8-byte little-endian words, then finalisation; `wide` is the
    /// 128-bit variant (`0xee` in v1 and the first finalisation, `0xdd` before the second output).
    private func sip(_ bytes: UnsafeRawBufferPointer, wide: Bool) -> (first: UInt64, second: UInt64) {
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ k0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ k1 ^ (wide ? 0xee : 0)
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ k0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ k1
        @inline(__always) func round() {
            v0 &+= v1; v1 = (v1 << 13) | (v1 >> 51); v1 ^= v0; v0 = (v0 << 32) | (v0 >> 32)
            v2 &+= v3; v3 = (v3 << 16) | (v3 >> 48); v3 ^= v2
            v0 &+= v3; v3 = (v3 << 21) | (v3 >> 43); v3 ^= v0
            v2 &+= v1; v1 = (v1 << 17) | (v1 >> 47); v1 ^= v2; v2 = (v2 << 32) | (v2 >> 32)
        }
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            let m = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            v3 ^= m; round(); round(); v0 ^= m
            i += 8
        }
        var last = UInt64(n & 0xff) << 56
        for j in 0..<(n - i) { last |= UInt64(bytes[i + j]) << (8 * UInt64(j)) }
        v3 ^= last; round(); round(); v0 ^= last
        v2 ^= wide ? 0xee : 0xff
        round(); round(); round(); round()
        let first = v0 ^ v1 ^ v2 ^ v3
        guard wide else { return (first, 0) }
        v1 ^= 0xdd
        round(); round(); round(); round()
        return (first, v0 ^ v1 ^ v2 ^ v3)
    }

    /// The hash of a string's UTF-8 bytes.
    public func hash(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// `dev:` and 16 hex digits: a pseudonym for a device token.
    public func pseudonym(_ token: String) -> String {
        let s = String(hash(token), radix: 16)
        return "dev:" + String(repeating: "0", count: 16 - s.count) + s
    }
}
