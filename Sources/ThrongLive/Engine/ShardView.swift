import ThrongCore

/// What a shard hands the publisher at an epoch: what it aggregated since the last view (the
/// publisher adds it to its totals), the journeys it held for joining since then, and the
/// provisional presence of its open sessions.
struct ShardView: Sendable {
    /// Closed sessions' totals since the last view.
    var accumulator: CrowdingAccumulator
    /// Link loads and interchange flows of closed sessions' journeys with one end observed, since the last view.
    var partial: CrowdingAccumulator
    var tally: DeviceTally
    /// Journeys held for MAC-change joining, handed over once.
    var held: [ReconstructedJourney]
    /// Occupancy of the open sessions (provisional).
    var provisional: CrowdingAccumulator
    /// Earliest event time of any open session (`.max` if none).
    var earliestOpen: Int64
    /// Per station index, the earliest event there of any open session (`.max` if none): the
    /// joiner's frontier per station.
    var earliestAtStation: [Int64]
    /// The engine's horizon when the view was taken: every event not yet in this shard's
    /// sessions is at or after it.
    var horizon: Int64
    var openDevices: Int
    var openEvents: Int
    /// Devices found over the per-device event limit, and their events left out.
    var implausibleDevices: Int
    var implausibleEvents: Int
    /// The shard's last view: everything closed, the thread has ended.
    var final = false
}
