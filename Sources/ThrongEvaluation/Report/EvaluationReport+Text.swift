extension EvaluationReport: CustomStringConvertible {
    /// A plain-text report for people.
    public var description: String {
        func pct(_ x: Double) -> String { String(format1: x * 100) + "%" }
        var s = "Accuracy against simulator ground truth\n"
        s += "  truth journeys \(truthJourneys), wifi stations \(wifiStations), engine devices \(engineDevices), engine journeys with both ends \(engineJourneysBothEnds)\n"
        s += "OD (journeys observable at both ends: \(od.observable))\n"
        s += "  correct \(od.correct) (\(pct(od.rate))); without MAC change \(pct(od.rateWithoutTokenChange))\n"
        s += "  missed \(od.missed), split \(od.split), merged \(od.merged), wrong origin \(od.wrongOrigin) (of which entrance ping split off \(od.wrongOriginEntranceSplitOff)), wrong destination \(od.wrongDestination)\n"
        s += "  MAC changes \(od.tokenChanged) (correct \(od.tokenChangedCorrect))\n"
        s += "  precision: engine journeys with both ends \(od.engineJourneys), right \(od.engineMatched) (\(pct(od.precision))); wrong with a truth end lacking wifi \(od.engineEndWithoutWifi)\n"
        s += "Link loads (\(links.busiest.count) busiest links by truth; totals truth \(String(format1: links.truthTotal)), engine \(String(format1: links.engineTotal)))\n"
        s += "  relative error max \(pct(links.maxRelativeError)), median \(pct(links.medianRelativeError)); within 5%: \(links.within(0.05))\n"
        for e in links.busiest.prefix(10) {
            s += "    \(linkNames[e.link.index]): truth \(Int(e.truth)), engine \(String(format1: e.engine)) (\(pct(e.relativeError)))\n"
        }
        let worst = links.busiest.sorted { $0.relativeError > $1.relativeError }.prefix(5)
        s += "  worst of them:\n"
        for e in worst {
            s += "    \(linkNames[e.link.index]): truth \(Int(e.truth)), engine \(String(format1: e.engine)) (\(pct(e.relativeError)))\n"
        }
        let u = unambiguousLinks
        s += "Link loads, \(u.busiest.count) busiest links with unambiguous truth (\(ambiguousLinkCount) links ambiguous in the truth paths)\n"
        s += "  relative error max \(pct(u.maxRelativeError)), median \(pct(u.medianRelativeError)); within 5%: \(u.within(0.05))\n"
        for split in routeSplits {
            s += "Route split \(stationNames[split.origin.index]) → \(stationNames[split.destination.index]) (truth \(split.truthJourneys), engine \(split.engineJourneys) journeys; max difference \(String(format1: split.maxDifferencePoints)) pp)\n"
            for r in split.routes {
                s += "    \(r.path): truth \(pct(r.truthShare)) (\(r.truthJourneys)), engine \(pct(r.engineShare)) (\(String(format1: r.engineJourneys))), \(String(format1: r.differencePoints)) pp\n"
            }
        }
        for r in references {
            let rule = r.rule == .consecutiveEvents ? "published rule" : "per-visit occupancy, informational"
            s += "Station bins vs brute-force reference (\(rule)): \(r.cells) cells, \(r.isExact ? "all equal" : "differences")\n"
            if !r.isExact {
                s += "  occupancy \(r.occupancyMismatches), platform \(r.platformOccupancyMismatches), concourse \(r.concourseOccupancyMismatches), entries \(r.entryMismatches), exits \(r.exitMismatches), interchanges \(r.interchangeMismatches), pass-throughs \(r.passThroughMismatches)\n"
                for e in r.examples { s += "    \(e)\n" }
            }
        }
        return s
    }
}

extension String {
    /// `x` with one decimal.
    init(format1 x: Double) {
        guard x.isFinite else { self = x > 0 ? "inf" : "nan"; return }
        let r = (x * 10).rounded() / 10
        let whole = Int(r.magnitude)
        let tenth = Int(((r.magnitude - Double(whole)) * 10).rounded())
        self = (r < 0 ? "-" : "") + "\(whole).\(tenth)"
    }
}
