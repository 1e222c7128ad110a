import ThrongCore

/// A journey drawn from demand, before its route and pings are simulated.
struct PlannedJourney: Sendable {
    /// Normal demand, outbound to a stadium event, or back from it.
    enum Kind: UInt8, Sendable { case normal = 0, eventOutbound = 1, eventReturn = 2 }

    var origin: UInt16
    var destination: UInt16
    /// Departure from the origin's street entrance, epoch ms (UTC).
    var departMs: Int64
    /// Minutes after local midnight of the service date at departure.
    var localMinute: Int32
    var person: UInt32 = 0
    var kind: Kind = .normal
    /// 0 = AM peak, 1 = inter-peak (index into `RouteTable.bands`).
    var band: UInt8 = 1
    /// Index into the route table; -1 = no route.
    var routeSet: Int32 = -1
    /// Closure scenario: the best route on the intact network rides the closed section.
    var rerouted = false
}

/// One simulated service day.
struct SimDay: Sendable {
    var index: Int
    var date: CivilDate
    var dayType: DayType
    /// Epoch ms of 00:00 of `date` read as if local time were UTC (local wall clock).
    var localMidnight: Int64
}

/// A random permutation of `0..<n` of the form `k ↦ (a·k + c) mod n` with gcd(a, n) = 1.
struct AffinePermutation: Sendable {
    let n: UInt64, a: UInt64, c: UInt64
    init(n: Int, rng: inout SimRandom) {
        self.n = UInt64(max(n, 1))
        var a = UInt64(1)
        if n > 2 {
            repeat { a = 1 + rng.next() % (self.n - 1) } while Self.gcd(a, self.n) != 1
        }
        self.a = a
        c = n > 1 ? rng.next() % self.n : 0
    }
    static func gcd(_ x: UInt64, _ y: UInt64) -> UInt64 { y == 0 ? x : gcd(y, x % y) }
    func callAsFunction(_ k: Int) -> Int {
        Int((a.multipliedFullWidth(by: UInt64(k) % n).low % n &+ c) % n)
    }
}
