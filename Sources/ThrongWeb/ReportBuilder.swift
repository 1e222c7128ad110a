import Foundation
package import ThrongCore
import ThrongQuery
import ThrongStore

/// `throng report`: one self-contained HTML file (style, script and data inline, nothing fetched)
/// with the network map by busyness at chosen times, the busiest stations and links, typical-day
/// charts, the top OD pairs with their route splits, and the data-quality record.
package struct ReportBuilder {
    package var title = "Throng crowding report"
    /// Local times (`HH:MM`) on the first service day at which the map and the link tables are drawn.
    package var times = ["08:30", "13:00", "18:00", "22:00"]
    /// Rows of each ranking.
    package var top = 15
    /// Stations with a typical-day chart.
    package var charts = 6

    package init() {}

    /// The report of the snapshot at `path`, as HTML.
    /// - Throws: `ThrongQueryError` when the snapshot cannot be read.
    package func html(snapshotPath path: String, network: Network) throws -> String {
        let index = try CrowdingIndex(snapshotPath: path)
        let reader = try CrowdingSnapshotSchema.openReader(path: path)
        var w = JSONWriter(capacity: 512 * 1024)
        let json = CrowdingJSON(index: index)
        let geometry = NetworkGeometry(network: network, indexed: index.network, observed: index.isObserved)
        let first = index.firstServiceDate
        w.object { o in
            o.member("title", title)
            o.member("snapshot", path)
            o.object("coverage") { c in
                c.member("from", index.coveredInterval.map { index.localTime.describe($0.lowerBound) })
                c.member("to", index.coveredInterval.map { index.localTime.describe($0.upperBound) })
                c.member("days", index.serviceDays.count)
                c.member("stations", index.network.stations.count)
                c.member("observedStations", index.isObserved.filter { $0 }.count)
            }
            o.key("geometry"); o.raw(geometry.json())
            let instants: [(String, Int64)] = times.compactMap { t in
                guard let first, let minute = LocalTime.minuteOfDay(t) else { return nil }
                let date = minute < index.calendar.dayStartMinute ? CivilDate(daysSinceEpoch: first.daysSinceEpoch + 1) : first
                return ("\(first) \(t)", index.localTime.instant(date: date, minuteOfDay: minute))
            }
            o.array("maps") { a in
                for (label, t) in instants { a.object { m in mapMembers(&m, index: index, label: label, time: t) } }
            }
            let stations = ranked(index)
            o.array("topStations") { a in topStations(&a, index: index, ranked: stations) }
            o.array("charts") { a in chartsData(&a, index: index, json: json, ranked: stations) }
            o.array("topLinks") { a in
                for (label, t) in instants { a.object { g in topLinks(&g, index: index, label: label, time: t) } }
            }
            let pairs = (try? topPairs(reader)) ?? []
            o.array("topOD") { a in
                for p in pairs {
                    a.object { x in
                        x.member("origin", index.network.stations[p.origin].naptan)
                        x.member("destination", index.network.stations[p.destination].naptan)
                        x.member("journeys", p.journeys)
                        x.member("days", p.days)
                    }
                }
            }
            o.array("splits") { a in
                for p in pairs.prefix(5) {
                    json.split(&a, index.routeSplit(from: StationID(UInt16(p.origin)), to: StationID(UInt16(p.destination))))
                }
            }
            qualityMembers(&o, reader)
        }
        return Self.page(title: title, data: w.bytes)
    }

    private func mapMembers(_ m: inout JSONWriter, index: CrowdingIndex, label: String, time: Int64) {
        m.member("label", label)
        var source = "typical"
        m.object("stations") { s in
            for i in index.network.stations.indices {
                guard let c = try? index.crowding(at: StationID(UInt16(i)), time: time) else { continue }
                if c.reading.source == .observed { source = "observed" }
                s.object(index.network.stations[i].naptan) { x in
                    x.member("dataAvailable", c.reading.dataAvailable)
                    x.member("level", c.reading.level?.rawValue)
                    x.member("percentageOfBaseline", c.reading.percentageOfBaseline, digits: 4)
                    x.member("people", c.reading.people?.people, digits: 1)
                }
            }
        }
        m.member("source", source)
    }

    /// Observed stations with figures of their own (not Monument), busiest typical band first.
    private func ranked(_ index: CrowdingIndex) -> [(Int, StationTypicalWeek)] {
        var rows: [(Int, StationTypicalWeek)] = []
        for i in index.network.stations.indices where index.isObserved[i] {
            let id = StationID(UInt16(i))
            guard index.stations.answering(for: id) == id else { continue }
            rows.append((i, index.typicalWeek(at: id)))
        }
        return rows.sorted { $0.1.baselinePeople > $1.1.baselinePeople }
    }

    private func topStations(_ a: inout JSONWriter, index: CrowdingIndex, ranked: [(Int, StationTypicalWeek)]) {
        for (i, week) in ranked.prefix(top) {
            let busiestDay = week.days.max { ($0.busiest?.reading.people?.people ?? 0) < ($1.busiest?.reading.people?.people ?? 0) }
            a.object { x in
                x.member("naptan", index.network.stations[i].naptan)
                x.member("baselinePeople", week.baselinePeople, digits: 1)
                x.member("busiestDay", busiestDay?.day.shortName)
                x.member("busiestBand", busiestDay?.busiest?.timeBand)
                x.member("amPeak", busiestDay?.amPeak?.timeBand)
                x.member("pmPeak", busiestDay?.pmPeak?.timeBand)
            }
        }
    }

    private func chartsData(_ a: inout JSONWriter, index: CrowdingIndex, json: CrowdingJSON, ranked: [(Int, StationTypicalWeek)]) {
        guard let date = index.firstServiceDate else { return }
        let category = TypicalDay(serviceDate: date)
        let start = index.calendar.start(of: date)
        for (i, _) in ranked.prefix(charts) {
            let id = StationID(UInt16(i))
            a.object { c in
                c.member("naptan", index.network.stations[i].naptan)
                c.member("date", date.description)
                c.member("dayOfWeek", category.shortName)
                c.key("typical"); json.typicalDay(&c, index.typicalDay(at: id, day: category))
                c.array("observed") { o in
                    var t = start
                    while t < start + 86_400_000 {
                        if let r = try? index.crowding(at: id, time: t, basis: .observed), r.reading.dataAvailable {
                            o.object { x in
                                json.time(&x, "start", r.reading.start)
                                x.member("minutes", Int(index.binMillis / 60_000))
                                x.member("people", r.reading.people?.people, digits: 1)
                                x.member("lower95", r.reading.people?.lower95, digits: 1)
                                x.member("upper95", r.reading.people?.upper95, digits: 1)
                                x.member("percentageOfBaseline", r.reading.percentageOfBaseline, digits: 4)
                            }
                        }
                        t += index.binMillis
                    }
                }
            }
        }
    }

    private func topLinks(_ g: inout JSONWriter, index: CrowdingIndex, label: String, time: Int64) {
        var rows: [LinkCrowding] = []
        for i in index.network.links.indices {
            if let c = try? index.crowding(onLink: LinkID(UInt32(i)), time: time), c.reading.dataAvailable { rows.append(c) }
        }
        rows.sort { ($0.reading.people?.people ?? 0) > ($1.reading.people?.people ?? 0) }
        g.member("label", label)
        g.member("source", rows.first?.reading.source.rawValue ?? "typical")
        g.array("links") { a in
            for c in rows.prefix(top) {
                let l = index.network.links[c.link.index]
                a.object { x in
                    x.member("line", index.network.lines[l.line.index])
                    x.member("from", index.network.stations[l.from.index].naptan)
                    x.member("to", index.network.stations[l.to.index].naptan)
                    x.member("people", c.reading.people?.people, digits: 1)
                    x.member("percentageOfBaseline", c.reading.percentageOfBaseline, digits: 4)
                }
            }
        }
    }

    private struct Pair { var origin: Int; var destination: Int; var journeys: Int; var days: Int }

    private func topPairs(_ reader: borrowing SnapshotReader) throws -> [Pair] {
        var pairs: [Pair] = []
        _ = try reader.forEachRow("""
            SELECT origin_station_id, destination_station_id, SUM(journeys), COUNT(*) FROM origin_destination
            WHERE journeys IS NOT NULL AND origin_station_id <> destination_station_id
            GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT \(top)
            """) { r in
            pairs.append(Pair(origin: Int(r.int64(at: 0)), destination: Int(r.int64(at: 1)), journeys: Int(r.int64(at: 2)), days: Int(r.int64(at: 3))))
        }
        return pairs
    }

    private func qualityMembers(_ o: inout JSONWriter, _ reader: borrowing SnapshotReader) {
        var quality: [(String, Int64)] = [], rejections: [(String, Int64)] = []
        var files = 0
        var problems: [String] = []
        _ = try? reader.forEachRow("SELECT name, value FROM quality") { r in quality.append((r.string(at: 0) ?? "", r.int64(at: 1))) }
        _ = try? reader.forEachRow("SELECT reason, lines FROM rejections ORDER BY lines DESC") { r in rejections.append((r.string(at: 0) ?? "", r.int64(at: 1))) }
        _ = try? reader.forEachRow("SELECT path, problem FROM input_files ORDER BY input_id") { r in
            files += 1
            if let p = r.string(at: 1), !p.isEmpty { problems.append("\(r.string(at: 0) ?? "?"): \(p)") }
        }
        let order = ["lines_read", "accepted", "rejected", "duplicates_collapsed", "outside_window", "devices", "passenger_devices",
                     "resident_devices", "passer_by_devices", "journeys", "journeys_both_ends", "mac_changes_joined",
                     "implausible_devices", "implausible_device_events"]
        quality.sort { (order.firstIndex(of: $0.0) ?? 99, $0.0) < (order.firstIndex(of: $1.0) ?? 99, $1.0) }
        o.array("quality") { a in for (k, v) in quality { a.object { $0.member("name", k); $0.member("value", Int(v)) } } }
        o.array("rejections") { a in for (k, v) in rejections { a.object { $0.member("reason", k); $0.member("lines", Int(v)) } } }
        o.object("inputs") { i in
            i.member("files", files)
            i.member("problems", problems.count)
            i.array("problemList") { a in for p in problems.prefix(20) { a.value(p) } }
        }
    }

    /// The page: style, data and script inline.
    static func page(title: String, data: [UInt8]) -> String {
        let css = String(decoding: WebAssets.styleSheet, as: UTF8.self)
        let js = String(decoding: WebAssets.script, as: UTF8.self).replacingOccurrences(of: "</script", with: "<\\/script")
        let safeTitle = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(safeTitle)</title>
            <link rel="icon" href="data:,">
            <style>
            \(css)
            </style>
            </head>
            <body>
            <main id="report"></main>
            <footer class="muted">Made by throng report. Counts are aggregated and passed disclosure control; no device is identified.</footer>
            <script>window.THRONG_REPORT = \(String(decoding: data, as: UTF8.self));</script>
            <script>
            \(js)
            </script>
            </body>
            </html>

            """
    }
}

