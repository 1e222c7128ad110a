/// Confidence intervals for a Poisson count.
public enum PoissonInterval {
    /// The 95% interval for a count `n`, by the Wilson–Hilferty approximation to the exact
    /// (Garwood) interval; within a fraction of a percent of the exact one for n ≥ 1.
    public static func ninetyFive(count n: Int) -> (lower: Double, upper: Double) {
        let z = 1.959964
        func cube(_ x: Double) -> Double { x * x * x }
        let upperN = Double(n + 1)
        let upper = upperN * cube(1 - 1 / (9 * upperN) + z / (3 * upperN.squareRoot()))
        guard n > 0 else { return (0, upper) }
        let d = Double(n)
        let lower = d * cube(1 - 1 / (9 * d) - z / (3 * d.squareRoot()))
        return (max(0, lower), upper)
    }
}
