/// One occupancy cell a device counts in: what ``CrowdingAccumulator/endDevice()`` adds for one
/// distinct presence mark of an exact release.
package struct PresenceCell: Sendable, Equatable {
    package var binStart: Int64
    package var station: StationID
    package var platform: Bool
    /// Counted in the station's occupancy as well (false: the concourse mark of a bin in which
    /// the device is also on a platform, counted there once).
    package var anywhere: Bool
}

/// Provisional occupancy kept up to date cell by cell (the live engine's open sessions): each
/// open session's cells are added once, taken back when the session changes or closes, so a
/// view of them costs the sessions that changed, not every open one.
extension CrowdingAccumulator {
    /// Moves the current device's presence marks out as the cells ``endDevice()`` would count
    /// (each distinct (bin, station, area) once, occupancy once per (bin, station)), without
    /// counting them. Exact releases only.
    package mutating func takePresenceCells(into cells: inout [PresenceCell]) {
        precondition(limiter == nil, "provisional cells are for exact releases")
        cells.removeAll(keepingCapacity: true)
        guard !devicePresence.isEmpty else { return }
        devicePresence.sort()
        Self.forEachDistinctPresence(devicePresence) { mark, anywhere in
            cells.append(PresenceCell(binStart: mark.binStart, station: mark.station, platform: mark.platform, anywhere: anywhere))
            return true
        }
        devicePresence.removeAll(keepingCapacity: true)
    }

    /// Counts one device's cells (`sign` 1) or takes them back (`sign` −1).
    package mutating func addPresenceCells(_ cells: [PresenceCell], sign: Int) {
        for c in cells {
            stationBins.update(bin: c.binStart, entity: c.station.index) { v in
                if c.platform { v.platformOccupancy += sign } else { v.concourseOccupancy += sign }
                if c.anywhere { v.occupancy += sign }
            }
        }
    }

    /// Drops the station bins before the one holding `time` (for an accumulator of provisional
    /// cells: bins no open session reaches any more, all zero).
    package mutating func dropStationBins(before time: Int64) {
        let cut = bin(time)
        if stationBins.bins.contains(where: { $0 < cut }) { _ = stationBins.removeBins { $0 < cut } }
    }
}
