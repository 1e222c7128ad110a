import Testing
import ThrongBatch
import ThrongCore
import ThrongEvaluation
import ThrongSimulator

/// The batch engine against the simulator's ground truth (thresholds: docs/accuracy.md).
@Suite struct AccuracyTests {
    @Test func fullCoverageODAccuracy() throws {
        let c = try EvaluationFixtures.fullCoverage.get()
        let od = c.report.od
        #expect(od.observable > 1000)
        #expect(od.missed + od.split + od.merged + od.wrongOrigin + od.wrongDestination + od.correct == od.observable)
        print("full OD: \(od.correct) of \(od.observable); split \(od.split), wrong origin \(od.wrongOrigin), wrong destination \(od.wrongDestination); precision \(od.precision)")
        #expect(od.rate >= 0.95, "OD right for \(od.correct) of \(od.observable)")
        // Published OD journeys are right (precision) at full coverage.
        #expect(od.precision >= 0.95, "engine OD right for \(od.engineMatched) of \(od.engineJourneys)")
    }

    @Test func fullCoverageLinkLoads() throws {
        let c = try EvaluationFixtures.fullCoverage.get()
        let links = c.report.links
        #expect(links.busiest.count == 50)
        print("busiest links: max \(links.maxRelativeError), median \(links.medianRelativeError), within 5%: \(links.within(0.05))")
        // The threshold: every one of the 50 busiest links within 5% of truth. Met since
        // inferred cells are disclosure-controlled by distinct journeys (docs/accuracy.md): before,
        // fractional link cells below k were withheld and the worst link was 14.1% off.
        #expect(links.maxRelativeError <= 0.05)
        // Links whose truth is ambiguous (a truth path matching several candidate routes) set aside:
        let u = c.report.unambiguousLinks
        print("busiest unambiguous links: max \(u.maxRelativeError), median \(u.medianRelativeError), within 5%: \(u.within(0.05))")
        #expect(u.maxRelativeError <= 0.05)
        // What does hold: the typical busy link is close, and the engine loses few traversals overall.
        #expect(links.medianRelativeError <= 0.10)
        #expect(u.medianRelativeError <= 0.10)
        #expect(abs(links.engineTotal - links.truthTotal) / links.truthTotal <= 0.10)
    }

    @Test func kingsCrossToWaterlooSplit() throws {
        // Targeted demand: only King's Cross St Pancras → Waterloo, enough journeys to compare shares.
        var config = EvaluationFixtures.tiny(seed: 11)
        config.scale = 1
        let demand = EvaluationFixtures.targetedDemand([("940GZZLUKSX", "940GZZLUWLO", 6000)])
        let c = try EvaluationFixtures.evaluate(config, demand: demand, name: "kx-wlo", reference: false)
        let split = try #require(c.report.routeSplits.first)
        #expect(split.truthJourneys >= 200)
        #expect(split.routes.count >= 2)
        // 3.1 pp measured since 0.9 (issue 9: Victoria and Northern from King's Cross to Euston
        // are now line variants, and the residual is Warren Street vs Euston as the change to
        // the Northern line, 73 vs 60.6 journeys); ≤ 3 pp before, 4.0 pp without corridor evidence.
        #expect(split.maxDifferencePoints <= 3.5, "max difference \(split.maxDifferencePoints) pp")
    }

    @Test func pilotCoverageReported() throws {
        let c = try EvaluationFixtures.evaluate(EvaluationFixtures.tiny(seed: 7, wifi: .pilot), name: "pilot", reference: false)
        #expect(c.report.wifiStations == PilotStations.naptans.count)
        let od = c.report.od
        #expect(od.observable > 100)
        // Not asserted at 95%: docs/accuracy.md records the measured rate. It must still be a
        // useful reconstruction, far above chance.
        print("pilot OD: \(od.correct) of \(od.observable); links max \(c.report.links.maxRelativeError), median \(c.report.links.medianRelativeError)")
        #expect(od.rate >= 0.8, "pilot OD right for \(od.correct) of \(od.observable)")
        // With partial coverage an interchange visit (corridor and platforms, the previous or
        // next station without wifi) must not be published as an origin or destination: an
        // observed end needs an entrance or ticket-hall ping (docs/semantics.md, docs/accuracy.md).
        print("pilot precision \(od.precision), wrong with a truth end lacking wifi \(od.engineEndWithoutWifi)")
        #expect(od.precision >= 0.95, "pilot engine OD right for \(od.engineMatched) of \(od.engineJourneys)")
    }
}
