import ThrongCore
import ThrongIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RunState {
    /// Simulates one service day and writes every event file that can no longer change.
    mutating func simulate(_ day: SimDay) throws(SimulatorError) {
        let config = sim.config
        let threads = config.threads
        let stationCount = sim.network.stations.count
        let sampler = sim.sampler
        var stopwatch = Stopwatch()
        // 1. Demand.
        let perOrigin: [[PlannedJourney]] = Parallel.map(stationCount, threads: threads) { o in
            sampler.journeys(origin: StationID(UInt16(o)), day: day)
        }
        var journeys: [PlannedJourney] = []
        journeys.reserveCapacity(perOrigin.reduce(0) { $0 + $1.count })
        for list in perOrigin { journeys.append(contentsOf: list) }
        var pairIndex = [Int](repeating: -1, count: journeys.count)
        if case .event(let event) = config.scenario, event.dayIndex == day.index, let venue {
            let window = config.windowMinutes
            for (outbound, back, k) in sampler.eventJourneys(event, venue: venue, day: day) {
                for j in [outbound, back] where window.contains(Int(j.localMinute)) && j.origin != j.destination {
                    journeys.append(j)
                    pairIndex.append(k)
                }
            }
        }
        var dayCounters = Counters()
        dayCounters.journeysDrawn = journeys.count
        // 2. People.
        population.assign(&journeys, eventPairIndex: pairIndex, day: day)
        stopwatch.lap("demand")
        // 3. Routes.
        routes.ensure(journeys.lazy.map { RouteTable.Key(origin: $0.origin, destination: $0.destination, band: $0.band) }, threads: threads)
        var reroutedSets = Set<Int32>()
        if baseline != nil, let closed {
            baseline!.ensure(journeys.lazy.map { RouteTable.Key(origin: $0.origin, destination: $0.destination, band: $0.band) }, threads: threads)
            for (i, set) in baseline!.sets.enumerated() {
                guard let best = set.options.first else { continue }
                let crosses = best.legs.contains { leg in
                    guard case .ride(let line, _, let stations) = leg, line == closed.line else { return false }
                    return zip(stations, stations.dropFirst()).contains { closed.pairs.contains([$0.rawValue, $1.rawValue]) }
                }
                if crosses { reroutedSets.insert(Int32(i)) }
            }
        }
        var routed: [PlannedJourney] = []
        routed.reserveCapacity(journeys.count)
        for var j in journeys {
            let key = RouteTable.Key(origin: j.origin, destination: j.destination, band: j.band)
            guard let i = routes.index(key), !routes.sets[Int(i)].options.isEmpty else { dayCounters.journeysUnserved += 1; continue }
            if routes.sets[Int(i)].wifiProbability == 0 { dayCounters.journeysInvisible += 1; continue }
            j.routeSet = i
            if let b = baseline?.index(key), reroutedSets.contains(b) { j.rerouted = true }
            routed.append(j)
        }
        journeys = []
        stopwatch.lap("routes")
        // 4. Journeys and noise, in parallel work items with their own random streams.
        let worker = JourneyWorker(network: sim.network, plan: sim.wifi, routes: routes.sets, population: population,
                                   config: config, tracer: tracer, window: emitWindow, scenarioFlag: scenarioFlag)
        let chunkCount = (routed.count + JourneyWorker.chunkSize - 1) / JourneyWorker.chunkSize
        let noise = noiseWorker
        let stationsWithWifi = sim.wifi.stations.count
        let input = routed
        let results: [WorkResult] = Parallel.map(chunkCount + stationsWithWifi, threads: threads) { i in
            if i < chunkCount {
                let lo = i * JourneyWorker.chunkSize
                return worker.run(input[lo..<min(input.count, lo + JourneyWorker.chunkSize)], day: day, chunk: i)
            }
            return noise.run(stationIndex: i - chunkCount, day: day)
        }
        routed = []
        stopwatch.lap("trace")
        // 5. Merge counters, devices, truth.
        var dayPeople = BitSet(size: population.count)
        var dayPassers = BitSet(size: max(1, noiseWorker.passerPoolSize.reduce(0, +)))
        var dayDevices = 0
        for r in results {
            dayCounters.add(r.counters)
            for p in r.seenPeople {
                seenPeople.insert(Int(p))
                if dayPeople.insert(Int(p)) { dayDevices += 1 }
            }
            for p in r.listedPeople { listedPeople.insert(Int(p)) }
            for (kind, index) in r.seenNoise {
                switch kind {
                case .staff: seenStaff.insert(Int(index)); dayDevices += 1
                case .retail: seenRetail.insert(Int(index)); dayDevices += 1
                case .passerBy:
                    seenPassers.insert(Int(index))
                    if dayPassers.insert(Int(index)) { dayDevices += 1 }
                case .passenger: break
                }
            }
            aliases.append(contentsOf: r.aliases)
            dayDevices += r.aliases.count
            if !r.truth.isEmpty, truth != nil {
                do {
                    try truth!.write(bytes: r.truth)
                } catch {
                    throw SimulatorError(.outputFailed, "writing truth/journeys.csv.zst failed", cause: error)
                }
            }
        }
        counters.add(dayCounters)
        summary.days.append(.init(date: day.date.description, dayType: day.dayType.rawValue, events: dayCounters.lines,
                                  journeys: dayCounters.journeysSimulated, detectableJourneys: dayCounters.journeysDetectable,
                                  devices: dayDevices))
        stopwatch.lap("merge+truth")
        // 6. Bucket events by (delivery hour, controller) and write finished hours.
        let controllers = sim.wifi.controllerCount
        let ctrlOfAP = sim.wifi.controllerOfAP
        for r in results {
            for e in r.events {
                let hour = Int((e.delivery - baseMs) / 3_600_000)
                carry[hour * controllers + Int(ctrlOfAP[Int(e.ap)]), default: []].append(e)
            }
        }
        // Day d+1's earliest event: its window start minus the largest skew, minus a minute.
        let next = day.localMidnight + 86_400_000 + Int64(config.windowStartMinute) * 60_000
        let earliest = next - sim.timeZone.offsetMillis(at: next) - Int64(config.noise.maxClockSkewSeconds * 1000) - 60_000
        let limitHour = Int((earliest - baseMs) / 3_600_000)
        try flush(beforeHour: limitHour)
        stopwatch.lap("write")
        lastDayLine = "\(dayCounters.journeysSimulated) journeys, \(dayCounters.lines) events, \(dayDevices) devices [\(stopwatch.report)]"
    }

    var scenarioFlag: String {
        switch sim.config.scenario {
        case .normal: ""
        case .closure: "closure"
        case .event: "scenario-event"
        }
    }

    /// Sorts, formats and writes every carried bucket whose hour is before `beforeHour`.
    mutating func flush(beforeHour: Int) throws(SimulatorError) {
        let controllers = sim.wifi.controllerCount
        let keys = carry.keys.filter { $0 / controllers < beforeHour }.sorted()
        guard !keys.isEmpty else { return }
        var jobs: [(path: String, events: [SimEvent])] = []
        for key in keys {
            let hourStart = baseMs + Int64(key / controllers) * 3_600_000
            let date = CivilDate(daysSinceEpoch: Int(hourStart / 86_400_000))
            let hour = Int(hourStart % 86_400_000 / 3_600_000)
            let dir = out + "/events/" + date.description
            try makeDirectory(dir)
            let name = WifiPlan.controllerName(key % controllers) + "-h" + (hour < 10 ? "0\(hour)" : "\(hour)") + ".csv.zst"
            jobs.append((dir + "/" + name, carry.removeValue(forKey: key)!))
        }
        let formatter = self.formatter
        let jobList = jobs
        let level = sim.config.output.zstdLevel
        jobs = []
        let written: [Result<(Int, Int), SimulatorError>] = Parallel.map(jobList.count, threads: sim.config.threads) { i in
            let path = jobList[i].path
            var events = jobList[i].events
            events.sort(by: SimEvent.precedes)
            var bytes = EventFormatter.header
            formatter.format(events, into: &bytes)
            do {
                var w = try ZstdWriter(path: path, level: level)
                try w.write(bytes: bytes)
                try w.finish()
                return .success((bytes.count, Self.fileSize(path)))
            } catch {
                return .failure(SimulatorError(.outputFailed, "writing \(path) failed", cause: error))
            }
        }
        for r in written {
            let (raw, compressed) = try r.get()
            summary.files.eventFiles += 1
            summary.files.eventBytes += raw
            summary.files.eventBytesCompressed += compressed
        }
    }

    static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }
}
