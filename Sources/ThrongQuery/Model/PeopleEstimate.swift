import ThrongCore

/// Devices expanded to people, with a 95% interval and the sample behind it.
///
/// `people = devices × factor`. The interval treats the devices as a binomial sample of the
/// people present, with detection rate `r = 1 / factor`: the Poisson 95% interval of the
/// device count (Wilson–Hilferty approximation to Garwood's), narrowed about the count by
/// `√(1 − r)` (the binomial-to-Poisson ratio of standard deviations), times the factor. It covers
/// the sampling noise of the device count, not the error of the factor (`docs/crowding.md`).
public struct PeopleEstimate: Hashable, Sendable {
    /// Estimated people.
    public var people: Double
    /// Lower end of the 95% interval.
    public var lower95: Double
    /// Upper end of the 95% interval.
    public var upper95: Double
    /// The sample: devices counted (expected devices for inferred counts).
    public var devices: Double
    /// People per device used to expand.
    public var factor: Double

    /// Creates an estimate.
    public init(people: Double, lower95: Double, upper95: Double, devices: Double, factor: Double) {
        self.people = people
        self.lower95 = lower95
        self.upper95 = upper95
        self.devices = devices
        self.factor = factor
    }

    /// Expands a device count (rounded to a whole number for the interval when it is an expected
    /// count) with `PeopleExpansion.estimate(devices:factor:)`.
    /// `noiseSigma`: the standard deviation of a private release's noise on the count (devices).
    public init(devices: Double, factor: Double, noiseSigma: Double = 0) {
        let e = PeopleExpansion.estimate(devices: devices, factor: factor, noiseSigma: noiseSigma)
        self.init(people: e.people, lower95: e.lower, upper95: e.upper, devices: max(0, devices), factor: factor)
    }
}
