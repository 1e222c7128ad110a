import Foundation
package import ThrongCore
package import ThrongLive
package import ThrongQuery
import ThrongWeb

/// What the server answers from: the typical index of a snapshot, the live engine, or both.
///
/// Immutable; the live engine publishes new epochs on its own and every request reads the
/// current one once (`LiveEngine.current`, lock-free), so one response never mixes two epochs.
package final class CrowdingData: Sendable {
    package let network: Network
    /// The snapshot's index: typical days, baselines, and observed bins of the days it covers.
    package let typical: CrowdingIndex?
    /// The live engine, when the server was given a feed.
    package let live: LiveEngine?
    /// Station lookups (same ids in every index: checked at start).
    package let directory: StationDirectory
    package let indexedNetwork: IndexedNetwork
    /// A tag that changes when the typical data would: the snapshot's path, size and modification time.
    package let typicalTag: String
    /// `GET /v1/network`, built once.
    package let networkJSON: [UInt8]

    /// - Throws: ``ServerError`` `.badConfiguration` when the snapshot was built on another
    ///   network (its stations or links differ from `network`'s).
    package init(network: Network, typical: CrowdingIndex?, typicalTag: String, live: LiveEngine?) throws(ServerError) {
        self.network = network
        self.typical = typical
        self.live = live
        self.indexedNetwork = IndexedNetwork(network)
        self.directory = StationDirectory(network: indexedNetwork)
        self.typicalTag = typicalTag
        if let typical {
            let ours = indexedNetwork
            let same = ours.stations.count == typical.network.stations.count
                && zip(ours.stations, typical.network.stations).allSatisfy { $0.naptan == $1.naptan }
                && ours.links.count == typical.network.links.count
            if !same {
                throw ServerError(.badConfiguration, "the snapshot was built on another network (\(typical.network.stations.count) stations, \(typical.network.links.count) links; the network folder has \(ours.stations.count) and \(ours.links.count))")
            }
        }
        self.networkJSON = NetworkGeometry(network: network, indexed: indexedNetwork, observed: typical?.isObserved).json()
    }

    /// The live engine's current epoch and its index, once something has been published.
    package func liveEpoch() -> LiveEpoch? {
        guard let live else { return nil }
        let epoch = live.current
        return epoch.sequence > 0 ? epoch : nil
    }

    /// The index that answers questions with no time: the snapshot's, else the live one.
    package var defaultIndex: CrowdingIndex? { typical ?? liveEpoch()?.index }

    /// "Now" for a question without a time: the start of the last complete live bin (see
    /// ``liveInstant(_:)``), else the wall clock.
    package func now() -> Int64 {
        if let epoch = liveEpoch(), let t = liveInstant(epoch) { return t }
        return Int64(Date().timeIntervalSince1970 * 1000)
    }

    /// The bin the live figures are read from: the last bin that has ended by the watermark (a
    /// bin still filling would under-count its occupancy), or the watermark's own bin when no
    /// earlier bin has data yet. Nil before the first event.
    package func liveInstant(_ epoch: LiveEpoch) -> Int64? {
        guard let watermark = epoch.status.watermark else { return nil }
        let index = epoch.index
        let width = index.binMillis
        let current = watermark - ((watermark % width) + width) % width
        let previous = current - width
        if let covered = index.coveredInterval, covered.contains(previous) { return previous }
        if let covered = index.coveredInterval, covered.contains(current) { return current }
        return nil
    }

    /// A station's crowding at an instant from the best source: the live index when it covers the
    /// instant (judged against the snapshot's typical levels when there is a snapshot), else the
    /// snapshot (observed when it covers the instant, else typical, per `basis`).
    package func stationCrowding(_ station: StationID, _ measure: StationMeasure, time: Int64, basis: CrowdingBasis) throws(ThrongQueryError) -> (StationCrowding, CrowdingIndex) {
        if basis != .typical, let epoch = liveEpoch(), let covered = epoch.index.coveredInterval, covered.contains(time) {
            if let typical {
                return (try epoch.index.crowding(at: station, measure, time: time, against: typical), epoch.index)
            }
            return (try epoch.index.crowding(at: station, measure, time: time, basis: .observed), epoch.index)
        }
        guard let index = typical ?? liveEpoch()?.index else {
            throw ThrongQueryError(.outsideIndex, "no data yet: the server has no snapshot and the live engine has published nothing")
        }
        return (try index.crowding(at: station, measure, time: time, basis: basis), index)
    }

    /// A link's crowding at an instant, from the same sources as ``stationCrowding(_:_:time:basis:)``.
    package func linkCrowding(_ link: LinkID, time: Int64, basis: CrowdingBasis) throws(ThrongQueryError) -> (LinkCrowding, CrowdingIndex) {
        if basis != .typical, let epoch = liveEpoch(), let covered = epoch.index.coveredInterval, covered.contains(time) {
            if let typical { return (try epoch.index.crowding(onLink: link, time: time, against: typical), epoch.index) }
            return (try epoch.index.crowding(onLink: link, time: time, basis: .observed), epoch.index)
        }
        guard let index = typical ?? liveEpoch()?.index else {
            throw ThrongQueryError(.outsideIndex, "no data yet: the server has no snapshot and the live engine has published nothing")
        }
        return (try index.crowding(onLink: link, time: time, basis: basis), index)
    }

    /// The index for flows (OD, route splits, interchanges) at an instant: live when it covers it.
    package func flowIndex(at time: Int64?) -> CrowdingIndex? {
        if let epoch = liveEpoch() {
            if let time, let covered = epoch.index.coveredInterval, covered.contains(time) { return epoch.index }
            if typical == nil { return epoch.index }
        }
        return typical
    }
}
