/// What a private snapshot says about its own noise, so analysts can reason about it: the
/// budget and, per published measure, its sensitivity, noise and selection threshold.
public struct PrivacyRelease: Hashable, Sendable {
    /// The budget spent.
    public var budget: PrivacyBudget
    /// One row per ``PublishedMeasure``.
    public var measures: [Measure]

    /// Noise of one measure.
    public struct Measure: Hashable, Sendable {
        /// The measure.
        public var measure: PublishedMeasure
        /// L2 sensitivity per device-day.
        public var sensitivity: Double
        /// Standard deviation of the Gaussian noise added to each cell, in the cell's unit.
        public var sigma: Double
        /// For threshold-selected tables: a row is published only when its noisy value
        /// reaches this; `nil` for tables published on their whole domain.
        public var threshold: Double?
    }

    /// The release of `budget`.
    public init(budget: PrivacyBudget) {
        self.budget = budget
        measures = PublishedMeasure.allCases.map { m in
            Measure(measure: m, sensitivity: m.sensitivity(budget.bounds), sigma: budget.sigma(m),
                    threshold: m.isThresholdSelected ? budget.selectionThreshold(m) : nil)
        }
    }

    /// The noise of `measure`.
    public func sigma(_ measure: PublishedMeasure) -> Double { budget.sigma(measure) }
}
