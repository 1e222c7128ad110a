extension DeviceOutcome {
    /// Adds the outcome of another session of the same device: journeys and other visits
    /// appended, counts summed, and the device a passenger if any session was one (then a
    /// resident if any session was one, then a passer-by). For observers that want one
    /// outcome per device (evaluation); aggregation counts each session on its own.
    package mutating func absorb(_ session: DeviceOutcome) {
        journeys.append(contentsOf: session.journeys)
        otherVisits.append(contentsOf: session.otherVisits)
        counts.events += session.counts.events
        counts.duplicates += session.counts.duplicates
        counts.visits += session.counts.visits
        counts.residentVisits += session.counts.residentVisits
        counts.passerByVisits += session.counts.passerByVisits
        counts.journeys += session.counts.journeys
        counts.singleVisitJourneys += session.counts.singleVisitJourneys
        counts.skewRepairs += session.counts.skewRepairs
        let rank: [DeviceClassification: Int] = [.passenger: 3, .resident: 2, .passerBy: 1, .empty: 0]
        if rank[session.classification]! > rank[classification]! { classification = session.classification }
    }
}
