import Hummingbird
import ThrongLive
import ThrongCore
import ThrongQuery
import ThrongWeb

/// TfL's Unified API crowding service, path for path and field for field (docs/api.md lists
/// every difference): `/crowding/{naptan}/Live`, `/crowding/{naptan}`, `/crowding/{naptan}/{dayOfWeek}`.
///
/// Paths are case-insensitive (the router's option) and `app_key` / `app_id` are accepted and
/// ignored, as TfL's anonymous tier does.
struct TfLCrowdingRoutes {
    let data: CrowdingData
    let typicalMaxAge: Int
    let liveCache: LiveAnswerCache

    func add(to router: Router<BasicRequestContext>) {
        router.get("/crowding/{naptan}/live") { request, context in try live(request, context) }
        router.get("/crowding/{naptan}") { request, context in try week(request, context) }
        router.get("/crowding/{naptan}/{dayOfWeek}") { request, context in try day(request, context) }
    }

    /// `{"dataAvailable":true,"percentageOfBaseline":0.13,"timeUtc":"…","timeLocal":"…"}`: the last
    /// complete live bin (``CrowdingData/liveInstant(_:)``) against the snapshot's busiest typical level.
    func live(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let match = try args.station("naptan")
        let view = args.view
        guard let epoch = view.epoch else { return JSONResponse.make(liveBody(match, view).bytes, request: request, freshness: .live) }
        let body = liveCache.body(station: match.requested.index, epoch: epoch.sequence) { ByteBuffer(bytes: liveBody(match, view).bytes) }
        return JSONResponse.live(body)
    }

    private func liveBody(_ match: StationDirectory.Match, _ view: CrowdingView) -> JSONWriter {
        var w = JSONWriter(capacity: 128)
        var fraction: Double?
        var at = WallClock.millis()
        if let epoch = view.epoch, let instant = view.liveInstant {
            fraction = (try? view.liveCrowding(match.requested, .occupancy, time: instant))?.reading.percentageOfBaseline
            at = instant + epoch.index.binMillis
        }
        let index = view.epoch?.index ?? view.typical
        w.object { o in
            o.member("dataAvailable", fraction != nil)
            o.member("percentageOfBaseline", fraction ?? 0, digits: 8)
            o.member("timeUtc", Timestamp.iso8601(millis: at))
            o.member("timeLocal", (index?.localTime.describe(at) ?? Timestamp.iso8601(millis: at)) + ":00")
        }
        return w
    }

    /// The typical week: Mon … Sun, each with its peaks and 96 bands.
    func week(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let match = try args.station("naptan")
        let naptan = data.indexedNetwork.stations[match.requested.index].naptan
        var w = JSONWriter(capacity: 16_384)
        guard let index = data.typical, index.isObserved[match.station.index] else {
            w.object { o in
                o.member("naptan", naptan); o.array("daysOfWeek") { _ in }
                o.member("isFound", false); o.member("isAlwaysQuiet", false)
            }
            return JSONResponse.make(w, request: request, freshness: .typical(maxAge: typicalMaxAge, tag: data.typicalTag))
        }
        let week = index.typicalWeek(at: match.station)
        w.object { o in
            o.member("naptan", naptan)
            // The week's days with data, Mon … Sun (TfL has no bank-holiday category).
            o.array("daysOfWeek") { a in for day in week.days where day.day != .bankHoliday { a.object { dayMembers(&$0, day) } } }
            o.member("isFound", week.isFound)
            o.member("isAlwaysQuiet", week.isAlwaysQuiet)
        }
        return JSONResponse.make(w, request: request, freshness: .typical(maxAge: typicalMaxAge, tag: data.typicalTag))
    }

    /// One typical day: `dayOfWeek`, peaks and `timeBands` at the top level.
    func day(_ request: Request, _ context: BasicRequestContext) throws -> Response {
        let args = RequestArguments(request: request, context: context, data: data)
        let match = try args.station("naptan")
        let day = try RequestArguments.day(try args.path("dayOfWeek"))
        let naptan = data.indexedNetwork.stations[match.requested.index].naptan
        var w = JSONWriter(capacity: 8192)
        guard let index = data.typical, index.isObserved[match.station.index] else {
            w.object { o in
                o.member("naptan", naptan); o.member("dayOfWeek", day.shortName); o.array("timeBands") { _ in }
                o.member("isFound", false); o.member("isAlwaysQuiet", false)
            }
            return JSONResponse.make(w, request: request, freshness: .typical(maxAge: typicalMaxAge, tag: data.typicalTag))
        }
        let typical = index.typicalDay(at: match.station, day: day)
        let week = index.typicalWeek(at: match.station)
        w.object { o in
            o.member("naptan", naptan)
            dayMembers(&o, typical)
            o.member("isFound", week.isFound)
            o.member("isAlwaysQuiet", week.isAlwaysQuiet)
        }
        return JSONResponse.make(w, request: request, freshness: .typical(maxAge: typicalMaxAge, tag: data.typicalTag))
    }

    /// `dayOfWeek`, `amPeakTimeBand`, `pmPeakTimeBand`, `timeBands` (TfL's `percentageOfBaseLine`,
    /// capital L; a band without a published figure is 0, as TfL sends a number for every band).
    private func dayMembers(_ o: inout JSONWriter, _ d: StationTypicalDay) {
        o.member("dayOfWeek", d.day.shortName)
        o.member("amPeakTimeBand", d.amPeak?.timeBand)
        o.member("pmPeakTimeBand", d.pmPeak?.timeBand)
        o.array("timeBands") { a in
            for b in d.bands {
                a.object { x in
                    x.member("timeBand", b.timeBand)
                    x.member("percentageOfBaseLine", b.reading.percentageOfBaseline ?? 0, digits: 8)
                }
            }
        }
    }
}
