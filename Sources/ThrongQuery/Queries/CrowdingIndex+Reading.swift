import ThrongCore

extension CrowdingIndex {
    /// Reads an observed cell of `table`'s `entity` in `bin`, with people from `factor`.
    func observedReading(table: TypicalTable, entity: Int, cell: Float, bin: Int, factor: Double, noiseSigma: Double, absent: Unavailability) -> CrowdingReading {
        let start = timeline.start(ofBin: bin)
        let category = timeline.days[Int(timeline.dayOfBin[bin])].category
        let band = Int(timeline.bandOfBin[bin])
        var r = CrowdingReading(start: start, end: start + binMillis, source: .observed, day: category, band: band)
        let slot = TypicalTable.slot(entity: entity, category: category.rawValue, band: band)
        r.typicalDays = Int(table.days[slot])
        guard cell >= 0 else {
            r.unavailable = cell == Self.suppressed ? .suppressed : absent
            return r
        }
        let people = PeopleEstimate(devices: Double(cell), factor: factor, noiseSigma: noiseSigma)
        r.dataAvailable = true
        r.devices = Double(cell)
        r.people = people
        let baseline = Double(table.baseline[entity])
        if baseline > 0 {
            let fraction = people.people / baseline
            r.percentageOfBaseline = fraction
            r.level = bands.level(fraction: fraction, people: people.people)
        }
        let usual = Double(table.people[slot])
        if usual > 0 { r.relativeToUsual = people.people / usual }
        return r
    }

    /// Reads the typical level of `table`'s `entity` for a day category and band.
    func typicalReading(table: TypicalTable, entity: Int, category: TypicalDay, band: Int, start: Int64, present: Bool, absent: Unavailability) -> CrowdingReading {
        var r = CrowdingReading(start: start, end: start + 15 * 60_000, source: .typical, day: category, band: band)
        guard present else { r.unavailable = absent; return r }
        let slot = TypicalTable.slot(entity: entity, category: category.rawValue, band: band)
        let level = table.people[slot]
        r.typicalDays = Int(table.days[slot])
        guard !level.isNaN else { r.unavailable = .notCovered; return r }
        guard level >= 0 else { r.unavailable = .suppressed; return r }
        let devices = Double(table.devices[slot])
        r.dataAvailable = true
        r.devices = devices
        r.people = devices > 0
            ? PeopleEstimate(devices: devices, factor: Double(level) / devices)
            : PeopleEstimate(people: 0, lower95: 0, upper95: PoissonInterval.ninetyFive(count: 0).upper, devices: 0, factor: 0)
        let baseline = Double(table.baseline[entity])
        if baseline > 0 {
            let fraction = Double(level) / baseline
            r.percentageOfBaseline = fraction
            r.level = bands.level(fraction: fraction, people: Double(level))
        }
        return r
    }

    /// The day category, local band and band start of an instant.
    func typicalSlot(of time: Int64) -> (category: TypicalDay, band: Int, start: Int64) {
        let minute = calendar.localMinuteOfDay(time)
        let start = time - Int64(minute % 15) * 60_000 - ((time % 60_000) + 60_000) % 60_000
        return (TypicalDay(serviceDate: calendar.serviceDate(of: time)), minute / 15, start)
    }
}
