import Foundation
package import ThrongCore
package import ThrongLive
package import ThrongQuery
import ThrongWeb

/// What the server answers from: the typical index of a snapshot, the live engine, or both.
///
/// Immutable; the live engine publishes new epochs on its own. A request reads the current one
/// once, through ``view()``, so one response never mixes two epochs.
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
        if let typical, !typical.network.isSameNetwork(as: indexedNetwork) {
            throw ServerError(.badConfiguration, "the snapshot was built on another network (\(typical.network.stations.count) stations, \(typical.network.links.count) links; the network folder has \(indexedNetwork.stations.count) and \(indexedNetwork.links.count))")
        }
        self.networkJSON = NetworkGeometry(network: network, indexed: indexedNetwork, observed: typical?.isObserved).json()
    }

    /// The data one request answers from: the snapshot and the live engine's current epoch, read once.
    package func view() -> CrowdingView {
        var epoch: LiveEpoch?
        if let live {
            let current = live.current
            if current.sequence > 0 { epoch = current }
        }
        return CrowdingView(typical: typical, epoch: epoch)
    }
}
