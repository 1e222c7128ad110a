import ThrongCore

/// The persistent population (see ``PopulationModel``): person indices
/// `[0, R)` regulars, `[R, R+O)` occasional travellers, `[R+O, R+O+E)` event visitors.
struct Population: Sendable {
    let regulars: Int
    let occasionals: Int
    let eventVisitors: Int
    let seed: UInt64
    let deviceRate: Double
    let model: PopulationModel

    var count: Int { regulars + occasionals + eventVisitors }

    init(model: PopulationModel, referenceJourneys: Double, eventPairs: Double, deviceRate: Double, seed: UInt64) {
        self.model = model
        regulars = max(2, Int((model.regularShare * referenceJourneys / model.regularJourneysPerDay).rounded()))
        occasionals = max(2, Int((model.occasionalPoolDays * (1 - model.regularShare) * referenceJourneys).rounded()))
        eventVisitors = eventPairs > 0 ? max(2, Int((2 * eventPairs).rounded())) : 0
        self.deviceRate = deviceRate
        self.seed = seed
    }

    /// Whether a person's device is detectable (a fixed property of the person).
    func isDetectable(_ person: UInt32) -> Bool {
        Double(SplitMix64.derive(seed, Streams.detectable, UInt64(person)) >> 11) * 0x1.0p-53 < deviceRate
    }

    /// A person's device token value (printed as 16 hex digits).
    func token(_ person: UInt32) -> UInt64 { Tokens.value(seed: seed, kind: .passenger, index: UInt64(person)) }

    /// Assigns people to a day's journeys in order. Event pairs get visitors `base + perm(k)`.
    func assign(_ journeys: inout [PlannedJourney], eventPairIndex: [Int], day: SimDay) {
        var rng = SimRandom(seed: seed, stream: Streams.person, UInt64(day.index))
        var counters = [Int](repeating: 0, count: 32)
        var perms: [AffinePermutation?] = [AffinePermutation?](repeating: nil, count: 32)
        let halfR = regulars / 2, halfO = occasionals / 2
        var eventPerm: AffinePermutation?
        if eventVisitors > 0 {
            var r = SimRandom(seed: seed, stream: Streams.permutation, UInt64(day.index), 999)
            eventPerm = AffinePermutation(n: eventVisitors, rng: &r)
        }
        for i in journeys.indices {
            if journeys[i].kind != .normal, let eventPerm {
                journeys[i].person = UInt32(regulars + occasionals + eventPerm(eventPairIndex[i]))
                continue
            }
            let block = min(7, max(0, (Int(journeys[i].localMinute) - 300) / 180))
            let half = block % 2
            let regular = rng.chance(model.regularShare)
            let slot = block * 2 + (regular ? 0 : 1)
            if perms[slot] == nil {
                var r = SimRandom(seed: seed, stream: Streams.permutation, UInt64(day.index), UInt64(slot))
                perms[slot] = AffinePermutation(n: regular ? (half == 0 ? halfR : regulars - halfR) : (half == 0 ? halfO : occasionals - halfO), rng: &r)
            }
            let k = perms[slot]!(counters[slot])
            counters[slot] += 1
            let base = regular ? (half == 0 ? 0 : halfR) : regulars + (half == 0 ? 0 : halfO)
            journeys[i].person = UInt32(base + k)
        }
    }
}

/// Device token values: a 64-bit hash of (seed, kind, index), printed as 16 lowercase hex digits.
enum Tokens {
    enum Kind: UInt64 { case passenger = 1, staff = 2, retail = 3, passerBy = 4, alias = 5 }

    static func value(seed: UInt64, kind: Kind, index: UInt64) -> UInt64 {
        SplitMix64.derive(seed, Streams.token, kind.rawValue, index)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func hex(_ v: UInt64) -> String {
        var s = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 { s[i] = hexDigits[Int((v >> (60 - 4 * UInt64(i))) & 15)] }
        return String(decoding: s, as: UTF8.self)
    }
}
