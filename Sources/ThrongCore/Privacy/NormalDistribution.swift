#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution's CDF and quantile, for the privacy accounting.
enum NormalDistribution {
    /// Φ(x).
    static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// The x with P(X ≥ x) = `tail`, for `tail` in (0, 1), by bisection on ``upperTail(_:)``
    /// (so far-tail probabilities keep their precision; only used a few times per release).
    static func upperQuantile(_ tail: Double) -> Double {
        precondition(tail > 0 && tail < 1)
        var lo = -40.0, hi = 40.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if upperTail(mid) > tail { lo = mid } else { hi = mid }
            if hi - lo < 1e-12 { break }
        }
        return (lo + hi) / 2
    }

    /// P(X ≥ x) for X standard normal, accurate in the far tail.
    static func upperTail(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }
}
