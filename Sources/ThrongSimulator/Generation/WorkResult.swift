/// What one work item (a chunk of journeys, or one station's noise devices) produced.
struct WorkResult: Sendable {
    var events: [SimEvent] = []
    var counters = Counters()
    /// CSV rows for `truth/journeys.csv`.
    var truth: [UInt8] = []
    /// People whose devices appear in the truth (any journey listed).
    var listedPeople: [UInt32] = []
    /// People whose devices produced at least one event.
    var seenPeople: [UInt32] = []
    /// Noise devices that produced events: (kind, index within kind).
    var seenNoise: [(EventKind, UInt32)] = []
    /// MAC-randomised tokens: (alias token, person).
    var aliases: [(UInt64, UInt32)] = []
}
