import Synchronization
import ThrongBatch
import ThrongCore
#if canImport(Glibc)
import Glibc
#endif

/// One reconstruction thread: the devices whose key hashes to it. Events arrive through an
/// inbox (the only lock, held to append or to swap the array out); everything else is owned by
/// the thread. A device's events are buffered until the engine's *horizon* (watermark −
/// lateness) is more than the session gap past its last event: then no event that can still
/// count can join the session, and it is reconstructed and aggregated with the batch engine's
/// rules, code and order (``DeviceSessions``, ``JourneyReconstructor``, ``DeviceAggregation``).
final class LiveShard: Sendable {
    private let inbox = Mutex<[Event]>([])
    private let view = Mutex<ShardView?>(nil)
    /// The view generation asked for and the last one delivered.
    private let requested = Atomic<Int>(0)
    private let delivered = Atomic<Int>(0)
    private let done = Atomic<Bool>(false)

    /// Queues events of this shard's devices.
    func post(_ events: [Event]) {
        guard !events.isEmpty else { return }
        inbox.withLock { $0.append(contentsOf: events) }
    }

    /// Events posted and not yet taken by the thread.
    var queued: Int { inbox.withLock { $0.count } }

    /// Whether the thread is behind: sessions that may close are waiting for a later round.
    private let behind = Atomic<Bool>(false)
    var isBehind: Bool { behind.load(ordering: .relaxed) }

    /// Asks for a view; returns the generation to wait for.
    func requestView() -> Int { requested.add(1, ordering: .sequentiallyConsistent).newValue }

    /// The view of `generation`, once delivered.
    func takeView(_ generation: Int) -> ShardView? {
        guard delivered.load(ordering: .acquiring) >= generation else { return nil }
        return view.withLock { v in defer { v = nil }; return v }
    }

    var isDone: Bool { done.load(ordering: .acquiring) }

    /// Puts a view in the slot. A view not yet taken is folded in: its deltas and held journeys
    /// are handed over exactly once.
    private func deliver(_ v: ShardView) {
        var v = v
        view.withLock { slot in
            if let old = slot {
                v.held = old.held + v.held
                v.accumulator.merge(old.accumulator)
                v.partial.merge(old.partial)
            }
            slot = v
        }
    }

    /// Delivers a view if one is asked for (checked between the steps of a round, so that an
    /// epoch waits for at most one step).
    private func serveView(_ state: inout ShardState, spare: inout [Event], horizon: Int64) {
        let wanted = requested.load(ordering: .sequentiallyConsistent)
        guard wanted > delivered.load(ordering: .relaxed) else { return }
        // Whatever was posted before the request is in the view.
        drain(into: &state, spare: &spare)
        deliver(state.view(horizon: horizon))
        delivered.store(wanted, ordering: .releasing)
    }

    /// Adds what the inbox holds to `state`. The inbox's array is swapped with `spare` (emptied,
    /// its capacity kept), so that no drain allocates: an inbox holds up to
    /// ``LiveConfiguration/maxQueuedEventsPerShard`` events (32 MB at the default), and a fresh
    /// array of that size each round is mapped and zeroed page by page.
    /// - Returns: whether there were events.
    @discardableResult
    private func drain(into state: inout ShardState, spare: inout [Event]) -> Bool {
        inbox.withLock { swap(&$0, &spare) }
        guard !spare.isEmpty else { return false }
        state.add(spare)
        spare.removeAll(keepingCapacity: true)
        return true
    }

