import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ThrongCore
import ThrongQuery
import ThrongServer

@Suite("/v1 API, operations and the OpenAPI document")
struct V1APITests {
    /// Requests whose responses are checked against openapi.json (status as documented, body as its schema).
    static let documentedRequests: [(String, Int)] = [
        ("/crowding/940GZZLUOXC/Live", 200), ("/crowding/940GZZLUOXC", 200), ("/crowding/940GZZLUOXC/Wed", 200),
        ("/crowding/NOPE", 404), ("/crowding/940GZZLUOXC/Xday", 400),
        ("/v1/stations", 200), ("/v1/stations/crowding?time=2019-11-12%2008:30", 200),
        ("/v1/stations/HUBKGX", 200), ("/v1/stations/oxford%20circus/crowding?time=2019-11-12%2008:30", 200),
        ("/v1/stations/Bank/crowding?time=2019-11-16%2008:30&basis=typical&measure=entries", 200),
        ("/v1/stations/Paddington/crowding", 400), ("/v1/stations/Oxford%20Circs/crowding", 404),
        ("/v1/stations/oxford%20circus/crowding?measure=nonsense", 400), ("/v1/stations/oxford%20circus/crowding?time=yesterday", 400),
        ("/v1/stations/oxford%20circus/live", 404),
        ("/v1/stations/940GZZLUWLO/typical", 200), ("/v1/stations/940GZZLUWLO/typical?day=Tue", 200),
        ("/v1/stations/940GZZLUWLO/day?date=2019-11-12", 200), ("/v1/stations/940GZZLUWLO/interchanges?time=2019-11-12%2008:30", 200),
        ("/v1/links?time=2019-11-12%2008:30&limit=5", 200), ("/v1/links?line=Victoria&time=2019-11-12%2008:30", 200),
        ("/v1/links?line=Nowhere", 400), ("/v1/links/3?time=2019-11-12%2008:30", 200), ("/v1/links/999999", 404),
        ("/v1/od/940GZZLUKSX/940GZZLUWLO", 200),
        ("/v1/routes/crowding?path=King%27s%20Cross%20St%20Pancras%3EVictoria%3EGreen%20Park%3EJubilee%3EWaterloo&departure=2019-11-12%2008:00", 200),
        ("/v1/routes/crowding?path=Nowhere%3EVictoria%3EBank", 400), ("/v1/routes/crowding", 400),
        ("/v1/routes/least-crowded?path=Brixton%3EVictoria%3EGreen%20Park&from=2019-11-12%2007:00&to=2019-11-12%2009:00&step=15", 200),
        ("/v1/live/status", 200), ("/v1/network", 200), ("/healthz", 200), ("/readyz", 200),
    ]

