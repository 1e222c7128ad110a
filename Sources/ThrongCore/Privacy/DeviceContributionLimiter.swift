/// Enforces ``ContributionBounds`` on the device being added to an accumulator: what is
/// over a bound is left out, deterministically (earliest first), and counted.
///
/// Scratch owned by one accumulator and reset per device, so nothing allocates per device
/// once the buffers have grown.
struct DeviceContributionLimiter: Sendable {
    let bounds: ContributionBounds
    let calendar: ServiceCalendar
    private var days: [DayUse] = []
    private var cells: Set<StationEventCell> = []
    /// Journeys left out (over `journeysPerDay`).
    var clippedJourneys = 0
    /// Presence, pass-through and interchange cells left out.
    var clippedCells = 0

    /// Station-bin cells a device feeds once each.
    enum Kind: UInt8 { case presence, entry, exit, interchange, passThrough }

    private struct DayUse {
        var day: Int64
        var journeys = 0
        var presence = 0
        var interchanges = 0
        var passThroughs = 0
    }

    private struct StationEventCell: Hashable {
        var binStart: Int64
        var station: StationID
        var kind: Kind
    }

    init(bounds: ContributionBounds, calendar: ServiceCalendar) {
        self.bounds = bounds
        self.calendar = calendar
    }

    /// Forgets the previous device.
    mutating func reset() {
        days.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
    }

    private mutating func dayIndex(of time: Int64) -> Int {
        let day = calendar.serviceDayStart(of: time)
        if let i = days.firstIndex(where: { $0.day == day }) { return i }
        days.append(DayUse(day: day))
        return days.count - 1
    }

    /// Whether a journey starting at `entryTime` counts (the first `journeysPerDay` of its day).
    mutating func admitJourney(at entryTime: Int64) -> Bool {
        let d = dayIndex(of: entryTime)
        guard days[d].journeys < bounds.journeysPerDay else { clippedJourneys += 1; return false }
        days[d].journeys += 1
        return true
    }

    /// Whether the device's `kind` cell at `station` in the bin starting at `binStart` counts:
    /// once per cell, and within the day's bound for the kind.
    mutating func admit(_ kind: Kind, station: StationID, binStart: Int64) -> Bool {
        let cell = StationEventCell(binStart: binStart, station: station, kind: kind)
        if cells.contains(cell) { return kind == .presence }
        let d = dayIndex(of: binStart)
        switch kind {
        case .presence:
            guard days[d].presence < bounds.presenceCellsPerDay else { clippedCells += 1; return false }
            days[d].presence += 1
        case .interchange:
            guard days[d].interchanges < bounds.interchangesPerDay else { clippedCells += 1; return false }
            days[d].interchanges += 1
        case .passThrough:
            guard days[d].passThroughs < bounds.passThroughsPerDay else { clippedCells += 1; return false }
            days[d].passThroughs += 1
        case .entry, .exit:
            break  // at most one per admitted journey already
        }
        cells.insert(cell)
        return true
    }
}