    /// The thread's loop; returns after the engine finishes and everything is closed.
    func run(engine: LiveEngineCore) {
        var state = ShardState(engine: engine)
        var spare: [Event] = []
        var lastHorizon = Int64.min
        var closing = false
        while !engine.isHalted {
            // Read before the inbox is drained: every event posted after the drain passed the
            // lateness check at this horizon or a later one (LiveEngineCore.ingest), so closing
            // and the joining frontier may rely on it.
            let horizon = engine.horizon
            let added = drain(into: &state, spare: &spare)
            serveView(&state, spare: &spare, horizon: horizon)
            let finishing = engine.isFinishing && inbox.withLock({ $0.isEmpty })
            // A bounded number of sessions per round, so that a horizon jump (hours of sessions
            // closing at once) does not keep views waiting.
            var backlog = false
            if horizon == .max || horizon >= lastHorizon &+ 1_000 || closing {
                closing = state.close(before: horizon, budget: 1_024)
                backlog = closing
                behind.store(closing, ordering: .relaxed)
                if !closing { lastHorizon = horizon }
            }
            serveView(&state, spare: &spare, horizon: horizon)
            if finishing && horizon == .max && state.openDevices == 0 {
                var v = state.view(horizon: horizon)
                v.final = true
                deliver(v)
                delivered.store(Int.max, ordering: .releasing)
                done.store(true, ordering: .releasing)
                return
            }
            if !added && !backlog { usleep(500) }
        }
    }
}

/// The thread-owned part of a shard.
struct ShardState: ~Copyable {
    private struct Buffer {
        var events: [Event]
        var sorted = true
        /// Events were added since its provisional cells were counted.
        var dirty = true
        /// The provisional occupancy cells counted for it in ``ShardState/provisional``.
        var cells: [PresenceCell] = []
    }

    let gap: Int64
    let holding: Bool
    private var slot = DeviceSlotTable()
    private var buffers: [Buffer] = []
    /// Each buffer's earliest and latest event time, apart from the buffers so that the close
    /// scan reads two flat arrays and touches no buffer (and no array's refcount) it leaves open.
    private var firsts: [Int64] = []
    private var lasts: [Int64] = []
    /// Per buffer, at most the time of the last event of its leading session: once the horizon
    /// is a gap past it, the leading session may be final while a later one is open. Raised to
    /// the leading session's end when a scan finds it still open, lowered by every added event,
    /// so that a device seen all day is sorted and split once per new event, not once per pass.
    private var leadEnds: [Int64] = []
    /// Leading sessions closed while a later one stayed open (tests).
    private(set) var leadingCloses = 0
    private var keys: [DeviceKey] = []
    /// Where the next ``close(before:budget:)`` starts.
    private var closeCursor = 0
    private var cap: DeviceEventCap
    private var implausibleEvents = 0
    private var reconstructor: JourneyReconstructor
    private let aggregation: DeviceAggregation
    private var accumulator: CrowdingAccumulator
    private var partial: CrowdingAccumulator
    private var tally = DeviceTally()
    private var held: [ReconstructedJourney] = []
    private var session: [Event] = []
    /// Occupancy of the open sessions, kept up to date: a buffer's cells are taken back when it
    /// changes or closes and recounted, for the changed ones only, at the next view.
    private var provisional: CrowdingAccumulator
    private var presenceScratch: CrowdingAccumulator
    private var cellScratch: [PresenceCell] = []
    /// Events in the buffers.
    private var eventCount = 0
    /// Per station index, at most the earliest event there of any open session: lowered as
    /// events are added, recomputed exactly every ``exactFrontierEvery`` views (closing a
    /// session can only raise it, and a lower frontier only makes the joiner wait longer).
    private var stationLow: [Int64]
    private var viewsSinceExact = 0
    private static var exactFrontierEvery: Int { 10 }
    /// Scratch: each added event's buffer (−1: left out).
    private var slots: [Int] = []
    private let binMillis: Int64
    private let residentMillis: Int64
    private let visitGap: Int64
    private let apStation: [StationID]
    private let stationCount: Int

