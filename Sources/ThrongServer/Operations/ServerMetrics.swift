import Prometheus
import Synchronization
import ThrongLive

/// Prometheus metrics of the server and of the live engine, exposed at `/metrics`.
///
/// Request metrics are recorded by ``MetricsRecorder`` per route group (`tfl_live`, `tfl_typical`,
/// `v1`, `ops`, `dashboard`) and status class, so the label sets stay small and fixed; the live
/// engine's figures are read from its current epoch when scraped.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let histograms: [DurationHistogram]
    /// `[group][status]` for the usual statuses, made up front so a request touches no lock.
    private let usual: [Counter]
    private let others: Mutex<[String: Counter]> = Mutex([:])
    static let groups = ["tfl_live", "tfl_typical", "v1", "ops", "dashboard", "other"]
    static let usualStatuses = [200, 304, 400, 401, 404, 405, 414, 500, 503]

    private let liveAccepted: Gauge, liveRejected: Gauge, liveLate: Gauge, liveLines: Gauge
    private let liveRate: Gauge, liveLag: Gauge, liveDevices: Gauge, liveEvents: Gauge
    private let liveEpoch: Gauge, liveBuild: Gauge, liveVisibleP99: Gauge
    /// (accepted events, wall seconds) at the previous scrape, for events/s.
    private let lastScrape: Mutex<(Int, Double)?> = Mutex(nil)

    init() {
        let buckets: [Duration] = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100), .seconds(1),
        ]
        let registry = self.registry
        histograms = Self.groups.map { g in
            registry.makeDurationHistogram(name: "throng_http_request_duration_seconds", labels: [("route", g)], buckets: buckets,
                                           help: "Time from request head to response, per route group")
        }
        usual = Self.groups.flatMap { g in
            Self.usualStatuses.map { status in
                registry.makeCounter(name: "throng_http_requests_total", labels: [("route", g), ("status", String(status))],
                                     help: "HTTP requests answered, per route group and status")
            }
        }
        liveLines = registry.makeGauge(name: "throng_live_lines_read", help: "Input lines read by the live engine (accepted + rejected)")
        liveAccepted = registry.makeGauge(name: "throng_live_events_accepted", help: "Events accepted by the live engine")
        liveRejected = registry.makeGauge(name: "throng_live_lines_rejected", help: "Input lines rejected (with reason, see the snapshot's rejections)")
        liveLate = registry.makeGauge(name: "throng_live_events_late", help: "Events older than the watermark minus the allowed lateness, counted and left out")
        liveRate = registry.makeGauge(name: "throng_live_events_per_second", help: "Accepted events per second since the previous scrape")
        liveLag = registry.makeGauge(name: "throng_live_watermark_lag_seconds", help: "Wall clock minus the event-time watermark")
        liveDevices = registry.makeGauge(name: "throng_live_devices_in_memory", help: "Device sessions held open (never identified)")
        liveEvents = registry.makeGauge(name: "throng_live_open_events", help: "Events held in open sessions")
        liveEpoch = registry.makeGauge(name: "throng_live_epoch", help: "Sequence number of the published epoch")
        liveBuild = registry.makeGauge(name: "throng_live_epoch_build_seconds", help: "Time to build the last epoch")
        liveVisibleP99 = registry.makeGauge(name: "throng_live_visible_latency_p99_seconds", help: "Event arrival to first visible epoch, 99th percentile")
    }

    /// Records one request of route group `group` (an index into ``groups``).
    func record(group: Int, status: Int, duration: Duration) {
        histograms[group].record(duration)
        if let s = Self.usualStatuses.firstIndex(of: status) {
            usual[group &* Self.usualStatuses.count &+ s].increment()
            return
        }
        let key = Self.groups[group] + "|" + String(status)
        let counter = others.withLock { map in
            if let c = map[key] { return c }
            let c = registry.makeCounter(name: "throng_http_requests_total", labels: [("route", Self.groups[group]), ("status", String(status))],
                                         help: "HTTP requests answered, per route group and status")
            map[key] = c
            return c
        }
        counter.increment()
    }

    /// The exposition text, with the live gauges refreshed from `live`'s current epoch.
    func scrape(live: LiveEngine?, now: Double) -> [UInt8] {
        if let live {
            let epoch = live.current
            let s = epoch.status
            liveLines.set(Double(s.linesRead)); liveAccepted.set(Double(s.acceptedEvents))
            liveRejected.set(Double(s.rejectedLines)); liveLate.set(Double(s.lateEvents))
            liveDevices.set(Double(s.openDevices)); liveEvents.set(Double(s.openEvents))
            liveEpoch.set(Double(epoch.sequence)); liveBuild.set(s.buildSeconds)
            if let p99 = s.visibleLatencyP99 { liveVisibleP99.set(p99) }
            if let w = s.watermark { liveLag.set(now - Double(w) / 1000) }
            let rate = lastScrape.withLock { last -> Double? in
                defer { last = (s.acceptedEvents, now) }
                guard let (events, at) = last, now > at else { return nil }
                return Double(s.acceptedEvents - events) / (now - at)
            }
            if let rate { liveRate.set(rate) }
        }
        return registry.emitToBuffer()
    }
}

extension Duration {
    static func milliseconds(_ value: Double) -> Duration { .nanoseconds(Int64(value * 1_000_000)) }
}
