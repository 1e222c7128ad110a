import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ThrongQuery
import ThrongServer

@Suite("TfL-compatible crowding endpoints")
struct TfLCompatibilityTests {
    @Test func theTypicalWeekHasTfLsShapeAndSpellings() async throws {
        let server = try ServerFixture.server()
        let index = ServerFixture.data.index
        try await ServerFixture.test(server) { client in
            try await client.execute(uri: "/crowding/940GZZLUOXC", method: .get) { response in
                #expect(response.status == .ok)
                let body = response.json
                #expect(Set(body.keys) == ["naptan", "daysOfWeek", "isFound", "isAlwaysQuiet"])
                #expect(body["naptan"] as? String == "940GZZLUOXC")
                #expect(body["isFound"] as? Bool == true)
                let days = body["daysOfWeek"] as? [[String: Any]] ?? []
                // The fixture has Monday, Tuesday and Wednesday mornings.
                #expect(days.map { $0["dayOfWeek"] as? String } == ["Mon", "Tue", "Wed"])
                for day in days {
                    #expect(Set(day.keys) == ["dayOfWeek", "amPeakTimeBand", "pmPeakTimeBand", "timeBands"])
                    let bands = day["timeBands"] as? [[String: Any]] ?? []
                    #expect(bands.count == 96)
                    #expect(bands.first?["timeBand"] as? String == "00:00-00:15")
                    #expect(bands.last?["timeBand"] as? String == "23:45-00:00")
                    #expect(bands.allSatisfy { Set($0.keys) == ["timeBand", "percentageOfBaseLine"] }, "TfL's capital L")
                }
                // Every band is a share of the station's busiest typical band: 0…1, and 1 somewhere.
                let values = days.flatMap { ($0["timeBands"] as? [[String: Any]] ?? []).compactMap { $0["percentageOfBaseLine"] as? Double } }
                #expect(values.allSatisfy { (0...1).contains($0) })
                #expect(abs((values.max() ?? 0) - 1) < 1e-6)
                // The same figures as the query library.
                let monday = index.typicalDay(at: index.stations.station(naptan: "940GZZLUOXC")!, day: .monday)
                let eightThirty = (days[0]["timeBands"] as? [[String: Any]])?[34]["percentageOfBaseLine"] as? Double
                #expect(abs((eightThirty ?? -1) - (monday.bands[34].reading.percentageOfBaseline ?? 0)) < 1e-7)
                #expect(days[0]["amPeakTimeBand"] as? String == monday.amPeak?.timeBand)
            }
        }
    }

    @Test func oneDayPutsItsBandsAtTheTopLevelAndPathsIgnoreCase() async throws {
        let server = try ServerFixture.server()
        try await ServerFixture.test(server) { client in
            var first = ""
            try await client.execute(uri: "/crowding/940GZZLUOXC/Mon", method: .get) { response in
                #expect(response.status == .ok)
                let body = response.json
                #expect(Set(body.keys) == ["naptan", "dayOfWeek", "amPeakTimeBand", "pmPeakTimeBand", "timeBands", "isFound", "isAlwaysQuiet"])
                #expect(body["dayOfWeek"] as? String == "Mon")
                #expect((body["timeBands"] as? [Any])?.count == 96)
                first = response.text
            }
            try await client.execute(uri: "/CROWDING/940gzzluoxc/monday?app_key=abc&app_id=x", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == first)
            }
        }
    }

    @Test func errorsUseTfLsApiErrorShapeAndStatus() async throws {
        let server = try ServerFixture.server()
        try await ServerFixture.test(server) { client in
            try await client.execute(uri: "/crowding/940GZZLUOXC/Funday", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = response.json
                #expect(Set(body.keys) == ["$type", "timestampUtc", "exceptionType", "httpStatusCode", "httpStatus", "relativeUri", "message"])
                #expect(body["httpStatusCode"] as? Int == 400)
                #expect((body["message"] as? String)?.contains("Funday") == true)
            }
            try await client.execute(uri: "/crowding/Oxford%20Circs", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.json["httpStatus"] as? String == "NotFound")
                #expect((response.json["message"] as? String)?.contains("Oxford Circus") == true, "the suggestion")
            }
        }
    }

    @Test func liveWithoutAFeedSaysNoDataInTfLsShape() async throws {
        let server = try ServerFixture.server()
        try await ServerFixture.test(server) { client in
            try await client.execute(uri: "/crowding/940GZZLUOXC/Live", method: .get) { response in
                #expect(response.status == .ok)
                let body = response.json
                #expect(Set(body.keys) == ["dataAvailable", "percentageOfBaseline", "timeUtc", "timeLocal"])
                #expect(body["dataAvailable"] as? Bool == false)
                #expect(response.headers[.cacheControl] == "no-cache")
            }
        }
    }

    @Test func monumentAnswersAsBank() async throws {
        let server = try ServerFixture.server()
        try await ServerFixture.test(server) { client in
            var bank = ""
            try await client.execute(uri: "/crowding/940GZZLUBNK/Tue", method: .get) { bank = $0.text }
            try await client.execute(uri: "/crowding/940GZZLUMMT/Tue", method: .get) { response in
                #expect(response.json["naptan"] as? String == "940GZZLUMMT")
                #expect(bank.contains("0.") && response.text == bank.replacingOccurrences(of: "940GZZLUBNK", with: "940GZZLUMMT"))
            }
        }
    }
}
