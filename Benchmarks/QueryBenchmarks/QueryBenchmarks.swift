import Benchmark
import Foundation
import ThrongCore
import ThrongQuery

// Queries on a 29-day London snapshot (LondonMonthSnapshot). Point lookups run `.kilo`
// (1,000) lookups per iteration, so wall-clock and per-iteration allocation figures read
// per thousand lookups; the percentiles of `wallClock` divided by 1,000 are per lookup.

let benchmarks: @Sendable () -> Void = {
    let index = LondonMonthSnapshot.index
    let oxfordCircus = LondonMonthSnapshot.network.stationByNaptan["940GZZLUOXC"]!
    let first = index.coveredInterval!.lowerBound
    let times: [Int64] = (0..<1_000).map { first + Int64($0 % 29) * 86_400_000 + Int64(($0 * 7) % 80) * 900_000 + 60_000 }
    let stations: [StationID] = (0..<1_000).map { StationID(UInt16(($0 * 37) % LondonMonthSnapshot.network.stations.count)) }
    let lookups = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .throughput], warmupIterations: 10, scalingFactor: .kilo,
        maxDuration: .seconds(3), maxIterations: 10_000
    )

    Benchmark("StationLookupObserved", configuration: lookups) { benchmark in
        for i in benchmark.scaledIterations {
            blackHole(try index.crowding(at: stations[i], time: times[i]))
        }
    }

    Benchmark("StationLookupTypical", configuration: lookups) { benchmark in
        let future = times.map { $0 + 70 * 86_400_000 }
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(try index.crowding(at: stations[i], time: future[i]))
        }
    }

    Benchmark("LinkLookupObserved", configuration: lookups) { benchmark in
        let links = (0..<1_000).map { LinkID(UInt32(($0 * 13) % LondonMonthSnapshot.network.links.count)) }
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(try index.crowding(onLink: links[i], time: times[i]))
        }
    }

    Benchmark("StationResolveByName", configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(2))) { _ in
        blackHole(try index.stations.resolve("kings cross st. pancras"))
    }

    let route = try! PlannedRoute(path: "King's Cross St Pancras>Victoria>Green Park>Jubilee>Canary Wharf", in: index)
    let monday0800 = first + 12 * 900_000

    Benchmark("RouteCrowding", configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(3))) { _ in
        blackHole(try index.crowding(along: route, departure: monday0800))
    }

    Benchmark("LeastCrowdedDepartureTwoHours", configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(3))) { _ in
        blackHole(try index.leastCrowdedDeparture(along: route, window: monday0800..<(monday0800 + 7_200_000), stepMinutes: 5))
    }

    Benchmark("OpenLondon29DaySnapshot", configuration: .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10
    )) { _ in
        blackHole(try CrowdingIndex(snapshotPath: LondonMonthSnapshot.path))
    }
    _ = oxfordCircus
}