    @Test func everyResponseConformsToTheOpenAPIDocument() async throws {
        let server = try ServerFixture.server()
        try await ServerFixture.test(server) { client in
            for (uri, status) in Self.documentedRequests {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(Int(response.status.code) == status, "\(uri): \(response.text.prefix(300))")
                    let body = try JSONSerialization.jsonObject(with: Data(response.text.utf8))
                    let problems = OpenAPIConformance.shared.problems(path: uri, status: Int(response.status.code), body: body)
                    #expect(problems.isEmpty, "\(uri): \(problems.prefix(5))")
                }
            }
        }
    }

    @Test func theValidatorCatchesADriftedResponse() {
        // A response with a renamed member and a wrong type must fail: the check above can fail.
        let bad: [String: Any] = ["dataAvailable": "yes", "percentageOfBaseLine": 0.1, "timeUtc": "x", "timeLocal": "y"]
        let problems = OpenAPIConformance.shared.problems(path: "/crowding/940GZZLUOXC/Live", status: 200, body: bad)
        #expect(problems.count >= 3, "\(problems)")
    }

    @Test func stationFiguresAreTheQueryLibrarysAnswer() async throws {
        let server = try ServerFixture.server()
        let index = ServerFixture.data.index
        let station = index.stations.station(naptan: "940GZZLUWLO")!
        let t = index.localTime.parse("2019-11-12 08:30")!
        let expected = try index.crowding(at: station, time: t)
        try await ServerFixture.test(server) { client in
            try await client.execute(uri: "/v1/stations/940GZZLUWLO/crowding?time=\(t)", method: .get) { response in
                let body = response.json
                #expect(body["source"] as? String == "observed")
                let people = body["people"] as? [String: Any]
                #expect(abs((people?["estimate"] as? Double ?? -1) - ((expected.people?.people ?? 0) * 10).rounded() / 10) < 1e-9)
                #expect(body["level"] as? String == expected.level?.rawValue)
            }
        }
    }

    @Test func typicalResponsesCarryAnETagAndAnswer304() async throws {
        let server = try ServerFixture.server()
        try await ServerFixture.test(server) { client in
            var tag = ""
            try await client.execute(uri: "/crowding/940GZZLUOXC/Tue", method: .get) { response in
                tag = response.headers[.eTag] ?? ""
                #expect(tag.hasPrefix("\"") && tag.count == 18)
                #expect(response.headers[.cacheControl] == "public, max-age=3600")
            }
            try await client.execute(uri: "/crowding/940GZZLUOXC/Tue", method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/crowding/940GZZLUOXC/Wed", method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .ok, "another body, another tag")
            }
        }
    }

    @Test func browsersGetCORSHeaders() async throws {
        let server = try ServerFixture.server()
        try await ServerFixture.test(server) { client in
            try await client.execute(uri: "/crowding/940GZZLUOXC/Live", method: .get, headers: [.origin: "https://planner.example"]) { response in
                #expect(response.headers[.accessControlAllowOrigin] == "*")
            }
            try await client.execute(uri: "/v1/stations", method: .options, headers: [.origin: "https://planner.example", .accessControlRequestMethod: "GET"]) { response in
                #expect(response.status == .noContent || response.status == .ok)
                #expect(response.headers[.accessControlAllowMethods]?.contains("GET") == true)
            }
        }
    }

    @Test func apiKeysGuardV1Only() async throws {
        let server = try ServerFixture.server { $0.apiKeys = ["s3cret"] }
        try await ServerFixture.test(server) { client in
            try await client.execute(uri: "/v1/stations", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect((response.json["error"] as? [String: Any])?["code"] as? String == "unauthorized")
            }
            try await client.execute(uri: "/v1/stations?app_key=wrong", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/stations?app_key=s3cret", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/stations", method: .get, headers: [HTTPField.Name("X-API-Key")!: "s3cret"]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/crowding/940GZZLUOXC", method: .get) { #expect($0.status == .ok, "TfL paths stay open") }
        }
    }

    @Test func boundsAndMethods() async throws {
        let server = try ServerFixture.server()
        try await ServerFixture.test(server) { client in
            let long = "/v1/stations/" + String(repeating: "a", count: 5000)
            try await client.execute(uri: long, method: .get) { #expect($0.status == .uriTooLong) }
            try await client.execute(uri: "/v1/stations", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .badRequest || response.status == .methodNotAllowed || response.status == .notFound)
                #expect(response.json["error"] != nil, "a JSON error, whatever the status")
            }
        }
    }

    @Test func metricsCountRequestsPerRouteGroup() async throws {
        let server = try ServerFixture.server()
        try await ServerFixture.test(server) { client in
            for _ in 0..<3 { try await client.execute(uri: "/crowding/940GZZLUOXC/Live", method: .get) { _ in } }
            try await client.execute(uri: "/v1/stations/nowhere-at-all", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = response.text
                #expect(text.contains("throng_http_requests_total{route=\"tfl_live\",status=\"200\"} 3"), "\(text.prefix(2000))")
                #expect(text.contains("throng_http_requests_total{route=\"v1\",status=\"404\"} 1"))
                #expect(text.contains("throng_http_request_duration_seconds_bucket"))
            }
        }
    }

    @Test func theDashboardIsServedFromTheBinary() async throws {
        let server = try ServerFixture.server()
        try await ServerFixture.test(server) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains("/assets/throng.js"))
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            }
            try await client.execute(uri: "/assets/throng.js", method: .get) { response in
                #expect(response.text.contains("renderMap"))
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.json["openapi"] as? String == "3.1.0")
            }
        }
    }
}
