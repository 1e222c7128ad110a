public import ThrongCore

extension CrowdingIndex {
    /// How busy a station is at an instant.
    ///
    /// Point lookup: arithmetic and array reads, no allocation. With ``CrowdingBasis/automatic``
    /// an instant the index covers is answered from its bin, any other from the typical level of
    /// its day category and band.
    /// - Parameters:
    ///   - station: the station (one that answers as another — Monument — uses that one's figures).
    ///   - measure: what to count; ``StationMeasure/occupancy`` is busyness.
    ///   - time: epoch milliseconds, UTC.
    /// - Throws: ``ThrongQueryError/Code/outsideIndex`` only with ``CrowdingBasis/observed``
    ///   when the index does not cover `time`.
    public func crowding(
        at station: StationID, _ measure: StationMeasure = .occupancy, time: Int64, basis: CrowdingBasis = .automatic
    ) throws(ThrongQueryError) -> StationCrowding {
        guard stations.contains(station) else {
            throw ThrongQueryError(.unknownStation, "station \(station.rawValue) is not in the network (\(network.stations.count) stations)")
        }
        guard time >= Timestamp.minMillis, time <= Timestamp.maxMillis else {
            throw ThrongQueryError(.invalidArgument, "instant \(time) ms is outside \(Timestamp.minMillis)…\(Timestamp.maxMillis)")
        }
        let station = stations.answering(for: station)
        let entity = measure.rawValue &* network.stations.count &+ station.index
        if basis != .typical, let bin = timeline.bin(at: time), timeline.covered[bin] {
            let day = Int(timeline.dayOfBin[bin])
            let reading = observedReading(
                table: typicalStations, entity: entity, cell: stationCell(measure, station, bin: bin), bin: bin,
                factor: Double(stationFactor(station, day: day)), noiseSigma: noiseSigma[measure.rawValue], absent: .notObserved
            )
            return StationCrowding(station: station, measure: measure, reading: reading)
        }
        if basis == .observed { throw outside(time) }
        return typicalCrowding(at: station, measure, slot: typicalSlot(of: time))
    }

    /// The typical level of a station for a day category and local 15-minute band (0…95).
    public func typicalCrowding(at station: StationID, _ measure: StationMeasure = .occupancy, day: TypicalDay, band: Int) -> StationCrowding {
        typicalCrowding(at: stations.answering(for: station), measure, slot: (day, max(0, min(95, band)), 0))
    }

    func typicalCrowding(at station: StationID, _ measure: StationMeasure, slot: (category: TypicalDay, band: Int, start: Int64)) -> StationCrowding {
        guard stations.contains(station) else {
            var r = CrowdingReading(start: slot.start, end: slot.start + 15 * 60_000, source: .typical, day: slot.category, band: slot.band)
            r.unavailable = .notObserved
            return StationCrowding(station: station, measure: measure, reading: r)
        }
        let entity = measure.rawValue &* network.stations.count &+ station.index
        let reading = typicalReading(
            table: typicalStations, entity: entity, category: slot.category, band: slot.band, start: slot.start,
            present: isObserved[station.index], absent: .notObserved
        )
        return StationCrowding(station: station, measure: measure, reading: reading)
    }

    func outside(_ time: Int64) -> ThrongQueryError {
        let covered = coveredInterval.map { "\($0.lowerBound)..<\($0.upperBound)" } ?? "nothing"
        return ThrongQueryError(.outsideIndex, "no observed data at \(time) ms; the index covers \(covered)")
    }
}
