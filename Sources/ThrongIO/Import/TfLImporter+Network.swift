import ThrongCore

extension TfLImporter {
    /// Stations, lines and links converted from the source, before access points and interchanges.
    struct NetworkParts {
        var lines: [String] = []
        var lineByName: [String: LineID] = [:]
        var stations: [Station] = []
        var stationByNaptan: [String: StationID] = [:]
        var links: [Link] = []
        /// (line, direction) with a link from or to each station, sorted by line then direction.
        var callingDirections: [[(line: LineID, direction: String)]] = []
    }

    /// Stations whose running times were split in proportion to distance in the source (README:
    /// "Wood Lane; Piccadilly at Turnham Green"), as (line, NaPTAN).
    static let splitTimeStops: [(line: String, naptan: String)] = [
        ("Hammersmith & City", "940GZZLUWLA"), ("Circle", "940GZZLUWLA"), ("Piccadilly", "940GZZLUTNG"),
    ]

    /// Link endpoints the source gets wrong, as (line, direction, from, to, corrected to). The
    /// District and the Circle loop (`IR`/`OR`) call at Paddington's Praed Street station
    /// (`940GZZLUPAC`), not at the Hammersmith & City one (`940GZZLUPAH`); the source has their
    /// links from Bayswater and Edgware Road end at `PAH` while the onward links leave from `PAC`,
    /// which would break the trains' continuity.
    static let endpointCorrections: [(line: String, direction: String, from: String, to: String, correctedTo: String)] = [
        ("District", "EB", "940GZZLUBWT", "940GZZLUPAH", "940GZZLUPAC"),
        ("District", "WB", "940GZZLUERC", "940GZZLUPAH", "940GZZLUPAC"),
        ("Circle", "OR", "940GZZLUBWT", "940GZZLUPAH", "940GZZLUPAC"),
        ("Circle", "IR", "940GZZLUERC", "940GZZLUPAH", "940GZZLUPAC"),
    ]

    /// The line whose typical speed estimates missing running times.
    static let estimateLine = "Piccadilly"

