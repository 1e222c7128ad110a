extension CrowdingAccumulator {
    /// The service days (their starts, ascending) that hold any total, by `calendar`: the days
    /// of station bins, link loads and interchange flows by their bins, of OD, route splits and
    /// distributions by their day keys.
    package func serviceDays(_ calendar: ServiceCalendar) -> [Int64] {
        var days = Set<Int64>()
        for bin in stationBins.bins { days.insert(calendar.serviceDayStart(of: bin)) }
        for bin in linkLoads.bins { days.insert(calendar.serviceDayStart(of: bin)) }
        for key in interchangeFlows.keys { days.insert(calendar.serviceDayStart(of: key.binStart)) }
        for key in originDestination.keys { days.insert(key.dayStart) }
        for key in routeSplits.keys { days.insert(key.dayStart) }
        for key in routeSplitsByID.keys { days.insert(key.dayStart) }
        days.formUnion(distributions.dayStarts)
        return days.sorted()
    }

    /// Moves every total of the service days for which `leaves` is true (given a day's start
    /// by `calendar`) into a new accumulator, and keeps the rest: the live engine's retention
    /// window (docs/live.md). Publishing uses the same service days for its disclosure groups,
    /// so publishing the two parts apart gives the rows that publishing them together would.
    package mutating func removeServiceDays(_ calendar: ServiceCalendar, where leaves: (Int64) -> Bool) -> CrowdingAccumulator {
        var removed = CrowdingAccumulator(binMillis: binMillis)
        func byBin(_ bin: Int64) -> Bool { leaves(calendar.serviceDayStart(of: bin)) }
        removed.stationBins = stationBins.removeBins(where: byBin)
        removed.linkLoads = linkLoads.removeBins(where: byBin)
        (removed.interchangeFlows, interchangeFlows) = Self.split(interchangeFlows) { byBin($0.binStart) }
        (removed.originDestination, originDestination) = Self.split(originDestination) { leaves($0.dayStart) }
        (removed.routeSplits, routeSplits) = Self.split(routeSplits) { leaves($0.dayStart) }
        (removed.routeSplitsByID, routeSplitsByID) = Self.split(routeSplitsByID) { leaves($0.dayStart) }
        // Route ids are shared by every day; the removed part needs those it uses to publish.
        for key in removed.routeSplitsByID.keys where removed.routeOfID[key.routeID] == nil {
            removed.routeOfID[key.routeID] = routeOfID[key.routeID]
        }
        removed.distributions = distributions.removeDays(where: leaves)
        return removed
    }

    private static func split<K: Hashable, V>(_ cells: [K: V], _ leaves: (K) -> Bool) -> (removed: [K: V], kept: [K: V]) {
        var removed: [K: V] = [:], kept: [K: V] = [:]
        for (k, v) in cells {
            if leaves(k) { removed[k] = v } else { kept[k] = v }
        }
        return (removed, kept)
    }
}
