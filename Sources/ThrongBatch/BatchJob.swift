public import ThrongCore
import ThrongIO
#if canImport(Glibc)
import Glibc
#endif

/// The batch engine: event logs in, crowding aggregates out.
///
/// ```swift
/// let network = try NetworkLoader.load(directory: "SampleData/london")
/// let job = BatchJob(network: network, inputs: ["logs/"], configuration: BatchConfiguration())
/// let result = try job.run()
/// print(result.report.journeys, result.snapshot.stationBins.count)
/// ```
///
/// Two stages (docs/architecture.md): workers read files and route each event to its
/// device's partition (in memory, or spilled to disk beyond the memory budget); then
/// workers take whole partitions, reconstruct each device's journeys and aggregate into
/// their own accumulators, merged at the end. The result does not depend on file order,
/// on how logs are split into files, or on the number of workers.
public struct BatchJob: Sendable {
    /// The network as built (before ``BatchConfiguration/closures``, which the run applies).
    public let network: Network
    /// Input paths: files, directories (searched for `.csv` and `.csv.zst`), or `-`.
    public let inputs: [String]
    /// Parameters.
    public var configuration: BatchConfiguration
    /// Expansion factors (gate-count profiles), without coverage: the run sets it.
    public var expansion: ExpansionFactors

    /// Creates a job.
    public init(network: Network, inputs: [String], configuration: BatchConfiguration, expansion: ExpansionFactors = ExpansionFactors()) {
        self.network = network
        self.inputs = inputs
        self.configuration = configuration
        self.expansion = expansion
    }

