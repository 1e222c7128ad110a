public import ThrongCore

/// Every accuracy figure of one evaluation (definitions: docs/accuracy.md).
public struct EvaluationReport: Sendable {
    /// Truth journeys listed, observable ones, wifi stations.
    public var truthJourneys: Int
    /// Wifi stations in the simulation.
    public var wifiStations: Int
    /// Devices the engine saw, and its journeys with both ends observed.
    public var engineDevices: Int
    /// See ``engineDevices``.
    public var engineJourneysBothEnds: Int
    /// OD accuracy.
    public var od: ODAccuracy
    /// Link loads of the busiest links.
    public var links: LinkLoadAccuracy
    /// Link loads of the busiest links whose truth is unambiguous.
    public var unambiguousLinks: LinkLoadAccuracy
    /// Links whose truth traversals are ambiguous (see ``GroundTruth/ambiguousLinks``).
    public var ambiguousLinkCount: Int
    /// Route splits of the requested OD pairs (default: King's Cross St Pancras → Waterloo).
    public var routeSplits: [RouteSplitComparison]
    /// Station bins against the brute-force reference, one per occupancy rule (the published
    /// rule first; empty if not computed).
    public var references: [ReferenceComparison]
    /// Station names for printing.
    public var stationNames: [String]
    /// Link names for printing (`line from→to`).
    public var linkNames: [String]

    /// Creates a report.
    public init(
        truthJourneys: Int, wifiStations: Int, engineDevices: Int, engineJourneysBothEnds: Int, od: ODAccuracy,
        links: LinkLoadAccuracy, unambiguousLinks: LinkLoadAccuracy, ambiguousLinkCount: Int, routeSplits: [RouteSplitComparison], references: [ReferenceComparison], network: Network
    ) {
        self.truthJourneys = truthJourneys
        self.wifiStations = wifiStations
        self.engineDevices = engineDevices
        self.engineJourneysBothEnds = engineJourneysBothEnds
        self.od = od
        self.links = links
        self.unambiguousLinks = unambiguousLinks
        self.ambiguousLinkCount = ambiguousLinkCount
        self.routeSplits = routeSplits
        self.references = references
        stationNames = network.stations.map(\.name)
        linkNames = network.links.map {
            "\(network.lines[$0.line.index]) \(network.stations[$0.from.index].name) → \(network.stations[$0.to.index].name)"
        }
    }
}