    static func buildStationsAndLinks(_ src: TfLSource, report: inout ImportReport) throws(ThrongIOError) -> NetworkParts {
        var parts = NetworkParts()
        // Lines: those with at least one link, in byte order of their names (as NetworkLoader numbers them).
        let lineNames = Set(src.links.map(\.line))
        parts.lines = lineNames.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (i, l) in parts.lines.enumerated() { parts.lineByName[l] = LineID(UInt8(i)) }
        for (i, s) in src.stations.enumerated() {
            guard parts.stationByNaptan[s.naptan] == nil else {
                throw ThrongIOError(.invalidSource, "duplicate naptan \(s.naptan)", file: src.stationsPath, line: s.line)
            }
            parts.stationByNaptan[s.naptan] = StationID(UInt16(i))
        }

        // Links: normalise direction codes, estimate missing times, annotate split times.
        let est = estimator(src.links)
        var calling = [Set<String>](repeating: [], count: src.stations.count)
        var splitCount = 0
        // TfL's loading data lists no Circle link westbound from Edgware Road to Paddington (H&C),
        // though Circle trains from Baker Street run that way to Hammersmith: filled in below.
        let circleHasGap = !src.links.contains(where: { $0.line == "Circle" && $0.direction.uppercased() == "WB" && $0.from == "940GZZLUERC" })
        var circleGapFilled = false
        for r in src.links {
            guard let line = parts.lineByName[r.line] else { continue }
            var toNaptan = r.to
            var notes: [String] = r.note.isEmpty || r.note == "running time unknown" ? [] : [r.note]
            if let fix = endpointCorrections.first(where: {
                $0.line == r.line && $0.direction == r.direction.uppercased() && $0.from == r.from && $0.to == r.to
            }) {
                toNaptan = fix.correctedTo
                notes.append("to_naptan corrected \(fix.to.suffix(3))->\(fix.correctedTo.suffix(3)) (importer: \(r.line) calls at Paddington Praed Street)")
                report.notes.append("links.csv line \(r.fileLine): \(r.line) \(r.direction) \(r.from)→\(r.to) corrected to end at \(fix.correctedTo)")
            }
            guard let from = parts.stationByNaptan[r.from], let to = parts.stationByNaptan[toNaptan] else {
                throw ThrongIOError(.invalidSource, "link between unknown stations \(r.from)→\(r.to)", file: src.linksPath, line: r.fileLine)
            }
            let direction = r.direction.uppercased()
            if direction != r.direction {
                report.notes.append("links.csv line \(r.fileLine): direction \"\(r.direction)\" normalised to \(direction) (\(r.line) \(r.from)→\(r.to))")
            }
            var times: RunningTimes
            var distance = r.distanceKm
            if let u = r.unimpeded, let a = r.amPeak, let p = r.interPeak, u > 0, a > 0, p > 0 {
                times = RunningTimes(unimpeded: u, amPeak: a, interPeak: p)
            } else {
                guard r.line == estimateLine, let est else {
                    throw ThrongIOError(.invalidSource, "running time missing on \(r.line) (only \(estimateLine) gaps are estimated)",
                                        file: src.linksPath, line: r.fileLine)
                }
                let u = round3(r.crowKm / est.crowKmPerMinute)
                times = RunningTimes(unimpeded: u, amPeak: round3(u * est.amRatio), interPeak: round3(u * est.interRatio))
                var note = "running time unknown in source; estimated from crow_km \(r.crowKm) at the \(r.line) line's mean speed "
                    + "\(round3(est.crowKmPerMinute * 60)) km/h (crow-fly, unimpeded), AM peak x\(round3(est.amRatio)), "
                    + "inter-peak x\(round3(est.interRatio))"
                if distance == nil {
                    distance = round3(r.crowKm * est.trackPerCrow)
                    note += "; distance_km = crow_km x \(round3(est.trackPerCrow))"
                }
                notes.append(note)
                report.estimatedLinks.append(
                    "\(r.line) \(direction) \(r.from)→\(r.to): unimpeded \(times.unimpeded), AM peak \(times.amPeak), inter-peak \(times.interPeak) min, distance \(distance ?? 0) km")
            }
            guard let distance else {
                throw ThrongIOError(.invalidSource, "distance_km missing", file: src.linksPath, line: r.fileLine)
            }
            if splitTimeStops.contains(where: { $0.line == r.line && ($0.naptan == r.from || $0.naptan == r.to) }) {
                notes.append("running time split in proportion to distance (stop not timed in the 2006 inter-station database)")
                splitCount += 1
            }
            if r.line == "Circle" && direction == "WB" && r.from == "940GZZLUPAH" && !circleGapFilled && circleHasGap,
               let erc = parts.stationByNaptan["940GZZLUERC"],
               let twin = parts.links.first(where: { parts.lines[$0.line.index] == "Hammersmith & City" && $0.direction == "WB" && $0.from == erc && $0.to == from }) {
                // The Circle's westbound Edgware Road → Paddington (H&C) link, missing from the
                // source, before the run it starts: the same track and times as the H&C link.
                parts.links.append(Link(
                    line: line, direction: "WB", from: erc, to: from, distanceKm: twin.distanceKm, runningMinutes: twin.runningMinutes,
                    note: "added: missing from the source; distance and times of the Hammersmith & City link over the same track"))
                calling[erc.index].insert(r.line + "\u{0}" + direction)
                calling[from.index].insert(r.line + "\u{0}" + direction)
                circleGapFilled = true
            }
            parts.links.append(Link(
                line: line, direction: direction, from: from, to: to, distanceKm: distance, runningMinutes: times,
                note: notes.isEmpty ? nil : notes.joined(separator: "; ")))
            calling[from.index].insert(r.line + "\u{0}" + direction)
            calling[to.index].insert(r.line + "\u{0}" + direction)
        }
        if circleGapFilled {
            report.notes.append("source gap filled: Circle WB 940GZZLUERC→940GZZLUPAH added with the Hammersmith & City link's distance and times (Circle trains from Baker Street run that way)")
        }
        report.notes.append("\(splitCount) links annotated as distance-split running times (Wood Lane on Circle and Hammersmith & City; Piccadilly at Turnham Green)")

        // Stations.
        for (i, s) in src.stations.enumerated() {
            let servedLines = Set(calling[i].map { String($0.split(separator: "\u{0}", maxSplits: 1)[0]) })
            var lines: [LineID] = []
            for l in s.lines {
                if servedLines.contains(l), let id = parts.lineByName[l] {
                    lines.append(id)
                } else {
                    report.notes.append("stations.csv line \(s.line): \(s.name) lists \(l) but no \(l) link calls there; line dropped")
                }
            }
            for l in servedLines.sorted() where !s.lines.contains(l) {
                lines.append(parts.lineByName[l]!)
                report.notes.append("stations.csv line \(s.line): \(s.name) is called at by \(l) links; line added")
            }
            let dirs = calling[i].map { key -> (line: LineID, direction: String) in
                let p = key.split(separator: "\u{0}", maxSplits: 1)
                return (parts.lineByName[String(p[0])]!, String(p[1]))
            }.sorted { ($0.line, $0.direction) < ($1.line, $1.direction) }
            parts.callingDirections.append(dirs)
            let platforms: Int
            if let p = s.platforms {
                platforms = p
            } else {
                platforms = max(1, dirs.count)
                report.notes.append("stations.csv line \(s.line): \(s.name) has no platform count; set to \(platforms) (one per calling line and direction)")
            }
            var zones: [Int] = []
            for z in s.fareZones.split(separator: "|") {
                if let v = Int(z.trimmingCharacters(in: " ")) { zones.append(v) } else {
                    report.notes.append("stations.csv line \(s.line): \(s.name) fare zone part \"\(z)\" is not a number; dropped")
                }
            }
            guard !zones.isEmpty else {
                throw ThrongIOError(.invalidSource, "no numeric fare zone in \"\(s.fareZones)\"", file: src.stationsPath, line: s.line)
            }
            guard let lat = Double(s.lat), let lon = Double(s.lon) else {
                throw ThrongIOError(.invalidSource, "bad lat/lon", file: src.stationsPath, line: s.line)
            }
            parts.stations.append(Station(
                naptan: s.naptan, name: s.name, nlc: s.nlc, countsNLC: s.countsNLC, latitude: lat, longitude: lon,
                fareZones: zones, lines: lines, platforms: platforms))
        }
        report.notes.append("fare zones: source \"a|b\" boundary zones written as a/b")
        return parts
    }

