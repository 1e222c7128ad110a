// The program of the DocC article "Embedding Throng in a journey planner" and of the README.
// Run it after `scripts/demo`:
//   swift run --package-path Examples/JourneyPlanner JourneyPlanner out/demo/crowding.sqlite \
//       SampleData/london out/demo/sim/events/2016-11-21/ctrl-00-h07.csv.zst
import Throng

let arguments = CommandLine.arguments
let snapshotPath = arguments.count > 1 ? arguments[1] : "out/demo/crowding.sqlite"

// Open the snapshot `throng batch` wrote: read once, immutable, safe from any thread.
let crowding = try CrowdingIndex(snapshotPath: snapshotPath)

// Stations as people write them: NaPTAN codes, forgiving names, TfL hub codes.
let oxfordCircus = try crowding.stations.resolve("oxford circus").station
let kingsCross = try crowding.stations.resolve("HUBKGX").station
let waterloo = try crowding.stations.resolve("940GZZLUWLO").station

// How busy is Oxford Circus at 08:15 on the snapshot's first day?
guard let day = crowding.firstServiceDate else { fatalError("the snapshot is empty") }
let at0815 = crowding.localTime.instant(date: day, minuteOfDay: 8 * 60 + 15)
let now = try crowding.crowding(at: oxfordCircus, time: at0815)
if let people = now.people, let fraction = now.percentageOfBaseline, let level = now.level {
    print("Oxford Circus \(crowding.localTime.describe(now.start)): about \(Int(people.people)) people "
        + "(95%: \(Int(people.lower95))–\(Int(people.upper95))), \(Int(fraction * 100))% of its busiest, \(level)")
} else {
    print("Oxford Circus at 08:15: no data (\(now.unavailable?.description ?? "-"))")
}

// Its typical day of the same kind, with the morning peak and the quietest quarter hour.
let typical = crowding.typicalDay(at: oxfordCircus, day: now.day)
print("Typical \(typical.day.fullName): AM peak \(typical.amPeak?.timeBand ?? "-"), "
    + "quietest \(typical.quietest?.timeBand ?? "-")")

// The least crowded departure from King's Cross to Waterloo between 07:30 and 09:30.
let route = try PlannedRoute(path: "King's Cross St Pancras>Victoria>Green Park>Jubilee>Waterloo", in: crowding)
let from = crowding.localTime.instant(date: day, minuteOfDay: 7 * 60 + 30)
let advice = try crowding.leastCrowdedDeparture(along: route, window: from..<(from + 2 * 3_600_000))
if let best = advice.best, let avoided = advice.peopleAvoidedVersusWorst {
    print("\(crowding.station(kingsCross).name) → \(crowding.station(waterloo).name): leave at "
        + "\(crowding.localTime.clock(best.departure)), \(Int(avoided)) fewer people at the busiest point than the worst time")
}

// Reading raw events, and mapping each access point to its station.
if arguments.count > 3 {
    let network = try NetworkLoader.load(directory: arguments[2])
    let resolver = AccessPointResolver(network: network)
    var eventsPerStation = [Int](repeating: 0, count: network.stations.count)
    let summary = try EventLogReader(path: arguments[3], resolver: resolver).read { batch in
        for event in batch.events {
            let accessPoint = network.accessPoints[event.accessPoint.index]   // id, station, area, line
            eventsPerStation[accessPoint.station.index] += 1
        }
        for reject in batch.rejects { print(reject) }   // file:line: reason
    }
    print(summary)
    if let busiest = eventsPerStation.indices.max(by: { eventsPerStation[$0] < eventsPerStation[$1] }) {
        print("most events: \(network.stations[busiest].name) (\(eventsPerStation[busiest]))")
    }
}
