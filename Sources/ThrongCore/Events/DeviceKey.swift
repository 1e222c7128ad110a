/// The engine's internal key for a device token: 128 bits of MurmurHash3 (x64, 128-bit)
/// of the token's bytes.
///
/// The input format allows tokens up to 128 characters, so the key must be a hash. With
/// 128 bits, the chance that any two of 10^8 distinct tokens collide is about
/// n²/2^129 ≈ 1.5·10^-23; a 64-bit key would give about 2.7·10^-4, which is not
/// astronomically unlikely, hence 128 bits. The key never leaves the process.
public struct DeviceKey: Hashable, Comparable, Sendable {
    /// High 64 bits.
    public var high: UInt64
    /// Low 64 bits.
    public var low: UInt64

    /// Wraps two halves.
    @inlinable public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Hashes a token's UTF-8 bytes.
    @inlinable public init(token: UnsafeRawBufferPointer, seed: UInt64 = 0x7468_726f_6e67) {
        let (h1, h2) = MurmurHash3.hash128(token, seed: seed)
        self.init(high: h1, low: h2)
    }

    /// Hashes a token string.
    public init(token: String) {
        var copy = token
        self = copy.withUTF8 { DeviceKey(token: UnsafeRawBufferPointer($0)) }
    }

    @inlinable public static func < (a: Self, b: Self) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// A well-mixed 64-bit value for partitioning devices across workers.
    @inlinable public var partitionHash: UInt64 { high ^ (low &* 0x9E37_79B9_7F4A_7C15) }
}
