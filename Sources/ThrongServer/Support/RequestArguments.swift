import Hummingbird
import ThrongCore
import ThrongQuery

/// Runs a query-library call, its error read as the server's (status and code).
func answering<T>(_ body: () throws(ThrongQueryError) -> T) throws(ServerError) -> T {
    do { return try body() } catch { throw ServerError(error) }
}

/// Reading path segments and query parameters into query-library values, with 400s that say
/// what was expected.
struct RequestArguments {
    let request: Request
    let context: BasicRequestContext
    let data: CrowdingData
    /// The snapshot and the live epoch this request answers from (read once).
    let view: CrowdingView

    init(request: Request, context: BasicRequestContext, data: CrowdingData) {
        self.request = request
        self.context = context
        self.data = data
        self.view = data.view()
    }

    func path(_ name: String) throws(ServerError) -> String {
        guard let raw = context.parameters.get(name) else { throw ServerError(.badRequest, "missing path segment {\(name)}") }
        return raw.removingPercentEncoding ?? raw
    }

    /// A query parameter; an empty one reads as absent (`time=` is "now").
    func query(_ name: String) -> String? {
        guard let raw = request.uri.queryParameters.get(name), !raw.isEmpty else { return nil }
        return raw.removingPercentEncoding ?? raw
    }

    /// A station from a path segment: NaPTAN code, TfL hub code or name (404 with suggestions).
    func station(_ name: String = "station") throws(ServerError) -> StationDirectory.Match {
        let text = try path(name)
        do { return try data.directory.resolve(text) } catch { throw ServerError(error) }
    }

    /// `time`: epoch ms, ISO-8601, local `YYYY-MM-DD HH:MM` or `HH:MM` (on the data's first service
    /// day, or today when live). Absent: ``CrowdingView/now``.
    func time(_ name: String = "time", index: CrowdingIndex?) throws(ServerError) -> Int64 {
        guard let text = query(name) else { return view.now }
        let local = (index ?? view.defaultIndex)?.localTime ?? LocalTime(calendar: ServiceCalendar(timeZone: .europeLondon))
        let date = view.epoch != nil ? local.calendar.serviceDate(of: view.now) : (index ?? view.defaultIndex)?.firstServiceDate
        guard let t = local.parse(text, defaultDate: date) else {
            throw ServerError(.badRequest, "\(name)=\(text): expected epoch milliseconds, ISO-8601 (2019-11-12T08:00:00Z), a local 'YYYY-MM-DD HH:MM' or 'HH:MM'")
        }
        return t
    }

    func measure() throws(ServerError) -> StationMeasure {
        guard let text = query("measure") else { return .occupancy }
        if let m = StationMeasure(text) { return m }
        throw ServerError(.badRequest, "measure=\(text): expected one of \(StationMeasure.allCases.map(\.column).joined(separator: ", "))")
    }

    func basis() throws(ServerError) -> CrowdingBasis {
        switch query("basis")?.lowercased() {
        case nil, "", "automatic": return .automatic
        case "observed": return .observed
        case "typical": return .typical
        case let other?: throw ServerError(.badRequest, "basis=\(other): expected automatic, observed or typical")
        }
    }

    /// A day category: `Mon` … `Sun`, full names, `BH`.
    static func day(_ text: String) throws(ServerError) -> TypicalDay {
        guard let d = TypicalDay(text) else { throw ServerError(.badRequest, "'\(text)' is not a day: expected Mon, Tue, Wed, Thu, Fri, Sat, Sun (or BH for bank holidays)") }
        return d
    }

    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws(ServerError) -> Int {
        guard let text = query(name) else { return value }
        guard let v = Int(text), range.contains(v) else { throw ServerError(.badRequest, "\(name)=\(text): expected an integer in \(range.lowerBound)…\(range.upperBound)") }
        return v
    }

    /// `YYYY-MM-DD`.
    static func date(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              Timestamp.isValidDate(year: Int64(y), month: Int64(m), day: Int64(d)) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}
