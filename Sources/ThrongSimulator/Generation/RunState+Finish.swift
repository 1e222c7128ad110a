import ThrongCore
import ThrongIO
import Foundation

extension RunState {
    /// Writes the remaining event files, the device list and `summary.json`.
    consuming func finish() throws(SimulatorError) -> SimulationSummary {
        try flush(beforeHour: Int.max)
        if truth != nil {
            let w = truth.take()!
            do { try w.finish() } catch { throw SimulatorError(.outputFailed, "finishing truth/journeys.csv.zst failed", cause: error) }
        }
        try writeDevices()
        var s = summary
        let c = counters
        s.events.lines = c.lines
        s.events.passenger = c.eventsByKind[EventKind.passenger.rawValue]
        s.events.staff = c.eventsByKind[EventKind.staff.rawValue]
        s.events.retail = c.eventsByKind[EventKind.retail.rawValue]
        s.events.passerBy = c.eventsByKind[EventKind.passerBy.rawValue]
        s.events.duplicates = c.duplicates
        s.events.late = c.late
        s.events.isoTimestamps = c.iso
        s.devices.passenger = seenPeople.count
        s.devices.aliases = aliases.count
        s.devices.staff = seenStaff.count
        s.devices.retail = seenRetail.count
        s.devices.passerBy = seenPassers.count
        s.devices.distinct = seenPeople.count + aliases.count + seenStaff.count + seenRetail.count + seenPassers.count
        s.journeys.drawn = c.journeysDrawn
        s.journeys.unserved = c.journeysUnserved
        s.journeys.invisible = c.journeysInvisible
        s.journeys.simulated = c.journeysSimulated
        s.journeys.detectable = c.journeysDetectable
        s.journeys.withEvents = c.journeysWithEvents
        s.journeys.inTruth = c.journeysInTruth
        s.journeys.stadiumEvent = c.eventJourneys
        s.journeys.tokenChanges = c.tokenChanges
        s.journeys.rerouted = c.journeysRerouted
        s.files.truthBytesCompressed = Self.fileSize(out + "/truth/journeys.csv.zst") + Self.fileSize(out + "/truth/devices.csv.zst")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            let data = try encoder.encode(s)
            try data.write(to: URL(fileURLWithPath: out + "/summary.json"))
        } catch {
            throw SimulatorError(.outputFailed, "cannot write summary.json", cause: SimpleError(message: "\(error)"))
        }
        return s
    }

    /// `truth/devices.csv.zst`: `token,kind,detectable,alias_of`, people first (by index), then
    /// aliases (in order of appearance), staff, retail and passers-by.
    func writeDevices() throws(SimulatorError) {
        let path = out + "/truth/devices.csv.zst"
        var buffer: [UInt8] = Array("token,kind,detectable,alias_of\n".utf8)
        do {
            var w = try ZstdWriter(path: path, level: sim.config.output.zstdLevel)
            func row(_ token: UInt64, _ kind: String, _ detectable: Bool, _ alias: UInt64?, _ w: inout ZstdWriter) throws(ThrongIOError) {
                buffer.append(contentsOf: Tokens.hex(token).utf8)
                buffer.append(contentsOf: ",\(kind),\(detectable ? "true" : "false"),".utf8)
                if let alias { buffer.append(contentsOf: Tokens.hex(alias).utf8) }
                buffer.append(0x0A)
                if buffer.count > 1 << 20 { try flush(&w) }
            }
            func flush(_ w: inout ZstdWriter) throws(ThrongIOError) {
                try w.write(bytes: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            for p in 0..<population.count where listedPeople.contains(p) || seenPeople.contains(p) {
                try row(population.token(UInt32(p)), "passenger", population.isDetectable(UInt32(p)), nil, &w)
            }
            for (alias, person) in aliases {
                try row(alias, "passenger", true, population.token(person), &w)
            }
            let seed = sim.config.seed
            let noiseSets: [(BitSet, Tokens.Kind, String)] = [(seenStaff, .staff, "staff"), (seenRetail, .retail, "retail"), (seenPassers, .passerBy, "passer-by")]
            for (set, kind, name) in noiseSets {
                var i = 0
                let end = set.words.count * 64
                while i < end {
                    if set.contains(i) { try row(Tokens.value(seed: seed, kind: kind, index: UInt64(i)), name, true, nil, &w) }
                    i += 1
                }
            }
            try flush(&w)
            try w.finish()
        } catch {
            throw SimulatorError(.outputFailed, "writing \(path) failed", cause: error)
        }
    }
}

extension SimulationConfig {
    /// The options as text, for `summary.json`.
    func describe() -> [String: String] {
        var d: [String: String] = [
            "seed": "\(seed)", "start_date": startDate.description, "days": "\(days)",
            "window_start_minute": "\(windowStartMinute)", "window_hours": "\(windowHours)",
            "scale": "\(scale)", "od_year": "\(odYear)", "wifi": wifi.label, "device_rate": "\(deviceRate)",
            "logit_theta": "\(routeChoice.theta)", "route_limit": "\(routeChoice.limit)",
            "staff_per_station": "\(noise.staffPerStation)", "retail_per_station": "\(noise.retailPerStation)",
            "passer_by_rate": "\(noise.passerByRate)", "passer_by_pool_factor": "\(noise.passerByPoolFactor)",
            "duplicate_rate": "\(noise.duplicateRate)", "mac_change_rate": "\(noise.macChangeRate)",
            "max_clock_skew_s": "\(noise.maxClockSkewSeconds)", "late_rate": "\(noise.lateRate)",
            "regular_share": "\(population.regularShare)", "regular_journeys_per_day": "\(population.regularJourneysPerDay)",
            "occasional_pool_days": "\(population.occasionalPoolDays)",
            "wait_ping_s": "\(pings.waitPingSeconds.lowerBound)-\(pings.waitPingSeconds.upperBound)",
            "dwell_ping": "\(pings.dwell)", "burst_extra_mean": "\(pings.burstExtraMean)", "scenario": scenario.name, "zstd_level": "\(output.zstdLevel)",
            "iso_fraction": "\(output.isoFraction)", "truth": output.truth.rawValue,
            "stations_per_controller": "\(output.stationsPerController)",
        ]
        switch scenario {
        case .normal: break
        case .closure(let c): d["closure"] = c.description
        case .event(let e):
            d["event_station"] = e.station
            d["event_journeys"] = "\(e.journeys)"
            d["event_outbound"] = "\(e.outbound.lowerBound)-\(e.outbound.upperBound)"
            d["event_return"] = "\(e.inbound.lowerBound)-\(e.inbound.upperBound)"
        }
        return d
    }
}
