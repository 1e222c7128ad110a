import ThrongCore

/// Simulates a chunk of a day's journeys: route choice, timing, pings, MAC changes, truth rows.
struct JourneyWorker: Sendable {
    let network: Network
    let plan: WifiPlan
    let routes: [RouteSet]
    let population: Population
    let config: SimulationConfig
    let tracer: JourneyTracer
    let window: Range<Int64>
    let scenarioFlag: String

    static let chunkSize = 2048

    func run(_ journeys: ArraySlice<PlannedJourney>, day: SimDay, chunk: Int) -> WorkResult {
        var rng = SimRandom(seed: config.seed, stream: Streams.journeyChunk, UInt64(day.index), UInt64(chunk))
        var sink = EventSink(controllerOfAP: plan.controllerOfAP, skewMs: plan.skewMs, noise: config.noise,
                             isoFraction: config.output.isoFraction, window: window)
        var result = WorkResult()
        var pings: [JourneyTracer.Ping] = []
        let dateText = day.date.description
        let dayTag = String(dateText.filter { $0 != "-" })
        var serial = chunk * Self.chunkSize
        for j in journeys {
            serial += 1
            let set = routes[Int(j.routeSet)]
            let option = set.options[set.choose(&rng)]
            guard option.touchesWifi else { sink.counters.journeysInvisible += 1; continue }
            sink.counters.journeysSimulated += 1
            if j.kind != .normal { sink.counters.eventJourneys += 1 }
            let detectable = population.isDetectable(j.person)
            if detectable { sink.counters.journeysDetectable += 1 }
            pings.removeAll(keepingCapacity: true)
            let band = RouteTable.bands[Int(j.band)]
            let exitMs = tracer.trace(option.legs, departMs: j.departMs, band: band, rng: &rng, pings: &pings)
            let base = population.token(j.person)
            var tokens = Tokens.hex(base)
            var flags: [String] = []
            if detectable {
                pings.sort { $0.ms < $1.ms }
                var alias: UInt64?
                var changeAt = Int.max
                if pings.count >= 2, rng.chance(config.noise.macChangeRate) {
                    changeAt = 1 + rng.below(pings.count - 1)
                    let a = Tokens.value(seed: config.seed, kind: .alias, index: UInt64(day.index) << 40 | UInt64(serial))
                    alias = a
                }
                var emitted = 0
                var aliasUsed = false
                for (k, p) in pings.enumerated() {
                    let token = k >= changeAt ? alias! : base
                    if sink.emit(ms: p.ms, ap: p.ap, token: token, kind: .passenger, rng: &rng) {
                        emitted += 1
                        if k >= changeAt { aliasUsed = true }
                        let extra = rng.poisson(config.pings.burstExtraMean)
                        var t = p.ms
                        for _ in 0..<extra {
                            t += Int64(rng.uniform(500, 8_000))
                            sink.emit(ms: t, ap: p.ap, token: token, kind: .passenger, rng: &rng)
                        }
                    }
                }
                if emitted > 0 {
                    sink.counters.journeysWithEvents += 1
                    result.seenPeople.append(j.person)
                }
                if let alias, aliasUsed {
                    sink.counters.tokenChanges += 1
                    result.aliases.append((alias, j.person))
                    tokens += ";" + Tokens.hex(alias)
                    flags.append("token-change")
                }
            } else {
                flags.append("undetectable")
            }
            switch j.kind {
            case .normal: break
            case .eventOutbound: flags.append("event-outbound")
            case .eventReturn: flags.append("event-return")
            }
            if !scenarioFlag.isEmpty { flags.append(scenarioFlag) }
            if j.rerouted { flags.append("rerouted"); sink.counters.journeysRerouted += 1 }
            guard config.output.truth == .all || (config.output.truth == .detectable && detectable) else { continue }
            sink.counters.journeysInTruth += 1
            result.listedPeople.append(j.person)
            let o = network.stations[Int(j.origin)].naptan, d = network.stations[Int(j.destination)].naptan
            let row = "J\(dayTag)-\(serial),\(tokens),\(o),\(d),\(j.departMs),\(exitMs),"
                + "\(CSVText.field(option.path)),\(CSVText.field(option.name)),\(dateText),\(flags.joined(separator: ";")),"
                + "\(CSVText.field(option.riddenPath))\n"
            result.truth.append(contentsOf: row.utf8)
        }
        result.events = sink.events
        result.counters.add(sink.counters)
        return result
    }
}

/// Minimal CSV quoting for truth files.
enum CSVText {
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        var out = "\""
        for c in s { if c == "\"" { out += "\"\"" } else { out.append(c) } }
        return out + "\""
    }
}
