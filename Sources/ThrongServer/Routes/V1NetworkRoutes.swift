import Hummingbird
import ThrongCore
import ThrongLive
import ThrongQuery
import ThrongWeb

/// `/v1/network`, `/v1/links…`, `/v1/od…`, `/v1/routes…`, `/v1/live/status`.
struct V1NetworkRoutes {
    let data: CrowdingData
    let typicalMaxAge: Int

    func add(to group: RouterGroup<BasicRequestContext>) {
        group.get("/network") { request, _ in
            JSONResponse.make(data.networkJSON, request: request, freshness: .typical(maxAge: typicalMaxAge, tag: data.typicalTag))
        }
        group.get("/links") { request, context in try links(request, context) }
        group.get("/links/{link}") { request, context in try link(request, context) }
        group.get("/od/{origin}/{destination}") { request, context in try split(request, context) }
        group.get("/routes/crowding") { request, context in try route(request, context) }
        group.get("/routes/least-crowded") { request, context in try leastCrowded(request, context) }
        group.get("/live/status") { request, context in try status(request, context) }
    }

    /// The links with the most people at an instant, busiest first (`line`, `limit`).
    func links(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let time = try args.time(index: nil), basis = try args.basis()
        let limit = try args.int("limit", default: 20, range: 1...10_000)
        var line: LineID?
        if let name = args.query("line") {
            guard let l = data.indexedNetwork.line(named: name) else {
                throw ServerError(.badRequest, "line=\(name): no such line (\(data.network.lines.joined(separator: ", ")))")
            }
            line = l
        }
        var rows: [(LinkCrowding, CrowdingIndex)] = []
        for (i, l) in data.indexedNetwork.links.enumerated() where line == nil || l.line == line {
            if let r = try? args.view.linkCrowding(LinkID(UInt32(i)), time: time, basis: basis), r.0.reading.dataAvailable { rows.append(r) }
        }
        rows.sort { ($0.0.reading.people?.people ?? 0) > ($1.0.reading.people?.people ?? 0) }
        var w = JSONWriter(capacity: 16 * 1024)
        w.object { o in
            if let index = rows.first?.1 ?? args.view.defaultIndex { CrowdingJSON(index: index).time(&o, "time", time) }
            o.array("links") { a in for (c, index) in rows.prefix(limit) { CrowdingJSON(index: index).link(&a, c) } }
        }
        return JSONResponse.make(w, request: request, freshness: .live)
    }

    func link(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let text = try args.path("link")
        guard let raw = UInt32(text), Int(raw) < data.indexedNetwork.links.count else {
            throw ServerError(.unknownLink, "link \(text): expected a link id 0…\(data.indexedNetwork.links.count - 1) (GET /v1/network lists them)")
        }
        let time = try args.time(index: nil), basis = try args.basis()
        let (c, index) = try answering { () throws(ThrongQueryError) in try args.view.linkCrowding(LinkID(raw), time: time, basis: basis) }
        var w = JSONWriter(capacity: 1024)
        CrowdingJSON(index: index).link(&w, c)
        return JSONResponse.make(w, request: request, freshness: .live)
    }

    /// Route splits of an origin–destination pair, over every day or one (`date`).
    func split(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let origin = try args.station("origin"), destination = try args.station("destination")
        guard let index = args.view.flowIndex(at: nil) else { throw ServerError(.unavailable, "no snapshot and nothing published yet") }
        var dayStart: Int64?
        if let text = args.query("date") {
            guard let d = RequestArguments.date(text) else { throw ServerError(.badRequest, "date=\(text): expected YYYY-MM-DD") }
            dayStart = index.calendar.start(of: d)
        }
        let s = index.routeSplit(from: origin.requested, to: destination.requested, dayStart: dayStart)
        var w = JSONWriter(capacity: 4096)
        CrowdingJSON(index: index).split(&w, s)
        return JSONResponse.make(w, request: request, freshness: args.view.epoch == nil ? .typical(maxAge: typicalMaxAge, tag: data.typicalTag) : .live)
    }

    private func plannedRoute(_ args: RequestArguments, _ index: CrowdingIndex) throws(ServerError) -> PlannedRoute {
        guard let path = args.query("path") else {
            throw ServerError(.badRequest, "path is required: stations and lines as A>Line>B>Line>C (e.g. Brixton>Victoria>Green Park>Jubilee>Canary Wharf)")
        }
        do { return try PlannedRoute(path: path, in: index) } catch { throw ServerError(error) }
    }