    init(engine: LiveEngineCore) {
        let c = engine.configuration.batch
        gap = c.reconstruction.sessionGapMillis
        holding = c.joinsMacChanges
        binMillis = c.binMillis
        residentMillis = c.reconstruction.residentMillis
        visitGap = c.reconstruction.visitGapMillis
        cap = DeviceEventCap(limit: c.maxEventsPerDevice)
        reconstructor = JourneyReconstructor(network: engine.network, parameters: c.reconstruction, routes: engine.routes, calendar: c.calendar)
        aggregation = DeviceAggregation(network: engine.network, calendar: c.calendar, parameters: c.reconstruction)
        accumulator = CrowdingAccumulator(binMillis: binMillis)
        partial = CrowdingAccumulator(binMillis: binMillis)
        provisional = CrowdingAccumulator(binMillis: binMillis)
        presenceScratch = CrowdingAccumulator(binMillis: binMillis)
        apStation = engine.network.accessPoints.map(\.station)
        stationCount = engine.network.stations.count
        stationLow = [Int64](repeating: .max, count: stationCount)
    }

    var openDevices: Int { buffers.count }

    /// Adds events to their devices' buffers: slots are found first (creating buffers for new
    /// devices), then events appended through one unsafe view of the buffers, so the per-event
    /// work is one hash lookup and one append, without a uniqueness check per field.
    mutating func add(_ events: [Event]) {
        slots.removeAll(keepingCapacity: true)
        for e in events {
            guard cap.admit(e.device) else {
                implausibleEvents += 1
                if let i = slot.index(of: e.device) {
                    // Over the limit: the open session is left out whole, as in a batch run.
                    implausibleEvents += buffers[i].events.count
                    remove(at: i)
                    // Slots found so far may have moved: look them up again.
                    for k in slots.indices where slots[k] >= 0 { slots[k] = slot.index(of: events[k].device) ?? -1 }
                }
                slots.append(-1)
                continue
            }
            if let i = slot.index(of: e.device) {
                slots.append(i)
            } else {
                slot.set(e.device, to: buffers.count)
                slots.append(buffers.count)
                buffers.append(Buffer(events: []))
                firsts.append(e.time)
                lasts.append(e.time)
                leadEnds.append(e.time)
                keys.append(e.device)
            }
        }
        let slots = self.slots
        var low: [Int64] = []
        swap(&low, &stationLow)
        var added = 0
        var lo: [Int64] = [], hi: [Int64] = [], lead: [Int64] = []
        swap(&lo, &firsts)
        swap(&hi, &lasts)
        swap(&lead, &leadEnds)
        buffers.withUnsafeMutableBufferPointer { b in
            for k in events.indices {
                let i = slots[k]
                guard i >= 0 else { continue }
                let e = events[k]
                // Out of the reconstructor's order (time, then access point).
                if e.time < hi[i] || (e.time == hi[i] && b[i].events.last.map({ e.accessPoint < $0.accessPoint }) == true) { b[i].sorted = false }
                if e.time < lo[i] { lo[i] = e.time }
                if e.time > hi[i] { hi[i] = e.time }
                if e.time < lead[i] { lead[i] = e.time }
                b[i].events.append(e)
                b[i].dirty = true
                let s = apStation[e.accessPoint.index].index
                if e.time < low[s] { low[s] = e.time }
                added += 1
            }
        }
        swap(&lo, &firsts)
        swap(&hi, &lasts)
        swap(&lead, &leadEnds)
        swap(&low, &stationLow)
        eventCount += added
    }

    /// Takes buffer `i`'s provisional cells back (it closes or changes).
    private mutating func uncount(_ i: Int) {
        if !buffers[i].cells.isEmpty { provisional.addPresenceCells(buffers[i].cells, sign: -1) }
        buffers[i].cells = []
        buffers[i].dirty = true
    }

