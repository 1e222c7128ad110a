import ArgumentParser
import Throng

/// `throng query busiest`: the busiest and quietest times of a station's typical day.
struct QueryBusiestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "busiest", abstract: "The busiest and quietest 15-minute bands of a station's typical day.")

    @OptionGroup var options: QueryOptions
    @Argument(help: "Station: NaPTAN code, name or TfL hub code.")
    var station: String
    @Option(help: "Day of the week (Mon … Sun) or BH.")
    var day: String = "Mon"
    @Option(help: "How many bands of each.")
    var count: Int = 5

    func validate() throws {
        if TypicalDay(day) == nil { throw ValidationError("--day: expected Mon … Sun or BH, got '\(day)'") }
        if count < 1 || count > 96 { throw ValidationError("--count: 1…96") }
    }

    func run() throws {
        try QueryFailure.report {
            let index = try options.open()
            let match = try options.station(station, in: index)
            let d = index.typicalDay(at: match.station, day: TypicalDay(day)!)
            let busiest = d.busiestBands(count), quietest = d.quietestBands(count)
            let json = QueryJSON(index: index)
            if options.json {
                options.printJSON(["station": json.station(d.station), "dayOfWeek": d.day.shortName,
                                   "busiest": busiest.map(json.band), "quietest": quietest.map(json.band)])
                return
            }
            let text = QueryText(index: index)
            print("\(text.name(d.station)), typical \(d.day.fullName)")
            guard d.dataAvailable else { print("no data for this day"); return }
            print("busiest:");  for b in busiest { print("  \(b.timeBand)  \(text.number(b.reading.people?.people)) people  \(text.percent(b.reading.percentageOfBaseline))") }
            print("quietest:"); for b in quietest { print("  \(b.timeBand)  \(text.number(b.reading.people?.people)) people  \(text.percent(b.reading.percentageOfBaseline))") }
        }
    }
}
