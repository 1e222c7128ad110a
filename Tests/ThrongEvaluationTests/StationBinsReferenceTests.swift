import Testing
import ThrongBatch
import ThrongCore
import ThrongEvaluation

/// Station bins published by the engine against the brute-force reference, cell by cell.
@Suite struct StationBinsReferenceTests {
    @Test func publishedRuleMatchesExactly() throws {
        let c = try EvaluationFixtures.fullCoverage.get()
        let r = try #require(c.report.references.first { $0.rule == .consecutiveEvents })
        #expect(r.cells > 500)
        #expect(r.isExact, "\(r.examples.joined(separator: "\n"))")
    }

    @Test func referenceDetectsADifference() throws {
        // The comparison is not a tautology: one changed cell is reported.
        let c = try EvaluationFixtures.fullCoverage.get()
        var engine = ReferenceStationBins.published(c.run.snapshot)
        let key = try #require(engine.keys.sorted().first)
        engine[key]!.entries += 1
        let network = EvaluationFixtures.network
        let cmp = ReferenceComparison.compare(reference: ReferenceStationBins.published(c.run.snapshot), engine: engine, network: network)
        #expect(!cmp.isExact)
        #expect(cmp.entryMismatches == 1)
    }
}
