public import ThrongCore

extension CrowdingIndex {
    /// Whether `other` describes the same stations and links in the same order, so that figures of
    /// one can be judged against the typical levels of the other (same network folder).
    public func sharesNetwork(with other: CrowdingIndex) -> Bool { network.isSameNetwork(as: other.network) }

    /// How busy a station is at an instant this index observed (a live index), judged against the
    /// typical levels of `baseline` (a snapshot of earlier days): `percentageOfBaseline` is the
    /// people now divided by `baseline`'s busiest typical level of the station, `relativeToUsual`
    /// the people now divided by `baseline`'s typical level of the same day category and band.
    ///
    /// This is how the live figures are "a fraction of the busiest the station has been", as TfL's
    /// live crowding defines them, and not a fraction of the few hours the live engine has seen.
    /// - Throws: ``ThrongQueryError/Code/outsideIndex`` when this index does not cover `time`;
    ///   ``ThrongQueryError/Code/invalidArgument`` when the two indexes do not share a network
    ///   (``sharesNetwork(with:)``); ``ThrongQueryError/Code/unknownStation`` for an id outside it.
    ///   With `baseline` this index itself, the reading is the observed one (``CrowdingBasis/observed``).
    public func crowding(
        at station: StationID, _ measure: StationMeasure = .occupancy, time: Int64, against baseline: CrowdingIndex
    ) throws(ThrongQueryError) -> StationCrowding {
        guard stations.contains(station) else {
            throw ThrongQueryError(.unknownStation, "station \(station.rawValue) is not in the network (\(network.stations.count) stations)")
        }
        // A cheap guard per call; ``sharesNetwork(with:)`` is the full check, made once by the caller.
        guard baseline.network.stations.count == network.stations.count else {
            throw ThrongQueryError(.invalidArgument, "the baseline index has \(baseline.network.stations.count) stations, this one \(network.stations.count)")
        }
        guard let bin = timeline.bin(at: time), timeline.covered[bin] else { throw outside(time) }
        let station = stations.answering(for: station)
        let entity = measure.rawValue &* network.stations.count &+ station.index
        let day = Int(timeline.dayOfBin[bin])
        let reading = observedReading(
            table: baseline.typicalStations, entity: entity, cell: stationCell(measure, station, bin: bin), bin: bin,
            factor: Double(stationFactor(station, day: day)), noiseSigma: noiseSigma[measure.rawValue], absent: .notObserved
        )
        return StationCrowding(station: station, measure: measure, reading: reading)
    }

    /// How busy a directed link is at an instant this index observed, judged against the typical
    /// levels of `baseline` (see ``crowding(at:_:time:against:)``).
    public func crowding(onLink link: LinkID, time: Int64, against baseline: CrowdingIndex) throws(ThrongQueryError) -> LinkCrowding {
        guard link.index < network.links.count, baseline.network.links.count == network.links.count else {
            throw ThrongQueryError(.unknownLink, "link \(link.rawValue) is not in both networks (\(network.links.count) and \(baseline.network.links.count) links)")
        }
        guard let bin = timeline.bin(at: time), timeline.covered[bin] else { throw outside(time) }
        let day = Int(timeline.dayOfBin[bin])
        let reading = observedReading(
            table: baseline.typicalLinks, entity: link.index, cell: linkCells[link.index &* timeline.count &+ bin], bin: bin,
            factor: Double(linkFactors[day]), noiseSigma: noiseSigma[StationMeasure.allCases.count], absent: .noInferredLoad
        )
        return LinkCrowding(link: link, reading: reading)
    }
}
