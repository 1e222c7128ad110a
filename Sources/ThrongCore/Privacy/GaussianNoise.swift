#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gaussian noise for a release, drawn from a cryptographically secure generator.
///
/// Fresh for every release: noise must not repeat between releases, or differencing two of
/// them would cancel it. Samples by the Box–Muller transform on 53-bit uniforms. (Floating
/// point noise has a known, small residual risk in the far tails — Mironov 2012 — noted in
/// `docs/privacy.md`.)
package struct GaussianNoise<Generator: RandomNumberGenerator> {
    var generator: Generator
    private var spare: Double?

    package init(generator: Generator) { self.generator = generator }

    /// A standard normal sample.
    package mutating func standard() -> Double {
        if let s = spare { spare = nil; return s }
        var u = 0.0
        repeat { u = Double(generator.next() >> 11) * 0x1p-53 } while u == 0
        let v = Double(generator.next() >> 11) * 0x1p-53
        let r = (-2 * log(u)).squareRoot()
        spare = r * sin(2 * Double.pi * v)
        return r * cos(2 * Double.pi * v)
    }

    /// A sample with standard deviation `sigma`.
    package mutating func sample(sigma: Double) -> Double { standard() * sigma }
}

extension GaussianNoise where Generator == SystemRandomNumberGenerator {
    /// Noise from the system's secure generator.
    package init() { self.init(generator: SystemRandomNumberGenerator()) }
}
