public import ThrongCore

/// Everything a batch run needs besides the network and the files.
public struct BatchConfiguration: Sendable {
    /// Width of a time bin in minutes (5…60, must divide 60). Default 15.
    public var binMinutes: Int = 15
    /// Worker threads for reading and for processing. Default: the number of cores.
    public var workers: Int = BatchConfiguration.defaultWorkers
    /// Bytes of events the run may hold in memory before it spills partitions to disk.
    public var memoryBudgetBytes: Int = 2 << 30
    /// Local time for service days, day types and time bands.
    public var calendar = ServiceCalendar()
    /// Events before this instant (Unix ms) are rejected as outside the window; `nil`: no bound.
    public var windowStart: Int64? = nil
    /// Events at or after this instant are rejected as outside the window; `nil`: no bound.
    public var windowEnd: Int64? = nil
    /// Stop at the first rejected line.
    public var strict = false
    /// Disclosure threshold k of an exact release: published non-zero cells are at least k.
    /// Default 10. (A private release protects by noise instead; docs/privacy.md.)
    public var disclosureThreshold = 10
    /// How counts are published: differentially private by default (bounded contributions
    /// per device-day and Gaussian noise, so releases can be compared without revealing a
    /// device); ``ReleaseMode/exact`` only for trusted internal use (docs/privacy.md).
    public var release: ReleaseMode = .default
    /// Where to write rejected lines (`file,line,reason,detail,raw`), or `nil` not to write them.
    /// The run writes a temporary file next to it; ``BatchResult/commitRejects()`` renames it
    /// into place (the CLI does so after the snapshot, so the pair is always consistent).
    public var rejectsPath: String? = nil
    /// Keep device tokens in the rejects file's `raw` column. Default false: device fields are
    /// replaced by keyed pseudonyms (`dev:` + 16 hex digits, SipHash with a per-run random key).
    public var rejectsRawDevices = false
    /// Where the run makes its private spill directory (`throng-spill-<pid>-XXXXXX`, mode 0700,
    /// files 0600). The library default is `/tmp`; `throng batch` uses the snapshot's directory.
    public var spillDirectory: String = "/tmp"
    /// A device with more accepted events than this in a run is implausible: its events are
    /// counted as accepted, left out of reconstruction and aggregates, and reported
    /// (`implausible_devices`, `implausible_device_events`). Bounds one device's memory.
    public var maxEventsPerDevice = BatchConfiguration.defaultMaxEventsPerDevice
    /// 500,000: one ping every 5 seconds around the clock for 29 days.
    public static let defaultMaxEventsPerDevice = 500_000
    /// How device tokens become internal keys: a random secret per run by default, so spill
    /// files cannot be linked to tokens (docs/privacy.md).
    public var deviceKeying = DeviceKeying.random()
    /// Journey reconstruction rules.
    public var reconstruction = ReconstructionParameters.default
    /// Line sections closed for the whole run (planned works): the run removes their links
    /// (`Network.closing(_:)`) before route finding, so no journey is routed through them.
    /// Station and access point ids are unchanged; link ids are those of
    /// ``BatchResult/network``. Default none.
    public var closures: [LineClosure] = []

    /// Defaults.
    public init() {}

    /// The defaults with an exact release: for trusted use such as evaluation against a
    /// simulation's truth, where noise would only blur the comparison.
    public static var exactRelease: BatchConfiguration {
        var c = BatchConfiguration()
        c.release = .exact
        return c
    }

    /// Bin width in milliseconds.
    public var binMillis: Int64 { Int64(binMinutes) * 60_000 }

    /// Whether the run joins journey halves across MAC changes: exact releases with a non-zero
    /// ``ReconstructionParameters/macChangeWindowMillis``. A private release does not (a joined
    /// journey would belong to two device-days' contribution bounds).
    package var joinsMacChanges: Bool { release.budget == nil && reconstruction.macChangeWindowMillis > 0 }

    /// The number of online cores, at least 1.
    public static var defaultWorkers: Int { max(1, SystemInfo.activeProcessorCount) }
}

