import Foundation
import Testing
import ThrongCore
import ThrongEvaluation
import ThrongIO

/// Truth links from the `ridden_path` column, and the fallback for truth files without it.
@Suite struct TruthPathTests {
    static func link(_ n: Network, _ line: String, _ from: String, _ to: String) -> LinkID? {
        let l = n.lineByName[line]!, a = n.stationByNaptan[from]!, b = n.stationByNaptan[to]!
        return n.outgoing[a.index].first { n.links[$0.index].line == l && n.links[$0.index].to == b }
    }

    @Test func riddenPathNamesTheLinksExactly() throws {
        let n = EvaluationFixtures.network
        // Camden Town → Euston: direct (Bank branch) or via Mornington Crescent (Charing Cross
        // branch); the boarding/alighting path string is the same, the ridden paths are not.
        let direct = try #require(TruthPath.links(ofRidden: "940GZZLUCTN>Northern>940GZZLUEUS", in: n))
        let viaMTC = try #require(TruthPath.links(ofRidden: "940GZZLUCTN>Northern>940GZZLUMTC>Northern>940GZZLUEUS", in: n))
        #expect(direct == [Self.link(n, "Northern", "940GZZLUCTN", "940GZZLUEUS")])
        #expect(viaMTC == [Self.link(n, "Northern", "940GZZLUCTN", "940GZZLUMTC"), Self.link(n, "Northern", "940GZZLUMTC", "940GZZLUEUS")])
        // A walk adds no link; a hop that is not a link, an unknown line or a malformed string is nil.
        let walk = try #require(TruthPath.links(ofRidden: "940GZZLUCTN>Northern>940GZZLUEUS>walk>940GZZLUESQ", in: n))
        #expect(walk == direct)
        #expect(TruthPath.links(ofRidden: "940GZZLUCTN>Northern>940GZZLUKSX", in: n) == nil)
        #expect(TruthPath.links(ofRidden: "940GZZLUCTN>Purple>940GZZLUEUS", in: n) == nil)
        #expect(TruthPath.links(ofRidden: "940GZZLUCTN>Northern", in: n) == nil)
        #expect(TruthPath.links(ofRidden: "940GZZLUCTN>Northern>>Northern>940GZZLUEUS", in: n) == nil)
    }

    /// The simulator writes `ridden_path`: every truth journey's links are exact, so nothing is
    /// ambiguous and each journey's links join its origin to its destination. The same file
    /// without the column (an older simulator) falls back to the path string, with ambiguities.
    @Test func truthUsesRiddenPathsAndFallsBackWithoutThem() throws {
        let c = try EvaluationFixtures.fullCoverage.get()
        let n = EvaluationFixtures.network
        #expect(c.truth.ambiguousLinks.isEmpty)
        #expect(c.report.ambiguousLinkCount == 0)
        for j in c.truth.journeys where j.origin != j.destination {
            #expect(!j.links.isEmpty, "\(j.id): no links")
            for (x, y) in zip(j.links, j.links.dropFirst()) {
                let a = n.links[x.index], b = n.links[y.index]
                // Consecutive links meet at a station or across a listed walk.
                #expect(a.to == b.from || n.walkNeighbours(of: a.to).contains(b.from), "\(j.id): links do not join")
            }
        }

        let old = c.directory + "-old-format"
        try? FileManager.default.removeItem(atPath: old)
        try FileManager.default.createDirectory(atPath: old + "/truth", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: old) }
        try FileManager.default.copyItem(atPath: c.directory + "/summary.json", toPath: old + "/summary.json")
        var text = ""
        var reader = try ZstdReader(path: c.directory + "/truth/journeys.csv.zst")
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var bytes: [UInt8] = []
        while true {
            let k = try chunk.withUnsafeMutableBytes { try reader.read(into: $0) }
            if k == 0 { break }
            bytes += chunk[0..<k]
        }
        text = String(decoding: bytes, as: UTF8.self)
        var writer = try ZstdWriter(path: old + "/truth/journeys.csv.zst")
        var header = true
        for line in text.split(separator: "\n") {
            let cut = line[..<line.lastIndex(of: ",")!]  // ridden_path is last and has no comma
            if header { #expect(line.hasSuffix(",ridden_path")); header = false }
            try writer.write(String(cut) + "\n")
        }
        try writer.finish()
        let fallback = try GroundTruth.load(directory: old, network: n, routes: EvaluationFixtures.sharedRoutes)
        #expect(fallback.journeys.count == c.truth.journeys.count)
        #expect(!fallback.ambiguousLinks.isEmpty, "the path string alone is ambiguous somewhere")
        // Where the fallback is not ambiguous it agrees with the ridden paths.
        var agree = 0
        for (a, b) in zip(fallback.journeys, c.truth.journeys) where fallback.ambiguousLinks.isDisjoint(with: a.links) {
            #expect(a.links == b.links, "\(a.id): fallback \(a.links) vs ridden \(b.links)")
            agree += 1
        }
        #expect(agree > c.truth.journeys.count / 2)
    }
}
