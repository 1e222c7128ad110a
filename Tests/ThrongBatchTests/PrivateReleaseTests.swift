import Foundation
import Testing
@testable import ThrongBatch
@testable import ThrongCore

/// The differentially private release (docs/privacy.md): the accounting, the contribution
/// bounds, the published domain, and a differencing attack that must fail.
@Suite struct PrivateReleaseTests {
    @Test func budgetAccountingMatchesIndependentComputation() {
        let b = PrivacyBudget.default
        #expect(abs(b.mu - 2.0.squareRoot()) < 1e-12)
        // ε at δ/2 = 5e-7 for μ = √2, computed independently with scipy (brentq on the GDP δ(ε)).
        #expect(abs(b.epsilon() - 7.4874) < 0.001)
        #expect(abs(PrivacyBudget(rho: 0.5).epsilon() - 5.0302) < 0.001)
        // σ = Δ / √(2wρ): occupancy Δ = √24, w = 0.14.
        #expect(abs(b.sigma(.occupancy) - 24.0.squareRoot() / (0.28).squareRoot()) < 1e-9)
        #expect(abs(PublishedMeasure.allCases.map(\.weight).reduce(0, +) - 1) < 1e-9)
        // The guess bound: above blind guessing, below 1, smaller for a smaller budget.
        let g = b.guessBound(choices: 270)
        #expect(g > 1.0 / 270 && g < 0.11)
        #expect(PrivacyBudget(rho: 0.25).guessBound(choices: 270) < g)
        // The selection threshold: a cell one device-day fed (at most J = 2) passes with
        // probability below the row δ.
        let t = b.selectionThreshold(.journeys)
        let passOne = NormalDistribution.upperTail((t - 2) / b.sigma(.journeys))
        #expect(passOne <= b.rowDelta * 1.0001)
    }

    @Test func gaussianNoiseHasTheStatedSpread() {
        var noise = GaussianNoise(generator: SplitMix(seed: 7))
        var sum = 0.0, squares = 0.0
        let n = 200_000
        for _ in 0..<n {
            let x = noise.sample(sigma: 3)
            sum += x
            squares += x * x
        }
        let mean = sum / Double(n), sd = (squares / Double(n) - mean * mean).squareRoot()
        #expect(abs(mean) < 0.03)
        #expect(abs(sd - 3) < 0.03)
    }

    @Test func contributionsAreBoundedPerDeviceDay() {
        var bounds = ContributionBounds.default
        bounds.journeysPerDay = 2
        bounds.presenceCellsPerDay = 3
        var acc = CrowdingAccumulator(binMillis: 900_000, privacy: bounds)
        let t0 = BatchFixtures.morning
        acc.beginDevice()
        // Five journeys of one device(-day): two count.
        let admitted = (0..<5).map { _ in acc.admitJourney() }
        #expect(admitted == [true, true, false, false, false])
        #expect(acc.clippedJourneys == 3)
        // The same entry cell twice counts once.
        acc.addEntry(station: StationID(1), at: t0)
        acc.addEntry(station: StationID(1), at: t0 + 60_000)
        // Presence over 6 bins at one station: 3 cells count (the earliest).
        acc.markPresence(station: StationID(2), onPlatform: false, from: t0, to: t0 + 5 * 900_000)
        acc.endDevice()
        let entries = acc.stationBinCells.reduce(0) { $0 + $1.counts.entries }
        let occupied = acc.stationBinCells.filter { $0.key.station == StationID(2) }.map(\.key.binStart)
        #expect(entries == 1)
        #expect(occupied == [0, 1, 2].map { t0 / 900_000 * 900_000 + Int64($0) * 900_000 })
        // A new device starts afresh.
        acc.beginDevice()
        let next = (0..<3).map { _ in acc.admitJourney() }
        #expect(next == [true, true, false])
        // An exact accumulator admits everything.
        var exact = CrowdingAccumulator(binMillis: 900_000)
        exact.beginDevice()
        var all = true
        for _ in 0..<5 { all = all && exact.admitJourney() }
        #expect(all)
    }

