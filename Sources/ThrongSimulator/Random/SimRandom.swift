/// SplitMix64: used to derive independent seeds for the simulator's random streams.
///
/// Every random stream of a run is seeded from `(seed, purpose, day, unit)` through
/// ``SplitMix64/mix(_:)``, so results never depend on thread scheduling or thread count.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The state.
    public var state: UInt64

    /// Starts at a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective 64-bit mixing function.
    @inlinable public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Hashes a seed with up to three integers into a well-mixed 64-bit value.
    @inlinable public static func derive(_ seed: UInt64, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) -> UInt64 {
        var h = mix(seed ^ 0x5448_524F_4E47_5349)
        h = mix(h ^ (a &* 0x9E37_79B9_7F4A_7C15))
        h = mix(h ^ (b &* 0xC2B2_AE3D_27D4_EB4F))
        return mix(h ^ (c &* 0x1656_67B1_9E37_79F9))
    }
}

/// xoshiro256** (Blackman & Vigna): the simulator's random number generator.
public struct SimRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the four state words from SplitMix64 of `seed`.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// A stream for `(seed, purpose, a, b)`; see ``SplitMix64/derive(_:_:_:_:)``.
    public init(seed: UInt64, stream purpose: UInt64, _ a: UInt64 = 0, _ b: UInt64 = 0) {
        self.init(seed: SplitMix64.derive(seed, purpose, a, b))
    }

    /// The next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1).
    @inlinable public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [a, b).
    @inlinable public mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }

    /// `true` with probability `p`.
    @inlinable public mutating func chance(_ p: Double) -> Bool { p > 0 && unit() < p }

    /// Uniform integer in 0..<n (n > 0), by Lemire's multiply-shift (negligible bias for n ≪ 2^64).
    @inlinable public mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A Poisson draw with mean `mean` (inversion below 30, rounded normal above).
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 30 {
            let l = _exp(-mean)
            var k = 0
            var p = unit()
            while p > l { k += 1; p *= unit() }
            return k
        }
        let z = normal()
        return max(0, Int((mean + z * mean.squareRoot()).rounded()))
    }

    /// A standard normal draw (Box–Muller).
    public mutating func normal() -> Double {
        let u1 = max(unit(), 1e-300)
        let u2 = unit()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }
}
