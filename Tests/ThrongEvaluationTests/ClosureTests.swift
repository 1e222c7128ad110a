import Testing
import ThrongBatch
import ThrongCore
import ThrongEvaluation
import ThrongSimulator

/// Victoria line closed between King's Cross St Pancras and Victoria (`LineClosure.default`):
/// the affected OD pairs' route splits must move off the closed section.
@Suite struct ClosureTests {
    static let pairs: [(String, String, Double)] = [
        ("940GZZLUKSX", "940GZZLUVIC", 3000), ("940GZZLUKSX", "940GZZLUGPK", 3000), ("940GZZLUEUS", "940GZZLUVIC", 3000),
        ("940GZZLUKSX", "940GZZLUOXC", 3000),
    ]

    /// Share of the pairs' journeys on routes that ride the closed section: (engine, truth).
    static func closedShare(_ c: EvaluationFixtures.Case) throws -> (engine: Double, truth: Double, maxPoints: Double) {
        let network = EvaluationFixtures.network
        let stations = try LineClosure.default.section(in: network)
        let victoria = network.lineByName["Victoria"]!
        var closed = Set<LinkID>()
        for (i, l) in network.links.enumerated() where l.line == victoria {
            for k in 1..<stations.count where (l.from == stations[k - 1] && l.to == stations[k]) || (l.from == stations[k] && l.to == stations[k - 1]) {
                closed.insert(LinkID(UInt32(i)))
            }
        }
        var engine = 0.0, engineAll = 0.0, truth = 0, truthAll = 0, maxPoints = 0.0
        for split in c.report.routeSplits {
            maxPoints = max(maxPoints, split.maxDifferencePoints)
            for r in split.routes {
                let ridesClosed = (TruthPath.links(of: r.path, in: network) ?? []).contains { closed.contains($0) }
                engineAll += r.engineJourneys
                truthAll += r.truthJourneys
                if ridesClosed { engine += r.engineJourneys; truth += r.truthJourneys }
            }
        }
        return (engine / max(engineAll, 1), Double(truth) / Double(max(truthAll, 1)), maxPoints)
    }

    static func scenario(closed: Bool) -> SimulationConfig {
        var c = EvaluationFixtures.tiny(seed: 5)
        c.scale = 1
        if closed { c.scenario = .closure(.default) }
        return c
    }

    static let demand = EvaluationFixtures.targetedDemand(pairs)
    static let pairNames = pairs.map { ($0.0, $0.1) }

    /// The engine told about the closure (its network folder without the closed links, as an
    /// operator would publish planned works): weight leaves the closed section and the
    /// alternatives' shares follow the truth.
    @Test func closureKnownToTheEngine() throws {
        let network = EvaluationFixtures.network
        let normal = try Self.closedShare(EvaluationFixtures.evaluate(
            Self.scenario(closed: false), demand: Self.demand, name: "closure-normal", reference: false, pairs: Self.pairNames))
        let closedNetwork = try LineClosure.default.apply(to: network)
        let closure = try Self.closedShare(EvaluationFixtures.evaluate(
            Self.scenario(closed: true), demand: Self.demand, name: "closure-known", reference: false, pairs: Self.pairNames,
            engineNetwork: closedNetwork))
        print("closed-section share: normal truth \(normal.truth) engine \(normal.engine); closure (engine knows) truth \(closure.truth) engine \(closure.engine), max \(closure.maxPoints) pp")
        #expect(normal.truth > 0.5 && normal.engine > 0.5)
        #expect(closure.truth == 0)
        #expect(closure.engine == 0)
        #expect(closure.maxPoints <= 10, "closure route shares differ from truth by up to \(closure.maxPoints) pp")
    }

    /// The batch option (`BatchConfiguration.closures`, `throng batch --closure`) on the full
    /// network: the run applies the closure itself, with the same effect as the operated network.
    @Test func closureGivenToTheBatch() throws {
        var configuration = BatchConfiguration.exactRelease
        configuration.closures = [.default]
        let closure = try Self.closedShare(EvaluationFixtures.evaluate(
            Self.scenario(closed: true), demand: Self.demand, name: "closure-batch-option", reference: false, pairs: Self.pairNames,
            configuration: configuration))
        print("closed-section share: closure (batch --closure) truth \(closure.truth) engine \(closure.engine), max \(closure.maxPoints) pp")
        #expect(closure.truth == 0)
        #expect(closure.engine == 0)
        #expect(closure.maxPoints <= 10, "closure route shares differ from truth by up to \(closure.maxPoints) pp")
    }

    /// The engine on the full network, unaware of the closure: its candidate routes for these
    /// pairs (RouteCache, plausibility-filtered) do not include the detours people took, so the
    /// posterior cannot leave the closed section. Measured in docs/accuracy.md.
    @Test func closureUnknownToTheEngine() throws {
        let closure = try Self.closedShare(EvaluationFixtures.evaluate(
            Self.scenario(closed: true), demand: Self.demand, name: "closure-unknown", reference: false, pairs: Self.pairNames))
        print("closed-section share: closure (engine unaware) truth \(closure.truth) engine \(closure.engine)")
        #expect(closure.truth == 0)
        withKnownIssue("engine's candidate routes lack the closure detours (docs/accuracy.md, limitations)") {
            #expect(closure.engine <= 0.05)
        }
    }
}