    @Test func privateSnapshotHasAFixedDomainAndNoAccounting() throws {
        let dir = BatchFixtures.tempDirectory("private-domain")
        let paths = try BatchFixtures.writeSplit(BatchFixtures.syntheticLines(devices: 300, seed: 3), into: dir, files: 2, seed: 3)
        let result = try BatchFixtures.job(paths) { $0.release = .default }.run()
        let s = result.snapshot
        let stations = BatchFixtures.london.stations.indices.filter { !BatchFixtures.london.accessPointsOfStation[$0].isEmpty }.count
        let bins = Set(s.stationBins.map(\.binStart)).count
        #expect(bins >= 96)
        #expect(s.stationBins.count == bins * stations)
        #expect(s.linkLoads.count == bins * BatchFixtures.london.links.count)
        #expect(s.eventsPerStationHour.isEmpty)
        #expect(s.privacy != nil)
        #expect(s.quality.parameters["release"] == "differentially_private")
        // Unclamped, so sums are unbiased: the network's occupancy total within 5σ√cells of the exact one.
        #expect(s.stationBins.allSatisfy { $0.occupancy != nil })
        let exact = try BatchFixtures.job(paths).run().snapshot
        let exactTotal = Double(exact.stationBins.reduce(0) { $0 + ($1.occupancy ?? 0) })
        let privateTotal = Double(s.stationBins.reduce(0) { $0 + ($1.occupancy ?? 0) })
        #expect(abs(privateTotal - exactTotal) < 5 * PrivacyBudget.default.sigma(.occupancy) * Double(s.stationBins.count).squareRoot())
        // Passenger estimates add up from the published entries.
        let entriesSum = s.stationBins.reduce(0) { $0 + ($1.entries ?? 0) }
        let sampleSum = s.passengerEstimates.filter { $0.direction == .entries }.reduce(0) { $0 + ($1.sampleDevices ?? 0) }
        #expect(entriesSum == sampleSum)
        // Route shares of an OD pair sum to 1.
        var shares: [String: Double] = [:]
        for r in s.routeSplits { shares["\(r.dayStart)-\(r.origin)-\(r.destination)", default: 0] += r.share ?? 0 }
        #expect(shares.values.allSatisfy { abs($0 - 1) < 1e-9 })
        // Two draws differ (fresh noise), on the same rows.
        let again = try #require(result.republish())
        #expect(again.stationBins.map(\.binStart) == s.stationBins.map(\.binStart))
        #expect(again.stationBins.map(\.occupancy) != s.stationBins.map(\.occupancy))
    }
}

extension SplitMix: RandomNumberGenerator {}

@Suite struct DeviceDayKeyingTests {
    @Test func eachServiceDayOfADeviceIsADeviceOfItsOwn() {
        var keying = DeviceDayKeying(calendar: ServiceCalendar())
        let key = DeviceKey(token: "a-device")
        let t = BatchFixtures.morning   // 07:00 London
        let same = keying.rekey(Event(time: t, device: key, accessPoint: AccessPointID(0))).device
        let later = keying.rekey(Event(time: t + 12 * 3_600_000, device: key, accessPoint: AccessPointID(0))).device
        let nextDay = keying.rekey(Event(time: t + 24 * 3_600_000, device: key, accessPoint: AccessPointID(0))).device
        // 04:00 next morning is still the same service day (it starts at 04:30).
        let small = keying.rekey(Event(time: t + 21 * 3_600_000, device: key, accessPoint: AccessPointID(0))).device
        #expect(same == later && same == small)
        #expect(same != nextDay && same != key)
        let other = keying.rekey(Event(time: t, device: DeviceKey(token: "another"), accessPoint: AccessPointID(0))).device
        #expect(other != same)
    }
}

@Suite struct PrivateReleaseWindowTests {
    @Test func aWindowFixesTheDomainsDays() throws {
        let dir = BatchFixtures.tempDirectory("private-window")
        let paths = try BatchFixtures.writeSplit(BatchFixtures.syntheticLines(devices: 50, seed: 4), into: dir, files: 1, seed: 4)
        let result = try BatchFixtures.job(paths) {
            $0.release = .default
            $0.windowStart = BatchFixtures.morning - 2 * 86_400_000
            $0.windowEnd = BatchFixtures.morning + 86_400_000
        }.run()
        let calendar = ServiceCalendar()
        let days = Set(result.snapshot.stationBins.map { calendar.serviceDayStart(of: $0.binStart) })
        // Four service days (04:30 to 04:30) overlap the window 07:00 − 2 days … 07:00 + 1 day, all published.
        #expect(days.count == 4)
        #expect(result.snapshot.distributions.count == 4 * DistributionRow.Metric.allCases.count)
    }
}
