import ThrongCore

/// Resident and passing devices at one wifi station for one day.
///
/// - Staff: `round(staffPerStation)` a day, drawn from a persistent pool of twice that many
///   per station; a shift of `staffShiftHours` starting uniformly 05:00–15:00; a ping every
///   `staffPingSeconds` at a random AP of the station.
/// - Retail: `round(retailPerStation)` fixed devices, 06:00–22:00, pinging an entrance or
///   ticket-hall AP every `retailPingSeconds`.
/// - Passers-by: Poisson(`passerByRate` × the station's expected entries), each pinged once at
///   an entrance at a time drawn from the entry profile; drawn from a persistent per-station
///   pool of `passerByPoolFactor` × the Monday–Thursday count.
struct NoiseWorker: Sendable {
    let plan: WifiPlan
    let config: SimulationConfig
    let sampler: DemandSampler
    let window: Range<Int64>
    /// Expected entries a day at each wifi station (index in `plan.stations`), Mon–Thu, whole day.
    let passerPoolOffset: [Int]
    let passerPoolSize: [Int]
    let timeZone: TimeZoneRule

    var staffPerDay: Int { Int(config.noise.staffPerStation.rounded()) }
    var retailCount: Int { Int(config.noise.retailPerStation.rounded()) }

    func run(stationIndex k: Int, day: SimDay) -> WorkResult {
        let station = plan.stations[k]
        let aps = plan.aps[station.index]
        var sink = EventSink(controllerOfAP: plan.controllerOfAP, skewMs: plan.skewMs, noise: config.noise,
                             isoFraction: config.output.isoFraction, window: window)
        var result = WorkResult()
        let all = aps.all
        let front = aps.entrances + aps.ticketHalls
        let dayWindow = config.windowMinutes
        func utc(_ minute: Double) -> Int64 {
            let local = day.localMidnight + Int64(minute * 60_000)
            return local - timeZone.offsetMillis(at: local)
        }
        // Staff.
        var rng = SimRandom(seed: config.seed, stream: Streams.staff, UInt64(day.index), UInt64(station.index))
        if staffPerDay > 0 && !all.isEmpty {
            let pool = 2 * staffPerDay
            let perm = AffinePermutation(n: pool, rng: &rng)
            for s in 0..<staffPerDay {
                let index = UInt32(k * pool + perm(s))
                let token = Tokens.value(seed: config.seed, kind: .staff, index: UInt64(index))
                var minute = rng.uniform(300, 900)
                let end = minute + config.noise.staffShiftHours * 60
                var n = 0
                while minute < end {
                    if dayWindow.contains(Int(minute)) {
                        let ap = all[rng.below(all.count)]
                        if sink.emit(ms: utc(minute), ap: ap, token: token, kind: .staff, rng: &rng) { n += 1 }
                    }
                    minute += rng.uniform(config.noise.staffPingSeconds.lowerBound, config.noise.staffPingSeconds.upperBound) / 60
                }
                if n > 0 { result.seenNoise.append((.staff, index)) }
            }
        }
        // Retail.
        rng = SimRandom(seed: config.seed, stream: Streams.retail, UInt64(day.index), UInt64(station.index))
        if retailCount > 0 && !front.isEmpty {
            for r in 0..<retailCount {
                let index = UInt32(k * retailCount + r)
                let token = Tokens.value(seed: config.seed, kind: .retail, index: UInt64(index))
                let ap = front[Int(index) % front.count]
                var minute = 360 + rng.uniform(0, 10)
                var n = 0
                while minute < 1320 {
                    if dayWindow.contains(Int(minute)), sink.emit(ms: utc(minute), ap: ap, token: token, kind: .retail, rng: &rng) { n += 1 }
                    minute += rng.uniform(config.noise.retailPingSeconds.lowerBound, config.noise.retailPingSeconds.upperBound) / 60
                }
                if n > 0 { result.seenNoise.append((.retail, index)) }
            }
        }
        // Passers-by.
        rng = SimRandom(seed: config.seed, stream: Streams.passerBy, UInt64(day.index), UInt64(station.index))
        if config.noise.passerByRate > 0 && !aps.entrances.isEmpty && passerPoolSize[k] > 0 {
            let expected = config.noise.passerByRate * sampler.expectedJourneys(origin: station, dayType: day.dayType)
            let n = rng.poisson(expected)
            let (quarters, _) = sampler.windowQuarters(station, day.dayType)
            var cumulative: [Double] = []
            var acc = 0.0
            for q in quarters { acc += q.1; cumulative.append(acc) }
            if acc > 0 {
                for _ in 0..<n {
                    let u = rng.unit() * acc
                    var lo = 0, hi = cumulative.count - 1
                    while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] > u { hi = mid } else { lo = mid + 1 } }
                    let minute = rng.uniform(quarters[lo].2.lowerBound, quarters[lo].2.upperBound)
                    let index = UInt32(passerPoolOffset[k] + rng.below(passerPoolSize[k]))
                    let token = Tokens.value(seed: config.seed, kind: .passerBy, index: UInt64(index))
                    let ap = aps.entrances[rng.below(aps.entrances.count)]
                    if sink.emit(ms: utc(minute), ap: ap, token: token, kind: .passerBy, rng: &rng) {
                        result.seenNoise.append((.passerBy, index))
                    }
                }
            }
        }
        result.events = sink.events
        result.counters.add(sink.counters)
        return result
    }
}
