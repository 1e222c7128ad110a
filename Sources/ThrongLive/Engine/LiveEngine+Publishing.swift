import ThrongBatch
import ThrongCore
import ThrongIO
import ThrongQuery
#if canImport(Glibc)
import Glibc
#endif

/// The publisher's own state: the running totals (the shards' deltas and the joiner's
/// releases added up), the last full publication, the shards' final views.
struct PublishingState {
    var total: CrowdingAccumulator?
    var totalPartial: CrowdingAccumulator?
    var joinTally = DeviceTally()
    var finalViews: [Int: ShardView] = [:]
    var sequence = 0
    /// The last publication with OD, route splits and distributions, and when (s since start).
    var lastFull: CrowdingSnapshot?
    var lastFullTime = -Double.infinity
    /// Service days handed to the retention window's archive.
    var archivedDays = Set<Int64>()
}

extension LiveEngine {
    static var emptyStatus: LiveStatus {
        LiveStatus(watermark: nil, acceptedEvents: 0, linesRead: 0, rejectedLines: 0, lateEvents: 0, openDevices: 0, openEvents: 0,
                   pendingJoins: 0, uptimeSeconds: 0, buildSeconds: 0, visibleLatencyP50: nil, visibleLatencyP99: nil, sources: [])
    }

    /// Gathers every shard's view, decides the MAC-change pairs the frontier allows, merges,
    /// publishes through disclosure control and indexes. `nil` when the engine was halted
    /// while a view was awaited (a halted shard never answers: ``LiveEngine/haltForTesting()``).
    func buildEpoch(final: Bool) -> LiveEpoch? {
        let clock = ContinuousClock()
        let began = clock.now
        let c = core.configuration.batch
        return publishingState { p in
            var views: [ShardView] = []
            for (i, shard) in core.shards.enumerated() {
                if let cached = p.finalViews[i] { views.append(cached); continue }
                let generation = shard.requestView()
                var view: ShardView?
                while view == nil {
                    view = shard.takeView(generation)
                    if view == nil {
                        if core.isHalted { return nil }
                        usleep(200)
                    }
                }
                if view!.final {
                    // Kept for later epochs with nothing left to hand over.
                    var kept = view!
                    kept.held = []
                    kept.accumulator = CrowdingAccumulator(binMillis: c.binMillis)
                    kept.partial = CrowdingAccumulator(binMillis: c.binMillis)
                    p.finalViews[i] = kept
                }
                views.append(view!)
            }
            if p.total == nil {
                p.total = CrowdingAccumulator(binMillis: c.binMillis)
                p.totalPartial = CrowdingAccumulator(binMillis: c.binMillis)
            }
            var open = (devices: 0, events: 0, implausible: 0, implausibleEvents: 0)
            var tally = DeviceTally()
            for v in views {
                p.total!.merge(v.accumulator)
                p.totalPartial!.merge(v.partial)
                tally.add(v.tally)
                open.devices += v.openDevices
                open.events += v.openEvents
                open.implausible += v.implausibleDevices
                open.implausibleEvents += v.implausibleEvents
            }
            let held = views.flatMap(\.held)
            // Per station: the earliest event there of any open session, or the horizon (what is
            // not read yet), less one.
            var frontier: [Int64] = []
            if !final {
                let horizon = views.reduce(Int64.max) { min($0, $1.horizon) }
                frontier = [Int64](repeating: horizon, count: core.network.stations.count)
                for v in views {
                    for (s, t) in v.earliestAtStation.enumerated() where t < frontier[s] { frontier[s] = t }
                }
                for s in frontier.indices { frontier[s] = frontier[s] &- 1 }
            }
            // The joiner runs on its own thread; the final epoch waits for every decision.
            let joins = final ? joinWorker.finish(held: held) : joinWorker.exchange(held: held, frontier: frontier)
            p.total!.merge(joins.released.totals)
            p.totalPartial!.merge(joins.released.partial)
            p.joinTally.add(joins.released.tally)
            tally.add(p.joinTally)
            tally.macChangesJoined = joins.joined
            tally.implausibleEvents += open.implausibleEvents
            let complete = core.ingest.withLock { s in !s.stationSeen.isEmpty && !s.stationSeen.contains(false) }
            // Two tiers: station bins, link loads and interchange flows every epoch; OD, route
            // splits and distributions (whole-day tables, the costly part) every
            // flowPublishIntervalSeconds and at the end.
            // Days leaving the retention window go before publishing; then every table is
            // republished, so that no epoch shows an archived day's OD or route splits.
            var archived = false
            if let retention = core.configuration.retention, let archiver {
                archived = archiveSealedDays(&p, archiver: archiver, retention: retention, views: views, joinsPendingFrom: joins.earliestPending,
                                             tally: tally, complete: complete, implausibleDevices: open.implausible, final: final)
            }
            let full = final || archived || core.now - p.lastFullTime >= core.configuration.flowPublishIntervalSeconds
            var accumulator = CrowdingAccumulator(binMillis: c.binMillis)
            if full {
                accumulator = p.total!
                if complete { accumulator.merge(p.totalPartial!) }
            } else {
                accumulator.mergeStationsAndLinks(p.total!)
                if complete { accumulator.mergeStationsAndLinks(p.totalPartial!) }
            }
            for v in views { accumulator.mergeStationsAndLinks(v.provisional) }
            p.sequence += 1
            var status = Self.emptyStatus
            status.openDevices = open.devices
            status.openEvents = open.events
            status.pendingJoins = joins.pending
            status.uptimeSeconds = core.now
            (status.visibleLatencyP50, status.visibleLatencyP99) = latency.withLock { ($0.quantile(0.5), $0.quantile(0.99)) }
            let epoch = Self.makeEpoch(sequence: p.sequence, core: core, accumulator: accumulator, expansion: expansion,
                                       status: status, tally: tally, complete: complete, implausibleDevices: open.implausible,
                                       began: began, clock: clock, fastTier: !full, lastFull: p.lastFull)
            if full {
                p.lastFull = epoch.snapshot
                p.lastFullTime = core.now
            }
            return epoch
        }
    }

