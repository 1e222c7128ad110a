import Hummingbird
import ThrongCore
import ThrongQuery
import ThrongWeb

/// `/v1/stations…`: station lists, estimates at an instant (devices, people with a 95% interval,
/// both busyness measures), live figures, typical days and weeks, a day against its typical day,
/// interchange flows.
struct V1StationRoutes {
    let data: CrowdingData
    let typicalMaxAge: Int

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.get("/stations") { request, context in try list(request, context) }
        group.get("/stations/crowding") { request, context in try all(request, context) }
        group.get("/stations/{station}") { request, context in try one(request, context) }
        group.get("/stations/{station}/crowding") { request, context in try crowding(request, context) }
        group.get("/stations/{station}/live") { request, context in try live(request, context) }
        group.get("/stations/{station}/typical") { request, context in try typical(request, context) }
        group.get("/stations/{station}/day") { request, context in try day(request, context) }
        group.get("/stations/{station}/interchanges") { request, context in try interchanges(request, context) }
    }

    private var typicalFreshness: Freshness { .typical(maxAge: typicalMaxAge, tag: data.typicalTag) }

    func list(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let observed = data.view().defaultIndex?.isObserved
        var w = JSONWriter(capacity: 64 * 1024)
        w.object { o in
            o.array("stations") { a in
                for i in data.indexedNetwork.stations.indices {
                    a.object { infoMembers(&$0, StationID(UInt16(i)), observed: observed) }
                }
            }
        }
        return JSONResponse.make(w, request: request, freshness: typicalFreshness)
    }

    /// NaPTAN, names, lines, coordinates, whether observed, and the station it answers as.
    private func infoMembers(_ x: inout JSONWriter, _ id: StationID, observed: [Bool]?) {
        let s = data.indexedNetwork.stations[id.index], st = data.network.stations[id.index]
        let answers = data.directory.answering(for: id)
        x.member("naptan", s.naptan)
        x.member("name", s.name)
        x.member("displayName", s.displayName)
        x.array("lines") { l in for line in s.lines { l.value(data.network.lines[line.index]) } }
        x.member("latitude", st.latitude, digits: 6)
        x.member("longitude", st.longitude, digits: 6)
        x.member("observed", observed?[answers.index] ?? false)
        x.member("answersAs", answers == id ? nil : data.indexedNetwork.stations[answers.index].naptan)
    }

    /// Every station at one instant, compactly (the dashboard's map).
    func all(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let measure = try args.measure(), basis = try args.basis()
        let time = try args.time(index: nil)
        var w = JSONWriter(capacity: 32 * 1024)
        var source: CrowdingIndex?
        w.object { o in
            o.array("stations") { a in
                for i in data.indexedNetwork.stations.indices {
                    let id = StationID(UInt16(i))
                    guard let (c, index) = try? args.view.stationCrowding(id, measure, time: time, basis: basis) else { continue }
                    source = source ?? index
                    a.object { x in
                        x.member("naptan", data.indexedNetwork.stations[i].naptan)
                        x.member("source", c.reading.source.rawValue)
                        CrowdingJSON.summaryMembers(&x, c.reading)
                    }
                }
            }
            if let source { CrowdingJSON(index: source).time(&o, "time", time) } else { o.member("time", time) }
            o.member("measure", measure.column)
            o.member("live", args.view.epoch != nil)
        }
        return JSONResponse.make(w, request: request, freshness: .live)
    }

    func one(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let match = try args.station()
        var w = JSONWriter(capacity: 1024)
        w.object { o in
            infoMembers(&o, match.requested, observed: args.view.defaultIndex?.isObserved)
            if let week = data.typical?.typicalWeek(at: match.station) {
                o.member("baselinePeople", week.baselinePeople, digits: 1)
                o.member("isAlwaysQuiet", week.isAlwaysQuiet)
            }
        }
        return JSONResponse.make(w, request: request, freshness: typicalFreshness)
    }

    func crowding(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let match = try args.station()
        let measure = try args.measure(), basis = try args.basis()
        let time = try args.time(index: nil)
        let (c, index) = try answering { () throws(ThrongQueryError) in try args.view.stationCrowding(match.requested, measure, time: time, basis: basis) }
        var w = JSONWriter(capacity: 1024)
        CrowdingJSON(index: index).crowding(&w, c, requested: match.requested)
        return JSONResponse.make(w, request: request, freshness: c.reading.source == .typical && args.view.epoch == nil ? typicalFreshness : .live)
    }

    /// The live figure: the last complete live bin, judged against the snapshot's typical levels.
    func live(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let match = try args.station()
        let measure = try args.measure()
        guard let epoch = args.view.epoch, let instant = args.view.liveInstant else {
            throw ServerError(.noData, data.live == nil ? "this server has no live feed (start it with --feed)" : "the live engine has no data yet")
        }
        let c = try answering { () throws(ThrongQueryError) in try args.view.liveCrowding(match.requested, measure, time: instant) }
        var w = JSONWriter(capacity: 1024)
        let json = CrowdingJSON(index: epoch.index)
        w.object { o in
            json.station(&o, "station", c.station)
            if match.requested != c.station { json.station(&o, "requested", match.requested) }
            o.member("measure", c.measure.column)
            json.readingMembers(&o, c.reading)
            o.member("baseline", data.typical == nil ? "live" : "snapshot")
            o.member("epoch", epoch.sequence)
            o.member("watermark", epoch.status.watermark.map { Timestamp.iso8601(millis: $0) })
        }
        return JSONResponse.make(w, request: request, freshness: .live)
    }

    func typical(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let match = try args.station()
        let measure = try args.measure()
        guard let index = args.view.defaultIndex else { throw ServerError(.unavailable, "no snapshot and nothing published yet") }
        var w = JSONWriter(capacity: 32 * 1024)
        let json = CrowdingJSON(index: index)
        if let dayText = args.query("day") {
            json.typicalDay(&w, index.typicalDay(at: match.station, measure, day: try RequestArguments.day(dayText)))
        } else {
            let week = index.typicalWeek(at: match.station, measure)
            w.object { o in
                json.station(&o, "station", match.station)
                o.member("measure", measure.column)
                o.member("isFound", week.isFound)
                o.member("isAlwaysQuiet", week.isAlwaysQuiet)
                o.member("baselinePeople", week.baselinePeople, digits: 1)
                o.array("days") { a in for d in week.days { json.typicalDay(&a, d) } }
            }
        }
        return JSONResponse.make(w, request: request, freshness: typicalFreshness)
    }

    /// A service day's observed bins against the typical day of its category.
    func day(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let match = try args.station()
        let measure = try args.measure()
        guard let any = args.view.defaultIndex else { throw ServerError(.unavailable, "no snapshot and nothing published yet") }
        let calendar = any.calendar
        let date: CivilDate
        if let text = args.query("date") {
            guard let d = RequestArguments.date(text) else { throw ServerError(.badRequest, "date=\(text): expected YYYY-MM-DD") }
            date = d
        } else {
            date = calendar.serviceDate(of: args.view.now)
        }
        let start = calendar.start(of: date)
        let end = calendar.start(of: CivilDate(daysSinceEpoch: date.daysSinceEpoch + 1))
        let category = TypicalDay(serviceDate: date)
        var w = JSONWriter(capacity: 64 * 1024)
        let json = CrowdingJSON(index: any)
        w.object { o in
            json.station(&o, "station", match.station)
            o.member("measure", measure.column)
            o.member("date", date.description)
            o.member("dayOfWeek", category.shortName)
            o.array("observed") { a in
                var t = start
                let width = args.view.epoch?.index.binMillis ?? any.binMillis
                while t < end {
                    if let (c, _) = try? args.view.stationCrowding(match.station, measure, time: t, basis: .observed), c.reading.source == .observed {
                        a.object { x in
                            json.time(&x, "start", c.reading.start)
                            x.member("minutes", Int((c.reading.end - c.reading.start) / 60_000))
                            CrowdingJSON.summaryMembers(&x, c.reading)
                        }
                    }
                    t += width
                }
            }
            o.key("typical")
            json.typicalDay(&o, any.typicalDay(at: match.station, measure, day: category))
        }
        return JSONResponse.make(w, request: request, freshness: .live)
    }

    func interchanges(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let match = try args.station()
        let time = try args.time(index: nil)
        guard let index = args.view.flowIndex(at: time) else { throw ServerError(.unavailable, "no snapshot and nothing published yet") }
        let flows = index.interchangeFlows(at: match.requested, time: time)
        var w = JSONWriter(capacity: 4096)
        let json = CrowdingJSON(index: index)
        w.object { o in
            json.station(&o, "station", match.requested)
            json.time(&o, "time", time)
            o.array("flows") { a in for f in flows { json.interchange(&a, f) } }
        }
        return JSONResponse.make(w, request: request, freshness: .live)
    }
}