    /// Runs the job.
    ///
    /// - Parameters:
    ///   - progress: counters to watch from another thread, or `nil`.
    ///   - observer: called (from worker threads, concurrently) with each device's
    ///     reconstruction, once per session of the device (docs/semantics.md,
    ///     "Sessions"). For evaluation against ground truth and for the explicit journey export only: device keys must not leave the process otherwise.
    public func run(
        progress: BatchProgress? = nil, observer: (@Sendable (DeviceKey, DeviceOutcome) -> Void)? = nil
    ) throws -> BatchResult {
        let clock = ContinuousClock()
        let started = clock.now
        let config = configuration
        guard (5...60).contains(config.binMinutes), 60 % config.binMinutes == 0 else {
            throw BatchError(.invalidConfiguration, "bin width must divide 60 and be 5–60 minutes, got \(config.binMinutes)")
        }
        guard config.workers >= 1 else { throw BatchError(.invalidConfiguration, "workers must be at least 1") }
        let network: Network
        do {
            network = try self.network.closing(config.closures)
        } catch {
            throw BatchError(.invalidConfiguration, "cannot apply the closures", cause: error)
        }
        let selection = InputFiles.select(inputs)
        let files = selection.files
        guard !files.isEmpty else {
            let why = selection.skipped.map { "; " + $0.message }.joined()
            throw BatchError(.noInput, "no input files (give files, directories of .csv/.csv.zst, or -)\(why)")
        }
        let sizes = files.map { InputFiles.size($0) }
        let totalBytes = Int(sizes.reduce(0, +))
        let progress = progress ?? BatchProgress(totalBytes: totalBytes)

        // Partition plan from the input size: assume ~40 text bytes per event and a
        // compression ratio of 4 for .zst files.
        let estimatedEvents = zip(files, sizes).reduce(0) { $0 + Int($1.1) * ($1.0.hasSuffix(".zst") ? 4 : 1) / 40 }
        let plan = PartitionPlan(estimatedEvents: estimatedEvents, workers: config.workers, memoryBudgetBytes: config.memoryBudgetBytes)
        let budget = MemoryBudget(limit: config.memoryBudgetBytes / 2)
        Self.removeStaleSpillDirectories(under: config.spillDirectory)
        let spillDirectory = try Self.makeSpillDirectory(under: config.spillDirectory)
        defer { _ = rmdir(spillDirectory) }

        // Stage 1: read and partition.
        let ingest = IngestStage(
            paths: files, resolver: AccessPointResolver(network: network, deviceKeying: config.deviceKeying), plan: plan, configuration: config, budget: budget,
            progress: progress, spillDirectory: spillDirectory, stationOfAccessPoint: network.accessPoints.map(\.station),
            redaction: SipHash.random())
        let readOutputs: [IngestStage.WorkerOutput]
        do {
            readOutputs = try ingest.run()
        } catch {
            Self.removeSpills(in: spillDirectory)
            throw error
        }
        var outcomes = readOutputs.flatMap(\.files).sorted { $0.index < $1.index }
        let spilled = readOutputs.contains { $0.partitions.spillPaths.contains { $0 != nil } }
        let implausible = readOutputs.reduce(into: Set<DeviceKey>()) { $0.formUnion($1.partitions.implausibleDevices) }
        let droppedAtIngest = readOutputs.reduce(0) { $0 + $1.partitions.droppedEvents }
        let inbox = PartitionInbox(readers: readOutputs.map(\.partitions), plan: plan)
        // Complete coverage: every station of the network has accepted events in this run. Then
        // journeys with one end observed also feed link loads (docs/aggregation.md).
        var stationSeen = [Bool](repeating: false, count: network.stations.count)
        for o in outcomes { for key in o.eventsPerStationHour.keys { stationSeen[key.station.index] = true } }
        // A private release decides it from the network (every station has access points), not
        // from the data: one device's ping must not switch how everyone's journeys are counted.
        let completeCoverage = config.release.budget == nil
            ? !stationSeen.isEmpty && !stationSeen.contains(false)
            : !network.accessPointsOfStation.isEmpty && !network.accessPointsOfStation.contains { $0.isEmpty }

        // Stage 2: reconstruct and aggregate.
        let routes = RouteCache(network: network, limit: config.reconstruction.routeLimit)
        let process = ProcessStage(
            network: network, configuration: config, routes: routes, inbox: inbox, plan: plan, budget: budget,
            progress: progress, observer: observer, partialJourneyLinks: completeCoverage, implausible: implausible)
        let processed: [ProcessStage.WorkerOutput]
        do {
            processed = try process.run()
        } catch {
            Self.removeSpills(in: spillDirectory)
            throw error
        }
        var accumulator = CrowdingAccumulator(
            binMillis: config.binMillis, privacy: config.release.budget?.bounds)
        var tally = DeviceTally()
        var joiner = MacChangeJoiner()
        for worker in processed {
            accumulator.merge(worker.accumulator)
            tally.add(worker.tally)
            joiner.merge(worker.held)
        }
        if !joiner.held.isEmpty {
            // Halves of journeys across a MAC change meet here, whichever partitions they came from.
            let reconstructor = JourneyReconstructor(
                network: network, parameters: config.reconstruction, routes: routes, calendar: config.calendar)
            let (pairs, unpaired) = joiner.pair(using: reconstructor, window: config.reconstruction.macChangeWindowMillis)
            let joined = pairs.count
            // The joined journeys are built (their paths inferred) and aggregated by the workers,
            // each a contiguous share of the pairs and of the rest into its own accumulator,
            // merged like stage 2's (exact integer cells: the merge order does not change the result).
            let held = joiner.held
            let workers = max(1, min(config.workers, held.count / 10_000))
            let shares = try ParallelWorkers.run(count: workers) { worker in
                var reconstructor = JourneyReconstructor(
                    network: network, parameters: config.reconstruction, routes: routes, calendar: config.calendar)
                let aggregation = DeviceAggregation(
                    network: network, calendar: config.calendar, parameters: config.reconstruction, partialJourneyLinks: completeCoverage)
                var share = CrowdingAccumulator(binMillis: config.binMillis, privacy: config.release.budget?.bounds)
                var shareTally = DeviceTally()
                func slice(_ count: Int) -> Range<Int> { count * worker / workers..<count * (worker + 1) / workers }
                held.withUnsafeBufferPointer { held in
                    for p in slice(pairs.count) {
                        let journey = reconstructor.makeJoined(held[pairs[p].first], held[pairs[p].second])
                        aggregation.addJourney(journey, to: &share, tally: &shareTally)
                    }
                    for u in slice(unpaired.count) { aggregation.addJourney(held[unpaired[u]], to: &share, tally: &shareTally) }
                }
                return (share, shareTally)
            }
            for (share, shareTally) in shares {
                accumulator.merge(share)
                tally.add(shareTally)
            }
            tally.macChangesJoined += joined
        }
        // Merged: the workers' outputs and the held journeys are freed while publishing runs.
        BackgroundRelease.drop((consume processed, consume joiner))

        // Quality, manifest, rejects.
        var read = ReadSummary()
        var perHour: [StationHourKey: Int] = [:]
        var coverage: ClosedRange<Int64>?
        var manifest: [InputFileRecord] = []
        for o in outcomes {
            read.merge(o.summary)
            for (k, v) in o.eventsPerStationHour { perHour[k, default: 0] += v }
            if let r = o.timeRange { coverage = coverage.map { min($0.lowerBound, r.lowerBound)...max($0.upperBound, r.upperBound) } ?? r }
            manifest.append(InputFileRecord(
                path: files[o.index], bytes: sizes[o.index], hash: o.summary.fingerprint ?? InputFiles.fingerprint(files[o.index]),
                lines: o.summary.linesRead, accepted: o.summary.accepted,
                rejected: o.summary.rejected,
                problem: o.summary.fileErrors.first.map { "\($0.reason.code) at byte \($0.offset ?? 0): \($0.detail ?? $0.reason.description)" }))
        }
        for skipped in selection.skipped {
            manifest.append(InputFileRecord(
                path: skipped.path, bytes: InputFiles.size(skipped.path), hash: "", lines: 0, accepted: 0, rejected: 0,
                problem: "skipped (\(skipped.code)): \(skipped.message)"))
        }
        // Nothing read at all (every input missing, unreadable, empty, or with no complete line
        // before its damage): no snapshot is worth writing. A file-level problem counts as one
        // rejected line, so "nothing" is: no accepted line and no rejected line but those.
        if read.accepted == 0 && read.rejected == read.fileErrors.count {
            let problems = read.fileErrors.map { "; \($0.file): \($0.reason.code)\($0.detail.map { " (\($0))" } ?? "")" }.joined()
            for o in outcomes { if let p = o.rejectsPath { removeFile(p) } }
            throw BatchError(.noInput, "no event lines were read from \(files.count) input file(s)\(problems)")
        }
        // The rejects file is built under a temporary name next to its target and renamed into
        // place by BatchResult.commitRejects() (after the snapshot, in the CLI).
        var rejectsTemporary: String?
        if let path = config.rejectsPath {
            let temporary = RejectsFile.temporaryPath(for: path)
            do {
                try RejectsFile.write(to: temporary, spools: outcomes.compactMap(\.rejectsPath), compressed: path.hasSuffix(".zst"))
            } catch {
                removeFile(temporary)
                for o in outcomes { if let p = o.rejectsPath { removeFile(p) } }
                throw BatchError(.ioFailed, "cannot write the rejects file \(path)", cause: error)
            }
            rejectsTemporary = temporary
        }
        for i in outcomes.indices { if let p = outcomes[i].rejectsPath { removeFile(p); outcomes[i].rejectsPath = nil } }

        var rejected: [String: Int] = [:]
        for (reason, n) in read.rejectedByReason where n > 0 { rejected[reason.code] = n }
        var quality = QualitySummary(
            linesRead: read.linesRead, accepted: read.accepted, rejectedByReason: rejected,
            outsideWindow: read.rejected(.outsideWindow),
            duplicatesCollapsed: tally.duplicates, devices: tally.devices, passengerDevices: tally.passengers,
            residentDevices: tally.residents, passerByDevices: tally.passersBy, journeys: tally.journeys,
            journeysBothEnds: tally.journeysBothEnds, inputs: manifest,
            parameters: config.record.merging(["complete_coverage": String(completeCoverage)]) { $1 })
        quality.implausibleDevices = implausible.count
        quality.macChangesJoined = tally.macChangesJoined
        quality.implausibleDeviceEvents = droppedAtIngest + tally.implausibleEvents
        quality.clippedJourneys = accumulator.clippedJourneys
        quality.clippedCells = accumulator.clippedCells

        var expansion = self.expansion
        expansion.coverage = coverage
        var context = CrowdingAccumulator.PublishingContext(
            threshold: config.disclosureThreshold, calendar: config.calendar, network: network,
            eventsPerStationHour: perHour.map { (hourStart: $0.key.hour * 3_600_000, station: $0.key.station, events: $0.value) },
            expansion: expansion, quality: quality)
        context.release = config.release
        if let start = config.windowStart, let end = config.windowEnd, start < end { context.window = start..<end }
        let snapshot = accumulator.publish(context)
        let elapsed = clock.now - started
        let report = BatchReport(
            quality: quality, headerLines: read.headerLines, bytesIn: read.bytesIn, bytesOut: read.bytesOut,
            files: files.count, partitions: plan.count, spilled: spilled, peakBufferedBytes: budget.peakBytes,
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            peakResidentBytes: SystemInfo.peakResidentBytes,
            fileProblems: read.fileErrors.map { "\($0.file): \($0.reason.code) at byte \($0.offset ?? 0): \($0.detail ?? $0.reason.description)" }
                + selection.skipped.map { "\($0.message) [\($0.code)]" })
        return BatchResult(snapshot: snapshot, report: report, network: network, rejectsTemporary: rejectsTemporary,
                           rejectsPath: config.rejectsPath, published: (accumulator, context))
    }

