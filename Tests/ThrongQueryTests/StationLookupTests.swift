import Testing
import ThrongCore
import ThrongQuery

/// Finding stations by NaPTAN, forgiving name, display name and hub code.
@Suite struct StationLookupTests {
    let directory = SyntheticSnapshot.index.stations
    let index = SyntheticSnapshot.index

    func naptan(_ query: String) throws -> String {
        index.station(try directory.resolve(query).requested).naptan
    }

    @Test func namesAreForgiving() throws {
        #expect(try naptan("940GZZLUOXC") == "940GZZLUOXC")
        #expect(try naptan("940gzzluoxc") == "940GZZLUOXC")
        #expect(try naptan("oxford circus") == "940GZZLUOXC")
        #expect(try naptan("  Oxford Circus Underground Station ") == "940GZZLUOXC")
        #expect(try naptan("Kings Cross St. Pancras") == "940GZZLUKSX")
        #expect(try naptan("King's Cross Saint Pancras") == "940GZZLUKSX")
        #expect(try naptan("Kings Cross") == "940GZZLUKSX")             // unique prefix
        #expect(try naptan("St James's Park") == "940GZZLUSJP")
        #expect(try naptan("st jamess park") == "940GZZLUSJP")
        #expect(try naptan("Elephant and Castle") == "940GZZLUEAC")
        #expect(try naptan("Elephant & Castle") == "940GZZLUEAC")
        #expect(try naptan("Harrow-on-the-Hill") == "940GZZLUHOH")
        #expect(try naptan("Harrow on the Hill") == "940GZZLUHOH")
    }

    @Test func sharedNamesGetDisambiguatedDisplayNames() throws {
        let names = index.network.stations.map(\.displayName)
        #expect(Set(names).count == names.count)   // unique
        #expect(names.contains("Paddington (H&C)"))
        #expect(names.contains("Paddington (Bakerloo, District)"))
        #expect(names.contains("Edgware Road (Bakerloo)"))
        #expect(names.contains("Hammersmith (Circle, H&C)"))
        #expect(try naptan("Paddington (H&C)") == "940GZZLUPAH")
        #expect(try naptan("edgware road (bakerloo)") == "940GZZLUERB")
        for ambiguous in ["Paddington", "Edgware Road", "Hammersmith"] {
            do {
                _ = try directory.resolve(ambiguous)
                Issue.record("\(ambiguous) resolved to one station")
            } catch {
                #expect(error.code == .ambiguousStation)
                #expect(error.suggestions.count == 2)
                #expect(error.suggestions.allSatisfy { $0.hasPrefix(ambiguous + " (") })
            }
        }
    }

    @Test func hubCodes() throws {
        #expect(try naptan("HUBKGX") == "940GZZLUKSX")
        #expect(try naptan("hubban") == "940GZZLUBNK")
        #expect(directory.stations(hub: "HUBPAD").count == 2)
        #expect(throws: ThrongQueryError.self) { try directory.resolve("HUBPAD") }
    }

    @Test func monumentAnswersAsBank() throws {
        let m = try directory.resolve("Monument")
        #expect(index.station(m.requested).naptan == "940GZZLUMMT")
        #expect(index.station(m.station).naptan == "940GZZLUBNK")
        // Its figures are Bank's.
        let t = SyntheticSnapshot.instant(CivilDate(year: 2016, month: 8, day: 17), minute: 12 * 60)
        let viaMonument = try index.crowding(at: m.requested, time: t)
        let bank = try index.crowding(at: SyntheticSnapshot.bank, time: t)
        #expect(viaMonument == bank)
        #expect(viaMonument.station == SyntheticSnapshot.bank)
    }

    @Test func unknownStationsSuggestCloseNames() {
        do {
            _ = try directory.resolve("Oxfrod Circus")
            Issue.record("resolved a misspelt name")
        } catch {
            #expect(error.code == .unknownStation)
            #expect(error.suggestions.first == "Oxford Circus")
        }
        #expect(throws: ThrongQueryError.self) { try directory.resolve("") }
        #expect(throws: ThrongQueryError.self) { try directory.resolve("Gotham City") }
    }
}
