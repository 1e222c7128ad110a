import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongLive
import ThrongQuery
import ThrongServer
import ThrongWeb

@Suite("Serving the live engine")
struct LiveServingTests {
    /// The fixture's Tuesday streamed into a live engine; the server answers from its epochs,
    /// judged against the snapshot's typical levels.
    @Test func liveFiguresComeFromTheEngineAgainstTheSnapshotsBaseline() async throws {
        let fixture = ServerFixture.data
        var config = LiveConfiguration(batch: ServerFixture.batchConfiguration)
        config.publishIntervalSeconds = 0.2
        let engine = try LiveEngine(network: ServerFixture.network, configuration: config)
        engine.start()
        let tuesday = fixture.files.filter { $0.contains("2019-11-12") }
        #expect(!tuesday.isEmpty)
        var events: [Event] = []
        _ = try EventLogReader.readFiles(paths: tuesday, resolver: engine.resolver) { events.append(contentsOf: $0.events) }
        events.sort { $0.time < $1.time }
        // Up to 08:40 local (GMT in November): the last complete 15-minute bin is 08:15–08:30.
        let cut = fixture.index.localTime.parse("2019-11-12 08:40")!
        let source = engine.addSource("test")
        let early = events.filter { $0.time < cut }
        engine.ingest(EventBatch(file: "test", events: early, lineCount: early.count), from: source)
        // Wait for an epoch that has seen them.
        var epoch = engine.current
        for _ in 0..<200 where epoch.status.acceptedEvents < early.count || epoch.sequence < 2 {
            try await Task.sleep(for: .milliseconds(50))
            epoch = engine.current
        }
        #expect(epoch.status.acceptedEvents == early.count)

        let server = try ServerFixture.server(live: engine)
        let station = fixture.index.stations.station(naptan: "940GZZLUWLO")!
        try await ServerFixture.test(server) { client in
            try await client.execute(uri: "/crowding/940GZZLUWLO/Live", method: .get) { response in
                let body = response.json
                #expect(body["dataAvailable"] as? Bool == true, "\(response.text)")
                // The figure is the live index's 08:15 bin against the snapshot's busiest typical band.
                let current = engine.current
                let bin = fixture.index.localTime.parse("2019-11-12 08:15")!
                let expected = try current.index.crowding(at: station, time: bin, against: fixture.index)
                let got = body["percentageOfBaseline"] as? Double ?? -1
                #expect(abs(got - (expected.reading.percentageOfBaseline ?? -2)) < 1e-6)
                // …which is the live people over the snapshot's busiest typical band (its baseline),
                // not over anything the live engine has seen.
                let baseline = fixture.index.typicalWeek(at: station).baselinePeople
                #expect(baseline > 0)
                #expect(abs(got - (expected.reading.people?.people ?? 0) / baseline) < 1e-6)
                // Judged against the live index itself, stations would read otherwise (the snapshot's
                // busiest band is often on another morning, or after 08:40).
                var differing = 0
                for i in current.index.network.stations.indices {
                    let s = StationID(UInt16(i))
                    guard let own = try? current.index.crowding(at: s, time: bin, basis: .observed).reading.percentageOfBaseline,
                          let against = try? current.index.crowding(at: s, time: bin, against: fixture.index).reading.percentageOfBaseline else { continue }
                    if abs(own - against) > 1e-9 { differing += 1 }
                }
                #expect(differing > 10)
                #expect(body["timeUtc"] as? String == "2019-11-12T08:30:00.000Z")
                #expect(body["timeLocal"] as? String == "2019-11-12 08:30:00")
            }
            try await client.execute(uri: "/v1/stations/940GZZLUWLO/live", method: .get) { response in
                #expect(response.status == .ok)
                let body = response.json
                #expect(body["baseline"] as? String == "snapshot")
                #expect(body["source"] as? String == "observed")
                let problems = OpenAPIConformance.shared.problems(path: "/v1/stations/940GZZLUWLO/live", status: 200, body: body)
                #expect(problems.isEmpty, "\(problems)")
            }
            try await client.execute(uri: "/v1/live/status", method: .get) { response in
                let body = response.json
                #expect(body["live"] as? Bool == true)
                #expect(body["acceptedEvents"] as? Int == early.count)
                #expect(!response.text.contains("device\""), "nothing names a device")
                let problems = OpenAPIConformance.shared.problems(path: "/v1/live/status", status: 200, body: body)
                #expect(problems.isEmpty, "\(problems)")
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.text.contains("throng_live_events_accepted \(early.count)"))
            }
        }
        _ = engine.finish()
    }

    @Test func theReportIsOneSelfContainedPage() throws {
        let fixture = ServerFixture.data
        var builder = ReportBuilder()
        builder.times = ["08:30"]
        let html = try builder.html(snapshotPath: fixture.snapshotPath, network: ServerFixture.network)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("window.THRONG_REPORT = {"))
        #expect(html.contains("function renderMap"))
        // Nothing is fetched: no external script, style sheet or image.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link rel=\"stylesheet\""))
        let start = html.range(of: "window.THRONG_REPORT = ")!.upperBound
        let end = html.range(of: ";</script>", range: start..<html.endIndex)!.lowerBound
        let data = try JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as! [String: Any]
        #expect(((data["geometry"] as? [String: Any])?["stations"] as? [Any])?.count == ServerFixture.network.stations.count)
        #expect((data["maps"] as? [Any])?.count == 1)
        #expect(!((data["topOD"] as? [Any]) ?? []).isEmpty)
        let quality = (data["quality"] as? [[String: Any]]) ?? []
        let value = { (name: String) in quality.first { $0["name"] as? String == name }?["value"] as? Int }
        #expect(value("lines_read") == (value("accepted") ?? 0) + (value("rejected") ?? 0), "the quality record reconciles")
    }
}