    func route(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        guard let index = args.view.defaultIndex else { throw ServerError(.unavailable, "no snapshot and nothing published yet") }
        let route = try plannedRoute(args, index)
        let departure = try args.time("departure", index: index), basis = try args.basis()
        let r = try answering { () throws(ThrongQueryError) in try index.crowding(along: route, departure: departure, basis: basis) }
        var w = JSONWriter(capacity: 16 * 1024)
        CrowdingJSON(index: index).route(&w, r)
        return JSONResponse.make(w, request: request, freshness: .live)
    }

    /// The least crowded departure in a window (`from`, `to`, `step` minutes).
    func leastCrowded(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        guard let index = args.view.defaultIndex else { throw ServerError(.unavailable, "no snapshot and nothing published yet") }
        let route = try plannedRoute(args, index)
        let from = try args.time("from", index: index)
        let to = args.query("to").map { _ in () } == nil ? from + 2 * 3_600_000 : try args.time("to", index: index)
        let step = try args.int("step", default: 5, range: 1...60)
        guard to > from else { throw ServerError(.badRequest, "to must be after from") }
        guard to - from <= 24 * 3_600_000 else { throw ServerError(.badRequest, "the window from…to is longer than 24 hours") }
        let basis = try args.basis()
        let advice = try answering { () throws(ThrongQueryError) in try index.leastCrowdedDeparture(along: route, window: from..<to, stepMinutes: step, basis: basis) }
        var w = JSONWriter(capacity: 64 * 1024)
        let json = CrowdingJSON(index: index)
        w.object { o in
            o.key("best"); if let b = advice.best { json.route(&o, b) } else { o.null() }
            o.key("first"); json.route(&o, advice.first)
            o.key("worst"); if let b = advice.worst { json.route(&o, b) } else { o.null() }
            o.member("peopleAvoidedVersusFirst", advice.peopleAvoidedVersusFirst, digits: 1)
            o.member("peopleAvoidedVersusWorst", advice.peopleAvoidedVersusWorst, digits: 1)
            o.array("departures") { a in
                for c in advice.candidates {
                    a.object { x in
                        json.time(&x, "departure", c.departure)
                        x.member("peakPeople", c.peakPeople, digits: 1)
                        x.member("level", c.level?.rawValue)
                        x.member("dataAvailable", c.dataAvailable)
                    }
                }
            }
        }
        return JSONResponse.make(w, request: request, freshness: .live)
    }

    /// The live engine's state: watermark and lag, rates and counts (never a device).
    func status(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        var w = JSONWriter(capacity: 2048)
        guard let live = data.live else {
            w.object { o in o.member("live", false) }
            return JSONResponse.make(w, request: request, freshness: .live)
        }
        let epoch = live.current
        let s = epoch.status
        let now = WallClock.millis()
        w.object { o in
            o.member("live", true)
            o.member("epoch", epoch.sequence)
            o.member("watermark", s.watermark.map { Timestamp.iso8601(millis: $0) })
            o.member("watermarkLagSeconds", s.watermark.map { Double(now - $0) / 1000 }, digits: 3)
            o.member("linesRead", s.linesRead)
            o.member("acceptedEvents", s.acceptedEvents)
            o.member("rejectedLines", s.rejectedLines)
            o.member("lateEvents", s.lateEvents)
            o.member("openDevices", s.openDevices)
            o.member("openEvents", s.openEvents)
            o.member("uptimeSeconds", s.uptimeSeconds, digits: 1)
            o.member("epochBuildSeconds", s.buildSeconds, digits: 4)
            o.member("visibleLatencyP50Seconds", s.visibleLatencyP50, digits: 4)
            o.member("visibleLatencyP99Seconds", s.visibleLatencyP99, digits: 4)
            o.array("sources") { a in
                for src in s.sources {
                    a.object { x in
                        x.member("name", src.name)
                        x.member("linesRead", src.summary.linesRead)
                        x.member("rejected", src.summary.rejected)
                        x.member("late", src.late)
                    }
                }
            }
        }
        return JSONResponse.make(w, request: request, freshness: .live)
    }
}
