/// Enforces ``ContributionBounds`` on the device being added to an accumulator: what is
/// over a bound is left out, deterministically (earliest first), and counted.
///
/// The bounds are per device as the accumulator sees it. A private batch run makes that the
/// device-day: it keys each device's events per service day before reconstruction, so one
/// device's day is reconstructed, classified and bounded on its own.
///
/// Scratch owned by one accumulator and reset per device, so nothing allocates per device
/// once the buffers have grown.
struct DeviceContributionLimiter: Sendable {
    let bounds: ContributionBounds
    private var journeys = 0
    private var presence = 0
    private var interchanges = 0
    private var passThroughs = 0
    private var cells: Set<StationEventCell> = []

    /// What happens to one contribution.
    enum Admission {
        /// It counts.
        case counted
        /// The device already counted in this cell (not a clipping).
        case repeated
        /// Over a bound: left out and counted as clipped.
        case clipped
    }

    /// Station-bin cells a device feeds once each.
    enum Kind: UInt8 { case presence, entry, exit, interchange, passThrough }

    private struct StationEventCell: Hashable {
        var binStart: Int64
        var station: StationID
        var kind: Kind
    }

    init(bounds: ContributionBounds) {
        self.bounds = bounds
    }

    /// Forgets the previous device.
    mutating func reset() {
        journeys = 0
        presence = 0
        interchanges = 0
        passThroughs = 0
        cells.removeAll(keepingCapacity: true)
    }

    /// Whether the device's next journey counts (the first `journeysPerDay`).
    mutating func admitJourney() -> Bool {
        guard journeys < bounds.journeysPerDay else { return false }
        journeys += 1
        return true
    }

    /// Whether the device's `kind` cell at `station` in the bin starting at `binStart` counts:
    /// once per cell, and within the device's bound for the kind.
    /// Presence marks of an admitted cell (platform and concourse) all count; station events
    /// count once per cell.
    mutating func admit(_ kind: Kind, station: StationID, binStart: Int64) -> Admission {
        let cell = StationEventCell(binStart: binStart, station: station, kind: kind)
        if cells.contains(cell) { return kind == .presence ? .counted : .repeated }
        switch kind {
        case .presence:
            guard presence < bounds.presenceCellsPerDay else { return .clipped }
            presence += 1
        case .interchange:
            guard interchanges < bounds.interchangesPerDay else { return .clipped }
            interchanges += 1
        case .passThrough:
            guard passThroughs < bounds.passThroughsPerDay else { return .clipped }
            passThroughs += 1
        case .entry, .exit:
            break  // at most one per admitted journey already
        }
        cells.insert(cell)
        return .counted
    }
}
