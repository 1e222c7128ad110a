import ThrongCore

/// Named configurations of `throng simulate --preset`.
public enum SimulationPreset: String, Sendable, CaseIterable {
    /// For tests: Monday 2016-11-21 08:00–09:00, scale 0.005 (≈ 2 thousand journeys), all stations.
    case tiny
    /// Weekday morning peak 07:00–10:00 at scale 0.05 (≈ 65 thousand journeys), all stations.
    case demo
    /// One full Monday, all stations, scale 1 (≈ 4.5 million journeys).
    case weekday
    /// 29 days from Monday 2016-11-21 at the 54 pilot stations, calibrated to the real
    /// pilot's totals (≈ 509 M events, 5.6 M devices, 42 M journeys).
    case pilot2016

    /// The preset's config (seed 1; override fields afterwards).
    public var config: SimulationConfig {
        var c = SimulationConfig()
        switch self {
        case .tiny:
            c.windowStartMinute = 480
            c.windowHours = 1
            c.scale = 0.005
        case .demo:
            c.windowStartMinute = 420
            c.windowHours = 3
            c.scale = 0.05
        case .weekday:
            break
        case .pilot2016:
            c.days = 29
            c.wifi = .pilot
            c.output.truth = .detectable
            // Calibration (docs/simulator.md): real demand (scale 1), device rate and ping
            // bursts set so that 29 days give ≈ 42 M detected journeys and ≈ 509 M events;
            // population pools, passers-by and MAC changes so that ≈ 5.6 M devices are seen.
            c.scale = 1.0
            c.deviceRate = 0.362
            c.pings.waitPingSeconds = 20...90
            c.pings.dwell = 0.5
            c.pings.burstExtraMean = 0.43
            c.noise.passerByRate = 0.1
            c.noise.passerByPoolFactor = 2
            c.noise.macChangeRate = 0.01
            c.population.occasionalPoolDays = 7
        }
        return c
    }
}
