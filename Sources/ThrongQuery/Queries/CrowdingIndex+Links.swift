public import ThrongCore

extension CrowdingIndex {
    /// How busy a directed link is at an instant: expected devices traversing it in the bin, expanded to people.
    ///
    /// - Throws: ``ThrongQueryError/Code/outsideIndex`` only with ``CrowdingBasis/observed``
    ///   when the index does not cover `time`; ``ThrongQueryError/Code/unknownLink`` for a link id
    ///   the network does not have.
    public func crowding(onLink link: LinkID, time: Int64, basis: CrowdingBasis = .automatic) throws(ThrongQueryError) -> LinkCrowding {
        guard time >= Timestamp.minMillis, time <= Timestamp.maxMillis else {
            throw ThrongQueryError(.invalidArgument, "instant \(time) ms is outside \(Timestamp.minMillis)…\(Timestamp.maxMillis)")
        }
        guard link.index < network.links.count else {
            throw ThrongQueryError(.unknownLink, "link \(link.rawValue) is not in the network (\(network.links.count) links)")
        }
        if basis != .typical, let bin = timeline.bin(at: time), timeline.covered[bin] {
            let day = Int(timeline.dayOfBin[bin])
            let reading = observedReading(
                table: typicalLinks, entity: link.index, cell: linkCells[link.index * timeline.count + bin], bin: bin,
                factor: Double(linkFactors[day]), noiseSigma: noiseSigma[StationMeasure.allCases.count], absent: .noInferredLoad
            )
            return LinkCrowding(link: link, reading: reading)
        }
        if basis == .observed { throw outside(time) }
        let slot = typicalSlot(of: time)
        let reading = typicalReading(
            table: typicalLinks, entity: link.index, category: slot.category, band: slot.band, start: slot.start,
            present: isLinkObserved[link.index], absent: .noInferredLoad
        )
        return LinkCrowding(link: link, reading: reading)
    }

    /// The links of `line` from `from` to `to` (fewest links, following the line's direction of travel).
    /// - Throws: ``ThrongQueryError/Code/unknownLink`` when the line does not join them.
    public func links(line: LineID, from: StationID, to: StationID) throws(ThrongQueryError) -> [LinkID] {
        guard stations.contains(from), stations.contains(to) else {
            throw ThrongQueryError(.unknownStation, "station \(from.rawValue) or \(to.rawValue) is not in the network")
        }
        guard let ride = network.ride(line: line, from: from, to: to), !ride.isEmpty else {
            throw ThrongQueryError(
                .unknownLink,
                "the \(line.index < network.lines.count ? network.lines[line.index] : "?") line does not run from \(station(from).displayName) to \(station(to).displayName)"
            )
        }
        return ride
    }
}
