/// How a run publishes its counts.
public enum ReleaseMode: Hashable, Sendable {
    /// Differentially private (the default): bounded contributions and Gaussian noise on
    /// every published count, so that comparing releases with and without a device reveals
    /// little about it (`docs/privacy.md`).
    case differentiallyPrivate(PrivacyBudget)
    /// Exact counts with threshold suppression only: for trusted internal use (evaluation,
    /// debugging). Does not protect against differencing of releases.
    case exact

    /// The default private release.
    public static let `default` = ReleaseMode.differentiallyPrivate(.default)

    /// The budget, when private.
    public var budget: PrivacyBudget? {
        if case .differentiallyPrivate(let b) = self { return b }
        return nil
    }
}
