import ThrongCore

/// An event as it will be written: the controller's timestamp is `delivery − lag`.
struct SimEvent: Sendable {
    /// When the controller delivered it (its own clock), epoch ms; decides the hour file.
    var delivery: Int64
    var token: UInt64
    var ap: UInt32
    /// Delivery lag in ms (bits 0…30); bit 31 = write the timestamp as ISO-8601.
    var lagAndFlags: UInt32

    var timestamp: Int64 { delivery - Int64(lagAndFlags & 0x7FFF_FFFF) }
    var iso: Bool { lagAndFlags & 0x8000_0000 != 0 }

    /// The total order of lines within a file.
    static func precedes(_ a: SimEvent, _ b: SimEvent) -> Bool {
        if a.delivery != b.delivery { return a.delivery < b.delivery }
        if a.token != b.token { return a.token < b.token }
        if a.ap != b.ap { return a.ap < b.ap }
        return a.lagAndFlags < b.lagAndFlags
    }
}

/// Who produced an event, for the summary.
enum EventKind: Int, Sendable { case passenger = 0, staff, retail, passerBy }

/// Counters of one day (or one work item), summed into the summary.
struct Counters: Sendable {
    var eventsByKind = [Int](repeating: 0, count: 4)
    var duplicates = 0
    var late = 0
    var iso = 0
    var journeysDrawn = 0
    var journeysUnserved = 0
    var journeysInvisible = 0
    var journeysSimulated = 0
    var journeysDetectable = 0
    var journeysWithEvents = 0
    var journeysInTruth = 0
    var eventJourneys = 0
    var tokenChanges = 0
    var journeysRerouted = 0
    var noiseDevices = [Int](repeating: 0, count: 4)

    /// Lines written (events including duplicates).
    var lines: Int { eventsByKind.reduce(0, +) + duplicates }

    mutating func add(_ o: Counters) {
        for i in 0..<4 { eventsByKind[i] += o.eventsByKind[i]; noiseDevices[i] += o.noiseDevices[i] }
        duplicates += o.duplicates; late += o.late; iso += o.iso
        journeysDrawn += o.journeysDrawn; journeysUnserved += o.journeysUnserved; journeysInvisible += o.journeysInvisible
        journeysSimulated += o.journeysSimulated; journeysDetectable += o.journeysDetectable
        journeysWithEvents += o.journeysWithEvents; journeysInTruth += o.journeysInTruth
        eventJourneys += o.eventJourneys; tokenChanges += o.tokenChanges
        journeysRerouted += o.journeysRerouted
    }
}

/// Collects one work item's events, applying controller skew, delivery delay, duplicates
/// and the ISO-timestamp choice.
struct EventSink {
    let controllerOfAP: [Int32]
    let skewMs: [Int64]
    let noise: NoiseModel
    let isoFraction: Double
    let window: Range<Int64>
    var events: [SimEvent] = []
    var counters = Counters()

    /// Emits an event at true time `ms`; returns whether it was written (wifi AP, inside the window).
    @discardableResult
    mutating func emit(ms: Int64, ap: AccessPointID, token: UInt64, kind: EventKind, rng: inout SimRandom) -> Bool {
        let c = Int(controllerOfAP[ap.index])
        guard c >= 0, window.contains(ms) else { return false }
        let ts = ms + skewMs[c]
        var lag: Int64
        if rng.chance(noise.lateRate) {
            lag = Int64(rng.uniform(60_000, 1_200_000))
            counters.late += 1
        } else {
            lag = Int64(rng.uniform(0, 3_000))
        }
        var flags: UInt32 = 0
        if rng.chance(isoFraction) { flags = 0x8000_0000; counters.iso += 1 }
        events.append(SimEvent(delivery: ts + lag, token: token, ap: ap.rawValue, lagAndFlags: UInt32(lag) | flags))
        counters.eventsByKind[kind.rawValue] += 1
        if rng.chance(noise.duplicateRate) {
            lag += Int64(rng.uniform(0, 2_000))
            events.append(SimEvent(delivery: ts + lag, token: token, ap: ap.rawValue, lagAndFlags: UInt32(lag) | flags))
            counters.duplicates += 1
            if flags != 0 { counters.iso += 1 }
        }
        return true
    }
}