extension BatchConfiguration {
    /// The parameters as name → value, recorded in the snapshot's run record.
    public var record: [String: String] {
        let r = reconstruction
        let run: [String: String] = [
            "bin_minutes": String(binMinutes),
            "workers": String(workers),
            "memory_budget_bytes": String(memoryBudgetBytes),
            "time_zone": calendar.timeZone.description,
            "service_day_start_minute": String(calendar.dayStartMinute),
            "window_start_ms": windowStart.map { String($0) } ?? "",
            "window_end_ms": windowEnd.map { String($0) } ?? "",
            "strict": String(strict),
            "disclosure_threshold": String(disclosureThreshold),
            "duplicate_window_ms": String(r.duplicateWindowMillis),
            "clock_skew_ms": String(r.clockSkewMillis),
            "visit_gap_ms": String(r.visitGapMillis),
            "reentry_gap_ms": String(r.reentryGapMillis),
            "resident_ms": String(r.residentMillis),
            "passer_by_max_pings": String(r.passerByMaxPings),
            "travel_factor": String(r.travelFactor),
            "travel_slack_ms": String(r.travelSlackMillis),
            "max_journey_gap_ms": String(r.maxJourneyGapMillis),
            "interchange_dwell_ms": String(r.interchangeDwellMillis),
            "route_limit": String(r.routeLimit),
            "cost_sensitivity": String(r.costSensitivity),
            "timing_sigma_minutes": String(r.timingSigmaMinutes),
        ]
        let more: [String: String] = [
            "timing_sigma_relative": String(r.timingSigmaRelative),
            "out_of_station_walk_ms": String(r.outOfStationWalkMillis),
            "access_minutes": String(r.accessMinutes),
            "missing_station_likelihood": String(r.missingStationLikelihood),
            "wrong_line_likelihood": String(r.wrongLineLikelihood),
            "corridor_without_change_likelihood": String(r.corridorWithoutChangeLikelihood),
            "corridor_ends_are_exits": String(r.corridorEndsAreExits),
            "mac_change_window_ms": String(r.macChangeWindowMillis),
            "wrong_direction_likelihood": String(r.wrongDirectionLikelihood),
            "closures": closures.map(\.description).joined(separator: ";"),
            "rejects_raw_devices": String(rejectsRawDevices),
            "max_events_per_device": String(maxEventsPerDevice),
            "device_keying": deviceKeying.kind,
        ]
        return run.merging(more) { a, _ in a }.merging(Self.routeRecord(.default)) { a, _ in a }
            .merging(Self.releaseRecord(release)) { a, _ in a }
    }

    /// The release mode and, when private, its budget, bounds and guarantee, as `release*` and
    /// `privacy_*` entries.
    static func releaseRecord(_ release: ReleaseMode) -> [String: String] {
        guard let b = release.budget else { return ["release": "exact"] }
        let c = b.bounds
        return [
            "release": "differentially_private",
            "privacy_unit": "device_day",
            "privacy_rho": String(b.rho),
            "privacy_delta": String(b.delta),
            "privacy_epsilon": String(format2(b.epsilon())),
            "privacy_mu": String(format2(b.mu)),
            "privacy_journeys_per_day": String(c.journeysPerDay),
            "privacy_presence_cells_per_day": String(c.presenceCellsPerDay),
            "privacy_pass_throughs_per_day": String(c.passThroughsPerDay),
            "privacy_interchanges_per_day": String(c.interchangesPerDay),
            "privacy_routes_per_journey": String(c.routesPerJourney),
            "privacy_link_norm_per_journey": String(c.linkNormPerJourney),
            "privacy_flow_norm_per_journey": String(c.flowNormPerJourney),
        ]
    }

    private static func format2(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// The route finder's parameters (`RouteCache` uses `RouteParameters.default`), as `route_*` entries.
    static func routeRecord(_ p: RouteParameters) -> [String: String] {
        [
            "route_in_vehicle_weight": String(p.inVehicleWeight),
            "route_wait_weight": String(p.waitWeight),
            "route_walk_weight": String(p.walkWeight),
            "route_interchange_penalty": String(p.interchangePenalty),
            "route_default_headway_minutes": String(p.defaultHeadwayMinutes),
            "route_headways": p.headwayByLineName.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";"),
            "route_cost_factor": String(p.costFactor),
            "route_cost_slack": String(p.costSlack),
            "route_max_interchanges": String(p.maxInterchanges),
            "route_collapse_parallel_lines": String(p.collapseParallelLines),
            "route_line_variants": String(p.lineVariants),
            "route_examine_factor": String(p.examineFactor),
        ]
    }
}