    /// Removes buffer `i`, returning its events.
    @discardableResult
    private mutating func remove(at i: Int) -> [Event] {
        uncount(i)
        var events: [Event] = []
        swap(&events, &buffers[i].events)
        eventCount -= events.count
        slot.remove(keys[i])
        let lastIndex = buffers.count - 1
        if i != lastIndex {
            buffers.swapAt(i, lastIndex)
            keys.swapAt(i, lastIndex)
            firsts.swapAt(i, lastIndex)
            lasts.swapAt(i, lastIndex)
            leadEnds.swapAt(i, lastIndex)
            slot.set(keys[i], to: i)
        }
        buffers.removeLast()
        keys.removeLast()
        firsts.removeLast()
        lasts.removeLast()
        leadEnds.removeLast()
        return events
    }

    /// Closes sessions that end more than the gap before `horizon`, at most `budget` devices.
    /// Each call goes on from where the last one stopped (wrapping around), so that no buffer
    /// waits while the budget keeps running out on the ones in front of it.
    /// - Returns: whether some may be left (the budget ran out before the pass was complete).
    mutating func close(before horizon: Int64, budget: Int) -> Bool {
        // One pass: from the cursor to the end, then from the start up to the cursor. A removal
        // moves the last buffer into the freed place, where it is looked at next; before the
        // wrap that one is still to be seen, after it a second look costs nothing but time.
        let start = closeCursor < buffers.count ? closeCursor : 0
        let rules = aggregation
        var i = start
        var wrapped = false
        var done = 0
        while true {
            if i >= buffers.count {
                if wrapped || start == 0 { break }
                wrapped = true
                i = 0
            }
            if wrapped && i >= start { break }
            if done >= budget {
                closeCursor = i
                return true
            }
            // Flat arrays: a buffer left open is not touched.
            if horizon == .max || lasts[i] < horizon - gap {
                let sorted = buffers[i].sorted
                var events = remove(at: i)
                if !sorted { DeviceSessions.sort(&events) }
                reconstructSessions(events, rules: rules)
                done += 1
                continue
            }
            if leadEnds[i] < horizon - gap {
                // A leading session may be final while a later one is still open.
                var events: [Event] = []
                swap(&events, &buffers[i].events)
                if !buffers[i].sorted { DeviceSessions.sort(&events) }
                var keepFrom = 0
                var openEnd = Int64.max
                DeviceSessions.forEach(in: events, gap: gap) { range in
                    let end = events[range.upperBound - 1].time
                    if keepFrom == range.lowerBound, end < horizon - gap {
                        keepFrom = range.upperBound
                    } else if openEnd == .max {
                        openEnd = end
                    }
                }
                leadEnds[i] = openEnd
                if keepFrom > 0 {
                    reconstructSessions(Array(events[..<keepFrom]), rules: rules)
                    leadingCloses += 1
                    done += 1
                    uncount(i)
                    eventCount -= keepFrom
                    let rest = Array(events[keepFrom...])
                    buffers[i].events = rest
                    firsts[i] = rest[0].time
                    lasts[i] = rest[rest.count - 1].time
                } else {
                    buffers[i].events = events
                }
                buffers[i].sorted = true
            }
            i += 1
        }
        closeCursor = i
        return false
    }

    /// Reconstructs and aggregates sorted events of one device, session by session.
    /// `rules` is the shard's ``aggregation``, copied once per close pass by the caller: read
    /// from `self` inside the session loop, it was copied per session (its network's references
    /// retained and released each time), since the loop also writes `self`'s accumulators.
    private mutating func reconstructSessions(_ events: [Event], rules: borrowing DeviceAggregation) {
        DeviceSessions.forEach(in: events, gap: gap) { range in
            session.removeAll(keepingCapacity: true)
            session.append(contentsOf: events[range])
            var outcome = reconstructor.reconstruct(events: &session)
            if holding && outcome.journeys.contains(where: { reconstructor.heldForJoining($0) }) {
                outcome.journeys.removeAll { j in
                    let hold = reconstructor.heldForJoining(j)
                    if hold { held.append(j) }
                    return hold
                }
            }
            rules.add(outcome, events: session, to: &accumulator, partial: &partial, tally: &tally)
        }
    }

