import ArgumentParser
import Throng

/// `throng query typical`: a station's typical day, with a terminal chart.
struct QueryTypicalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "typical", abstract: "A station's typical day: 15-minute bands, AM and PM peaks, as a chart.")

    @OptionGroup var options: QueryOptions
    @Argument(help: "Station: NaPTAN code, name or TfL hub code.")
    var station: String
    @Option(help: "Day of the week (Mon … Sun) or BH (bank holiday).")
    var day: String = "Mon"
    @Option(help: "What to count (see `station --help`).")
    var measure: String = "occupancy"
    @Flag(help: "List every band, also those without data.")
    var all = false

    func validate() throws {
        if TypicalDay(day) == nil { throw ValidationError("--day: expected Mon, Tue, Wed, Thu, Fri, Sat, Sun or BH, got '\(day)'") }
        if StationMeasure(measure) == nil { throw ValidationError("--measure: unknown measure '\(measure)'") }
    }

    func run() throws {
        try QueryFailure.report {
            let index = try options.open()
            let match = try options.station(station, in: index)
            let week = index.typicalWeek(at: match.station, StationMeasure(measure)!)
            let d = index.typicalDay(at: match.station, StationMeasure(measure)!, day: TypicalDay(day)!)
            if options.json {
                var o = QueryJSON(index: index).typicalDay(d)
                o["isAlwaysQuiet"] = week.isAlwaysQuiet
                o["isFound"] = week.isFound
                options.printJSON(o)
                return
            }
            let text = QueryText(index: index)
            print("\(text.name(d.station)), typical \(d.day.fullName), \(d.measure.column) (people; bar = share of the baseline, \(text.number(week.baselinePeople)) people)")
            print("AM peak: \(d.amPeak?.timeBand ?? "-")   PM peak: \(d.pmPeak?.timeBand ?? "-")   always quiet: \(week.isFound ? (week.isAlwaysQuiet ? "yes" : "no") : "-")")
            guard d.dataAvailable else { print("no data for this day"); return }
            for b in d.bands where all || b.reading.dataAvailable || b.reading.unavailable == .suppressed {
                let r = b.reading
                let value = r.dataAvailable ? text.pad(text.number(r.people?.people), 7) : text.pad(r.unavailable?.rawValue ?? "-", 7)
                let level = r.level.map { "\($0)" } ?? ""
                print("\(b.timeBand)  \(value) \(text.pad(text.percent(r.percentageOfBaseline), 5)) \(text.pad(text.bar(r.percentageOfBaseline ?? 0), 31)) \(level)  [\(r.typicalDays)d]")
            }
        }
    }
}
