/// An expected count in fixed point (millionths), so that sums are exact and do not
/// depend on the order in which shards are merged.
public struct FixedCount: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    /// Millionths of a device or journey.
    public var micros: Int64

    /// One millionth per unit.
    public static let scale: Int64 = 1_000_000
    /// Zero.
    public static let zero = FixedCount(micros: 0)

    /// Wraps millionths.
    @inlinable public init(micros: Int64) { self.micros = micros }

    /// Rounds a probability or weight to the nearest millionth.
    @inlinable public init(_ value: Double) { self.micros = Int64((value * Double(Self.scale)).rounded()) }

    /// A whole count.
    @inlinable public init(count: Int) { self.micros = Int64(count) * Self.scale }

    /// The value as a `Double`.
    @inlinable public var value: Double { Double(micros) / Double(Self.scale) }

    @inlinable public static func + (a: Self, b: Self) -> Self { Self(micros: a.micros + b.micros) }
    @inlinable public static func - (a: Self, b: Self) -> Self { Self(micros: a.micros - b.micros) }
    @inlinable public static func += (a: inout Self, b: Self) { a.micros += b.micros }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.micros < b.micros }

    /// The value with six decimals.
    public var description: String {
        let sign = micros < 0 ? "-" : ""
        let m = micros.magnitude
        let frac = String(m % UInt64(Self.scale))
        return "\(sign)\(m / UInt64(Self.scale))." + String(repeating: "0", count: 6 - frac.count) + frac
    }
}
