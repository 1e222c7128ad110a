public import ThrongCore

extension CrowdingIndex {
    /// The interchange flows at a station in the bin holding `time`, largest first (suppressed
    /// cells last). Empty when nobody was inferred to change there, or outside the covered bins.
    public func interchangeFlows(at station: StationID, time: Int64) -> [InterchangeFlow] {
        // Interchange flows are the station's own (Monument's District/Circle changes are Monument's).
        guard stations.contains(station), let bin = timeline.bin(at: time), timeline.covered[bin], let cells = interchanges[station.rawValue] else { return [] }
        let start = timeline.start(ofBin: bin)
        let factor = stationFactor(station, day: Int(timeline.dayOfBin[bin]))
        return cells.filter { $0.bin == Int32(bin) }.map { c in
            let devices = c.micros >= 0 ? Double(c.micros) / 1e6 : nil
            return InterchangeFlow(
                station: station, fromLine: c.fromLine, toLine: c.toLine, start: start, end: start + binMillis,
                devices: devices, people: devices.map { PeopleEstimate(devices: $0, factor: factor) }
            )
        }.sorted { ($0.devices ?? -1) > ($1.devices ?? -1) }
    }
}

/// One published interchange-flow cell.
package struct InterchangeCell: Sendable {
    package var bin: Int32
    package var fromLine: LineID
    package var toLine: LineID
    /// Expected devices in millionths; `-1` suppressed.
    package var micros: Int64
}