    /// The view for an epoch: totals, held journeys (handed over), provisional occupancy.
    /// Provisional cells are recounted for the buffers that changed since the last view only.
    mutating func view(horizon: Int64) -> ShardView {
        var earliest = Int64.max
        for i in buffers.indices {
            earliest = min(earliest, firsts[i])
            if buffers[i].dirty { recount(i) }
        }
        if earliest != .max { provisional.dropStationBins(before: earliest) }
        viewsSinceExact += 1
        if viewsSinceExact >= Self.exactFrontierEvery {
            viewsSinceExact = 0
            stationLow = exactEarliestAtStation()
        }
        let earliestAt = stationLow
        let events = eventCount
        // Deltas: the totals since the last view, handed over and started afresh, so neither side
        // copies a whole day's tables per epoch.
        var delta = CrowdingAccumulator(binMillis: binMillis), deltaPartial = CrowdingAccumulator(binMillis: binMillis)
        swap(&delta, &accumulator)
        swap(&deltaPartial, &partial)
        let v = ShardView(
            accumulator: delta, partial: deltaPartial, tally: tally, held: held, provisional: provisional,
            earliestOpen: earliest, earliestAtStation: earliestAt, horizon: horizon, openDevices: buffers.count, openEvents: events,
            implausibleDevices: cap.heavy.count, implausibleEvents: implausibleEvents)
        held.removeAll()
        return v
    }

    /// Counts buffer `i`'s provisional cells afresh.
    private mutating func recount(_ i: Int) {
        if !buffers[i].sorted {
            DeviceSessions.sort(&buffers[i].events)
            buffers[i].sorted = true
        }
        uncount(i)
        cellScratch.removeAll(keepingCapacity: true)
        if !looksResident(buffers[i].events) {
            aggregation.provisionalCells(buffers[i].events, scratch: &presenceScratch, into: &cellScratch)
            provisional.addPresenceCells(cellScratch, sign: 1)
        }
        // A copy of its size: the scratch keeps its capacity, and no buffer holds on to it.
        buffers[i].cells = cellScratch.isEmpty ? [] : cellScratch.map { $0 }
        buffers[i].dirty = false
    }

    /// Per station index, the earliest event there of any open session (`.max`: none): one
    /// pass over every open event.
    func exactEarliestAtStation() -> [Int64] {
        var low = [Int64](repeating: .max, count: stationCount)
        for i in buffers.indices {   // in place: a copy of each buffer would retain its arrays
            for e in buffers[i].events {
                let s = apStation[e.accessPoint.index].index
                if e.time < low[s] { low[s] = e.time }
            }
        }
        return low
    }

    /// The open sessions' occupancy computed from scratch: what the kept-up-to-date one must
    /// equal (tests).
    func provisionalFromScratch() -> CrowdingAccumulator {
        var acc = CrowdingAccumulator(binMillis: binMillis)
        for b in buffers {
            var events = b.events
            if !b.sorted { DeviceSessions.sort(&events) }
            if !looksResident(events) { aggregation.addProvisionalPresence(events, to: &acc) }
        }
        return acc
    }

    /// A cheap stand-in for the resident rule on an open session (pings at one station, each
    /// within the visit gap of the previous, spanning the resident time): such devices are staff
    /// or shops and are kept out of provisional occupancy, as the final figures leave them out.
    private func looksResident(_ events: [Event]) -> Bool {
        guard let f = events.first, let l = events.last, l.time - f.time >= residentMillis else { return false }
        var start = 0
        for k in 1..<events.count {
            if apStation[events[k].accessPoint.index] != apStation[events[k - 1].accessPoint.index] || events[k].time - events[k - 1].time > visitGap {
                start = k
            } else if events[k].time - events[start].time >= residentMillis {
                return true
            }
        }
        return false
    }
}
