package import ThrongCore
package import ThrongLive
package import ThrongQuery

/// What one request answers from: the snapshot's index and the live epoch current when the
/// request began (nil without a feed or before the first publication). A value: every figure of
/// a response comes from the same epoch.
package struct CrowdingView: Sendable {
    /// The snapshot's index: typical days, baselines, and observed bins of the days it covers.
    package let typical: CrowdingIndex?
    /// The live epoch, once something has been published.
    package let epoch: LiveEpoch?

    /// The index that answers questions with no time: the snapshot's, else the live one.
    package var defaultIndex: CrowdingIndex? { typical ?? epoch?.index }

    /// The baseline live figures are judged against: the snapshot's typical levels, else the
    /// live index's own.
    package var baseline: CrowdingIndex? { typical ?? epoch?.index }

    /// "Now" for a question without a time: the start of the last complete live bin (see
    /// ``liveInstant``), else the wall clock.
    package var now: Int64 { liveInstant ?? WallClock.millis() }

    /// The bin the live figures are read from: the last bin that has ended by the watermark (a
    /// bin still filling would under-count its occupancy), or the watermark's own bin when no
    /// earlier bin has data yet. Nil before the first event.
    package var liveInstant: Int64? {
        guard let epoch, let watermark = epoch.status.watermark, let covered = epoch.index.coveredInterval else { return nil }
        let width = epoch.index.binMillis
        let current = watermark - ((watermark % width) + width) % width
        if covered.contains(current - width) { return current - width }
        return covered.contains(current) ? current : nil
    }

    /// The live index when it covers `time`.
    private func live(covering time: Int64, basis: CrowdingBasis) -> CrowdingIndex? {
        guard basis != .typical, let index = epoch?.index, let covered = index.coveredInterval, covered.contains(time) else { return nil }
        return index
    }

    private var anyIndex: CrowdingIndex {
        get throws(ThrongQueryError) {
            guard let index = defaultIndex else {
                throw ThrongQueryError(.outsideIndex, "no data yet: the server has no snapshot and the live engine has published nothing")
            }
            return index
        }
    }

    /// A station's live figure at `time` (a bin of the live index), judged against ``baseline``.
    package func liveCrowding(_ station: StationID, _ measure: StationMeasure, time: Int64) throws(ThrongQueryError) -> StationCrowding {
        guard let index = epoch?.index, let baseline else { throw ThrongQueryError(.outsideIndex, "the live engine has published nothing") }
        return try index.crowding(at: station, measure, time: time, against: baseline)
    }

    /// A station's crowding at an instant from the best source: the live index when it covers the
    /// instant (judged against ``baseline``), else the snapshot (observed when it covers the
    /// instant, else typical, per `basis`).
    package func stationCrowding(_ station: StationID, _ measure: StationMeasure, time: Int64, basis: CrowdingBasis) throws(ThrongQueryError) -> (StationCrowding, CrowdingIndex) {
        if let index = live(covering: time, basis: basis) { return (try liveCrowding(station, measure, time: time), index) }
        let index = try anyIndex
        return (try index.crowding(at: station, measure, time: time, basis: basis), index)
    }

    /// A link's crowding at an instant, from the same sources as ``stationCrowding(_:_:time:basis:)``.
    package func linkCrowding(_ link: LinkID, time: Int64, basis: CrowdingBasis) throws(ThrongQueryError) -> (LinkCrowding, CrowdingIndex) {
        if let index = live(covering: time, basis: basis), let baseline { return (try index.crowding(onLink: link, time: time, against: baseline), index) }
        let index = try anyIndex
        return (try index.crowding(onLink: link, time: time, basis: basis), index)
    }

    /// The index for flows (OD, route splits, interchanges) at an instant: live when it covers it.
    package func flowIndex(at time: Int64?) -> CrowdingIndex? {
        if let time, let index = live(covering: time, basis: .automatic) { return index }
        return defaultIndex
    }
}