    private func publishingState<T>(_ body: (inout PublishingState) -> T) -> T {
        publishing.withLock { body(&$0) }
    }

    /// Publishes `accumulator` with the run's quality record and indexes it.
    static func makeEpoch(sequence: Int, core: LiveEngineCore, accumulator: CrowdingAccumulator, expansion: ExpansionFactors,
                          status: LiveStatus, tally: DeviceTally, complete: Bool = false, implausibleDevices: Int = 0,
                          began: ContinuousClock.Instant? = nil, clock: ContinuousClock = ContinuousClock(),
                          fastTier: Bool = false, lastFull: CrowdingSnapshot? = nil) -> LiveEpoch {
        let c = core.configuration.batch
        var status = status
        let context = publishingContext(core: core, expansion: expansion, tally: tally, complete: complete,
                                        implausibleDevices: implausibleDevices, status: &status)
        // A fast-tier epoch takes OD, route splits and distributions from the last full publication.
        var snapshot = accumulator.publish(context, odAndRoutes: !fastTier)
        if fastTier {
            snapshot.originDestination = lastFull?.originDestination ?? []
            snapshot.routeSplits = lastFull?.routeSplits ?? []
            snapshot.distributions = lastFull?.distributions ?? []
        }
        let index = CrowdingIndex(snapshot: snapshot, network: core.network, calendar: c.calendar)
        if let began {
            let d = clock.now - began
            status.buildSeconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        return LiveEpoch(sequence: sequence, snapshot: snapshot, index: index, status: status)
    }

    /// The publishing context of the run so far: its quality record, events per station and
    /// hour (`hours`, or every hour the engine holds), the expansion with the events' time
    /// range. Fills `status` with the ingest figures.
    static func publishingContext(core: LiveEngineCore, expansion: ExpansionFactors, tally: DeviceTally, complete: Bool,
                                  implausibleDevices: Int, status: inout LiveStatus,
                                  hours: [(hourStart: Int64, station: StationID, events: Int)]? = nil) -> CrowdingAccumulator.PublishingContext {
        let c = core.configuration.batch
        let (quality, perHour, coverage) = core.ingest.withLock { s -> (QualitySummary, [(hourStart: Int64, station: StationID, events: Int)], ClosedRange<Int64>?) in
            var read = ReadSummary()
            var manifest: [InputFileRecord] = []
            for src in s.sources {
                let summary = src.final ?? src.status.summary
                read.merge(summary)
                manifest.append(InputFileRecord(
                    path: src.status.name, bytes: Int64(summary.bytesIn), hash: summary.fingerprint ?? "", lines: summary.linesRead,
                    accepted: summary.accepted - src.status.late, rejected: summary.rejected + src.status.late,
                    problem: summary.fileErrors.first.map { "\($0.reason.code) at byte \($0.offset ?? 0): \($0.detail ?? $0.reason.description)" }))
            }
            var rejected: [String: Int] = [:]
            for (reason, n) in read.rejectedByReason where n > 0 { rejected[reason.code] = n }
            if s.late > 0 { rejected["tooLate"] = s.late }
            var q = QualitySummary(
                linesRead: read.linesRead, accepted: read.accepted - s.late, rejectedByReason: rejected,
                outsideWindow: read.rejected(.outsideWindow), duplicatesCollapsed: tally.duplicates, devices: tally.devices,
                passengerDevices: tally.passengers, residentDevices: tally.residents, passerByDevices: tally.passersBy,
                journeys: tally.journeys, journeysBothEnds: tally.journeysBothEnds, inputs: manifest,
                parameters: c.record.merging(["complete_coverage": String(complete)]) { $1 }.merging(core.configuration.record) { $1 })
            q.implausibleDevices = implausibleDevices
            q.implausibleDeviceEvents = tally.implausibleEvents
            q.macChangesJoined = tally.macChangesJoined
            var rows: [(hourStart: Int64, station: StationID, events: Int)] = []
            if let hours {
                rows = hours
            } else {
                for (hour, counts) in s.perHour {
                    for (station, n) in counts.enumerated() where n > 0 { rows.append((hour * 3_600_000, StationID(UInt16(station)), n)) }
                }
            }
            status.watermark = s.watermark == .min ? nil : s.watermark
            status.acceptedEvents = s.accepted
            status.linesRead = read.linesRead
            status.rejectedLines = read.rejected + s.late
            status.lateEvents = s.late
            status.sources = s.sources.map(\.status)
            return (q, rows, s.firstEvent <= s.lastEvent ? s.firstEvent...s.lastEvent : nil)
        }
        var expansion = expansion
        expansion.coverage = coverage
        return CrowdingAccumulator.PublishingContext(
            threshold: c.disclosureThreshold, calendar: c.calendar, network: core.network, eventsPerStationHour: perHour,
            expansion: expansion, quality: quality)
    }
}