    /// Mean speed and time-band ratios of ``estimateLine`` over its links with all times.
    struct Estimator {
        var crowKmPerMinute: Double
        var amRatio: Double
        var interRatio: Double
        var trackPerCrow: Double
    }

    static func estimator(_ links: [TfLSource.LinkRow]) -> Estimator? {
        var crow = 0.0, u = 0.0, a = 0.0, p = 0.0, track = 0.0, trackCrow = 0.0
        for r in links where r.line == estimateLine {
            if let ru = r.unimpeded, let ra = r.amPeak, let rp = r.interPeak, ru > 0 {
                crow += r.crowKm; u += ru; a += ra; p += rp
            }
            if let d = r.distanceKm { track += d; trackCrow += r.crowKm }
        }
        guard u > 0, crow > 0, trackCrow > 0 else { return nil }
        return Estimator(crowKmPerMinute: crow / u, amRatio: a / u, interRatio: p / u, trackPerCrow: track / trackCrow)
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
    static func roundHalf(_ x: Double) -> Double { (x * 2).rounded() / 2 }
}

extension Substring {
    /// Trims a character from both ends.
    func trimmingCharacters(in c: Character) -> Substring {
        var s = self
        while s.first == c { s.removeFirst() }
        while s.last == c { s.removeLast() }
        return s
    }
}
