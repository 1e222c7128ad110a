#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The privacy budget of one release: zero-concentrated differential privacy (ρ-zCDP) per
/// device-day, spent by the Gaussian mechanism on every published count.
///
/// Each measure ``PublishedMeasure`` gets the share `w` of ρ and Gaussian noise
/// σ = Δ / √(2·w·ρ), where Δ is its sensitivity under ``bounds``. The whole release is then
/// μ-Gaussian-DP with μ = √(2ρ) for any one device-day, whatever else the attacker knows;
/// ``epsilon(delta:)`` and ``guessBound(choices:)`` turn that into the usual (ε, δ) and into
/// the attacker's best chance of guessing, say, a device's origin. Releases compose: two
/// releases that include the same device-day spend ρ₁ + ρ₂ (`docs/privacy.md`).
public struct PrivacyBudget: Hashable, Sendable {
    /// ρ of zCDP per device-day for the whole release. Default 1.
    public var rho: Double
    /// The δ of the (ε, δ) statement and of the threshold selection of sparse rows: half
    /// goes to each. Default 10⁻⁶.
    public var delta: Double
    /// What one device-day may contribute.
    public var bounds: ContributionBounds

    /// Creates a budget.
    public init(rho: Double = 1, delta: Double = 1e-6, bounds: ContributionBounds = .default) {
        self.rho = rho
        self.delta = delta
        self.bounds = bounds
    }

    /// The default budget: ρ = 1, δ = 10⁻⁶, default bounds.
    public static let `default` = PrivacyBudget()

    /// Whether ρ and δ are usable (ρ in (0, 100], δ in (0, 0.01]) and the bounds valid.
    public var isValid: Bool { rho > 0 && rho <= 100 && delta > 0 && delta <= 0.01 && bounds.isValid }

    /// μ of Gaussian DP: √(2ρ).
    public var mu: Double { (2 * rho).squareRoot() }

    /// Noise standard deviation for a measure, in its unit (devices, journeys, observations).
    public func sigma(_ measure: PublishedMeasure) -> Double {
        measure.sensitivity(bounds) / (2 * measure.weight * rho).squareRoot()
    }

    /// The δ of each threshold-selected row: a cell only one device-day fed is published
    /// with at most this probability.
    var rowDelta: Double { delta / 2 / Double(bounds.selectableCellsPerDay) }

    /// The publication threshold of a threshold-selected measure: a cell is published when
    /// its noisy value reaches it.
    public func selectionThreshold(_ measure: PublishedMeasure) -> Double {
        measure.maxCellContribution(bounds) + sigma(measure) * NormalDistribution.upperQuantile(rowDelta)
    }

    /// δ(ε) of μ-GDP: Φ(−ε/μ + μ/2) − e^ε Φ(−ε/μ − μ/2).
    static func gdpDelta(epsilon e: Double, mu: Double) -> Double {
        max(0, NormalDistribution.cdf(-e / mu + mu / 2) - exp(e) * NormalDistribution.cdf(-e / mu - mu / 2))
    }

    /// The ε of (ε, δ)-DP per device-day: the Gaussian noise at δ/2 (the other half is the
    /// threshold selection's).
    public func epsilon(delta: Double? = nil) -> Double {
        let target = (delta ?? self.delta) / 2
        var lo = 0.0, hi = 200.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if Self.gdpDelta(epsilon: mid, mu: mu) > target { lo = mid } else { hi = mid }
        }
        return hi
    }

    /// An upper bound on the probability that any attacker — knowing every other device's
    /// data exactly and holding releases with and without the device — names the right one of
    /// `choices` equally likely answers about one device-day (its origin among the stations,
    /// its route among the candidates, …): min over ε of e^ε/N + δ(ε), plus the selection δ.
    /// Guessing blindly succeeds with 1/N.
    public func guessBound(choices: Int) -> Double {
        precondition(choices >= 1)
        var best = 1.0
        var e = 0.0
        while e <= 30 {
            best = min(best, exp(e) / Double(choices) + Self.gdpDelta(epsilon: e, mu: mu))
            e += 0.002
        }
        return min(1, best + delta / 2)
    }
}
