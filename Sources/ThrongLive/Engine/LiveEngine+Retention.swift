import ThrongBatch
import ThrongCore

extension LiveEngine {
    /// Takes the service days that are sealed and older than the retention window out of the
    /// totals and queues them for the archiver, which publishes each through disclosure control
    /// and hands it to the archive, oldest first (docs/live.md, "Retention"). Days the archive
    /// refused since the last epoch go back into the totals first. `final`: waits for the
    /// archiver, and what it refuses stays in the totals. Returns whether any day left.
    ///
    /// A day is sealed when nothing can add to it any more: every future contribution comes from
    /// an open session (events at or after the views' `earliestOpen`), an event not yet read (at
    /// or after the horizon, the lateness check) or a journey the joiner holds (at or after its
    /// `earliestTime`). The cut is the next day's start rounded up to the hour, because the
    /// hour and the bins that hold it are published with the earlier day.
    func archiveSealedDays(_ p: inout PublishingState, archiver: DayArchiver, retention: LiveRetention, views: [ShardView],
                           joinsPendingFrom: Int64, tally: DeviceTally, complete: Bool, implausibleDevices: Int, final: Bool) -> Bool {
        mergeRefused(&p, archiver: archiver)
        let any = queueSealedDays(&p, archiver: archiver, retention: retention, views: views, joinsPendingFrom: joinsPendingFrom,
                                  tally: tally, complete: complete, implausibleDevices: implausibleDevices)
        if final {
            archiver.drain()
            mergeRefused(&p, archiver: archiver)
        }
        return any
    }

    /// Days the archive refused, back into the totals, to be offered again.
    private func mergeRefused(_ p: inout PublishingState, archiver: DayArchiver) {
        for job in archiver.takeRefused() {
            p.total!.merge(job.part)
            p.totalPartial!.merge(job.partial)
            core.ingest.withLock { s in for (h, counts) in job.hours { s.perHour[h] = counts } }
            p.archivedDays.remove(job.day)
        }
    }

    private func queueSealedDays(_ p: inout PublishingState, archiver: DayArchiver, retention: LiveRetention, views: [ShardView],
                                 joinsPendingFrom: Int64, tally: DeviceTally, complete: Bool, implausibleDevices: Int) -> Bool {
        let calendar = core.configuration.batch.calendar
        let cutoff = min(views.reduce(Int64.max) { min($0, $1.earliestOpen, $1.horizon) }, joinsPendingFrom)
        let watermark = core.ingest.withLock { $0.watermark }
        guard watermark != .min, cutoff != .min else { return false }
        // The first day kept: the watermark's service day and the days − 1 before it.
        var keepFrom = calendar.serviceDayStart(of: watermark)
        for _ in 1..<retention.days { keepFrom = calendar.serviceDayStart(of: keepFrom - 1) }   // days ≥ 1: checked at init
        let hourDays = core.ingest.withLock { s in Set(s.perHour.keys.map { calendar.serviceDayStart(of: $0 * 3_600_000) }) }
        let days = Set(p.total!.serviceDays(calendar) + p.totalPartial!.serviceDays(calendar)).union(hourDays).sorted()
        var any = false
        for day in days {
            guard day < keepFrom else { break }
            if p.archivedDays.contains(day) {
                // Figures for a day already archived: the seal was wrong. They stay in memory (and
                // in the final snapshot) rather than replace the archived file with a fragment.
                archiver.failure.withLock {
                    $0 = LiveError(.archiveFailed, "service day \(calendar.serviceDate(of: day)) received figures after it was archived; they stay in memory")
                }
                continue
            }
            let next = calendar.serviceDayStart(of: day + 36 * 3_600_000)
            let sealedAt = -(-next).floorDiv(3_600_000) * 3_600_000
            guard cutoff == .max || sealedAt <= cutoff else { break }
            let part = p.total!.removeServiceDays(calendar) { $0 == day }
            let partial = p.totalPartial!.removeServiceDays(calendar) { $0 == day }
            let hours = takeHours(of: day, calendar: calendar)
            var published = part
            if complete { published.merge(partial) }
            var status = Self.emptyStatus
            let context = Self.publishingContext(core: core, expansion: expansion, tally: tally, complete: complete,
                                                 implausibleDevices: implausibleDevices, status: &status, hours: hours.rows)
            archiver.submit(DayArchiver.Job(day: day, serviceDate: calendar.serviceDate(of: day), part: part, partial: partial,
                                            hours: hours.raw, published: published, context: context))
            p.archivedDays.insert(day)
            any = true
        }
        return any
    }

    /// Removes the events-per-station-and-hour rows of a service day from the coverage figures.
    private func takeHours(of day: Int64, calendar: ServiceCalendar)
        -> (rows: [(hourStart: Int64, station: StationID, events: Int)], raw: [(Int64, [Int])]) {
        core.ingest.withLock { s in
            let hours = s.perHour.keys.filter { calendar.serviceDayStart(of: $0 * 3_600_000) == day }.sorted()
            var rows: [(hourStart: Int64, station: StationID, events: Int)] = []
            var raw: [(Int64, [Int])] = []
            for h in hours {
                let counts = s.perHour.removeValue(forKey: h)!
                raw.append((h, counts))
                for (station, n) in counts.enumerated() where n > 0 { rows.append((h * 3_600_000, StationID(UInt16(station)), n)) }
            }
            return (rows, raw)
        }
    }
}