    /// `throng-spill-<pid>-XXXXXX` (mode 0700, from `mkdtemp`).
    static func makeSpillDirectory(under parent: String) throws -> String {
        var template = Array("\(parent)/throng-spill-\(getpid())-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw BatchError(.ioFailed, "cannot create a spill directory under \(parent): errno \(errno)")
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Removes spill directories of runs that were killed: `throng-spill-<pid>-*` owned by this
    /// user whose process is gone, and directories of the older `throng-spill-XXXXXX` form last
    /// modified more than a day ago. Live runs' directories are kept.
    /// - Returns: the directories removed.
    @discardableResult
    public static func removeStaleSpillDirectories(under parent: String) -> [String] {
        var removed: [String] = []
        for name in InputFiles.entries(of: parent) where name.hasPrefix("throng-spill-") {
            let full = parent + "/" + name
            var st = stat()
            guard lstat(full, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == getuid() else { continue }
            let rest = name.dropFirst("throng-spill-".count).split(separator: "-")
            if rest.count == 2, let pid = pid_t(rest[0]) {
                if kill(pid, 0) == 0 || errno == EPERM { continue }   // alive
            } else {
                let age = time(nil) - st.st_mtim.tv_sec
                guard age > 86_400 else { continue }
            }
            removeSpills(in: full)
            if rmdir(full) == 0 { removed.append(full) }
        }
        return removed
    }

    static func removeSpills(in directory: String) {
        for name in InputFiles.entries(of: directory) { removeFile(directory + "/" + name) }
    }
}

/// What a run produced.
public struct BatchResult: Sendable {
    /// The published aggregates.
    public var snapshot: CrowdingSnapshot
    /// Figures about the run.
    public var report: BatchReport
    /// The network the run used: the job's network as operated with the configuration's
    /// closures (``BatchConfiguration/closures``). The snapshot's link ids refer to it: write
    /// the snapshot with this network.
    public var network: Network
    /// The rejects file as written, under a temporary name next to ``rejectsPath``.
    public var rejectsTemporary: String?
    /// Where ``commitRejects()`` puts it.
    public var rejectsPath: String?
    /// The merged totals and what publishing them needed: a private release can be drawn
    /// again with fresh noise (``republish()``), for the privacy tests.
    package var published: (accumulator: CrowdingAccumulator, context: CrowdingAccumulator.PublishingContext)?

    /// Publishes the run's totals again: for a private release, with fresh noise.
    package func republish() -> CrowdingSnapshot? {
        published.map { $0.accumulator.publish($0.context) }
    }

    /// Renames the rejects file into place (atomic), after the snapshot has been written.
    public func commitRejects() throws {
        guard let rejectsTemporary, let rejectsPath else { return }
        guard rename(rejectsTemporary, rejectsPath) == 0 else {
            let e = errno
            removeFile(rejectsTemporary)
            throw BatchError(.ioFailed, "cannot rename the rejects file into \(rejectsPath): errno \(e)")
        }
    }

    /// Removes the temporary rejects file (when the snapshot could not be written).
    public func discardRejects() {
        if let rejectsTemporary { removeFile(rejectsTemporary) }
    }
}
